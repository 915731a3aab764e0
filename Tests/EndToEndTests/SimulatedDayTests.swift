import Foundation
import XCTest
import Kiosk
import Ledger

/// `kiosk simulate` and `kiosk plan` as a user runs them: a day in simulated time, its
/// numbers for people and for tools, a plot, a recommendation, and bad input refused.
final class SimulatedDayTests: XCTestCase {
    private func folder(_ ledger: String) -> String { URL(fileURLWithPath: ledger).deletingLastPathComponent().path }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testTheSameSeedGivesTheSameDayWaitsIncludedAndTheXReportAgrees() throws {
        var outputs: [String] = []
        var ledger = ""
        for _ in 0..<2 {
            ledger = KioskBinary.temporaryLedger()
            let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--receipts", folder(ledger), "--store", "lw-haneda-t3",
                                           "--terminals", "2", "--hours", "3", "--seed", "4", "--format", "json"])
            XCTAssertEqual(out.status, 0, out.stderr)
            outputs.append(out.stdout)
        }
        XCTAssertEqual(outputs[0], outputs[1])
        let day = try json(outputs[0])
        for key in ["customers", "served", "balked", "gave_up", "sales_yen", "wait_mean_s", "wait_p50_s", "wait_p95_s",
                    "wait_max_s", "waited_share", "utilisation", "by_hour"] {
            XCTAssertNotNil(day[key], key)
        }
        let customers = try XCTUnwrap(day["customers"] as? Int)
        XCTAssertGreaterThan(customers, 100)
        XCTAssertEqual(customers, (day["served"] as? Int ?? 0) + (day["balked"] as? Int ?? 0) + (day["gave_up"] as? Int ?? 0))
        XCTAssertEqual((day["by_hour"] as? [Any])?.count, 3)
        XCTAssertEqual((day["utilisation"] as? [String: Any]).map { Set($0.keys) }, ["LW-HND-1", "LW-HND-2"])
        XCTAssertEqual((day["out_of_service"] as? [Any])?.count, 0)
        // The day's sales are the X reports' sales.
        var reported = 0
        for terminal in ["LW-HND-1", "LW-HND-2"] {
            let x = try KioskBinary.run(["report", "x", "--terminal", terminal, "--ledger", ledger, "--format", "json"])
            XCTAssertEqual(x.status, 0, x.stderr)
            reported += try json(x.stdout)["sales_yen"] as? Int ?? -1
        }
        XCTAssertEqual(reported, day["sales_yen"] as? Int)
        // Journal times are simulated times: the day starts at the store's opening, 05:00 in Japan.
        XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
        let first = try XCTUnwrap(try Ledger(path: ledger).transactions().first)
        XCTAssertEqual(JapanTime.hour(first.startedAt), 5, "\(first.startedAt)")
    }

    func testTheTableAndAPlot() throws {
        let ledger = KioskBinary.temporaryLedger()
        let plot = folder(ledger) + "/day.svg"
        let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--receipts", folder(ledger), "--store", "lw-haneda-t3",
                                       "--terminals", "1", "--hours", "2", "--plot", plot])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("hour    came  served"), out.stdout)
        XCTAssertTrue(out.stdout.contains("█"), out.stdout)
        XCTAssertTrue(out.stdout.contains("LW-HND-1"), out.stdout)
        let svg = try String(contentsOfFile: plot, encoding: .utf8)
        XCTAssertTrue(svg.contains("<svg"), svg)
    }

    func testPlanRecommendsTheFewestMachinesThatMeetTheTarget() throws {
        let out = try KioskBinary.run(["plan", "--store", "lw-haneda-t3", "--target", "p95-wait<=120", "--max-machines", "3",
                                       "--days", "1", "--hours", "4"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let rows = out.stdout.split(separator: "\n").filter { $0.hasSuffix("yes") || $0.hasSuffix("no") }
        XCTAssertEqual(rows.count, 3, out.stdout)
        let firstYes = try XCTUnwrap(rows.firstIndex { $0.hasSuffix("yes") })
        XCTAssertTrue(out.stdout.contains("Recommendation: \(firstYes + 1) machine"), out.stdout)
        // 05:00–09:00 at Haneda is the morning rush: one machine cannot keep up.
        XCTAssertTrue(rows[0].hasSuffix("no"), out.stdout)
    }

    func testAMachineThatCannotWriteTheLedgerIsNamedWithWhy() throws {
        let ledger = KioskBinary.temporaryLedger()
        _ = try Ledger(path: ledger)
        let day = ["simulate", "--ledger", ledger, "--receipts", folder(ledger), "--terminal", "SE-KYO-1", "--customers", "4", "--seed", "2"]
        // Another program holds the ledger's write lock for the whole day.
        let (text, json) = try KioskBinary.whileAnotherProgramLocks(ledger) {
            (try KioskBinary.run(day), try KioskBinary.run(day + ["--format", "json"]))
        }
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("SE-KYO-1 went out of service at ") && $0.contains(" JST: The ledger cannot be written. ")
            && $0.hasSuffix("stayed locked by another program for too long.") }, text.stdout)
        XCTAssertTrue(lines.contains("  balked       4 (saw the queue and left)"), text.stdout)

        XCTAssertEqual(json.status, 0, json.stderr)
        let stops = try XCTUnwrap(try self.json(json.stdout)["out_of_service"] as? [[String: Any]])
        XCTAssertEqual(stops.count, 1)
        XCTAssertEqual(stops.first?["terminal"] as? String, "SE-KYO-1")
        XCTAssertTrue((stops.first?["at"] as? String)?.hasSuffix("Z") == true, "\(stops)")
        XCTAssertTrue((stops.first?["reason"] as? String)?.hasPrefix("The ledger cannot be written. ") == true, "\(stops)")
    }

    func testBadInputIsOneSentence() throws {
        let cases: [([String], String)] = [
            (["plan", "--store", "lw-haneda-t3", "--target", "wait<120"], "p95-wait<=120"),
            (["plan", "--store", "nowhere", "--target", "p95-wait<=120"], "Unknown store \"nowhere\""),
            (["plan", "--store", "lw-haneda-t3", "--target", "p95-wait<=120", "--max-machines", "9"], "has 6 in-service terminals"),
            (["simulate", "--store", "lw-haneda-t3", "--profile", "beach"], "no arrival profile \"beach\""),
            (["simulate", "--service", "normal:60"], "not a distribution"),
            (["simulate", "--plot", "day.png"], ".svg or a .pdf"),
        ]
        for (arguments, expected) in cases {
            let out = try KioskBinary.run(arguments + ["--fixtures", KioskBinary.projectRoot.appendingPathComponent("fixtures").path]
                                          + (arguments[0] == "simulate" ? ["--ledger", KioskBinary.temporaryLedger()] : []))
            XCTAssertNotEqual(out.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(out.stderr.contains(expected), "\(arguments): \(out.stderr)")
        }
    }

    func testABrokenArrivalsOrBehaviourFileIsNamedByLineAndField() throws {
        let fixtures = KioskBinary.projectRoot.appendingPathComponent("fixtures")
        let cases: [(String, (String) -> String, String)] = [
            ("arrivals.csv", { $0.replacingOccurrences(of: "airport,30,", with: "airport,thirty,") },
             "arrivals.csv line 2: field \"00\" is \"thirty\", not a number from 0 to 10000."),
            ("behaviour.csv", { $0.replacingOccurrences(of: "print,constant:4,", with: "print,constant:-4,") },
             "behaviour.csv line 13: field \"time\" is \"constant:-4\""),
            ("stores.csv", { $0.replacingOccurrences(of: ",airport,05:00", with: ",airfield,05:00") },
             "stores.csv line 6: field \"arrival_profile\" names \"airfield\", which is not in arrivals.csv."),
        ]
        for (file, edit, expected) in cases {
            let copy = URL(fileURLWithPath: folder(KioskBinary.temporaryLedger())).appendingPathComponent("fixtures")
            try FileManager.default.copyItem(at: fixtures, to: copy)
            let url = copy.appendingPathComponent(file)
            try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
            let out = try KioskBinary.run(["simulate", "--fixtures", copy.path, "--ledger", KioskBinary.temporaryLedger(), "--customers", "1"])
            XCTAssertEqual(out.status, 1, file)
            XCTAssertTrue(out.stderr.contains(expected), "\(file): \(out.stderr)")
        }
    }
}
