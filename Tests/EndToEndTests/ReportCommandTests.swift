import Foundation
import GRDB
import Ledger
import XCTest
import Money

/// `kiosk staff`, `kiosk cash` and `kiosk report` as staff type them, on a ledger where
/// terminal SE-SJK3-1 of the fixtures has sold three top-ups in the last hour.
final class ReportCommandTests: XCTestCase {
    var folder: URL!
    var path: String!
    let terminal = "SE-SJK3-1"
    let store = "se-shinjuku-3"

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try Ledger(path: path)
        let start = Date().addingTimeInterval(-3600)
        try ledger.ensureTerminal(storeId: store, terminalId: terminal, openingFloat: [10: 50, 100: 50, 1000: 20], at: start)
        for (i, inserted) in [[5000], [1000, 1000, 1000], [10000]].enumerated() {
            try sell("T\(i)", inserted: inserted, on: ledger, at: start.addingTimeInterval(Double(60 * (i + 1))))
        }
        XCTAssertEqual(try run(["staff", "add", "--name", "Sato"], stdin: "2468\n").status, 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testStaffAddReadsThePINFromStandardInput() throws {
        let added = try run(["staff", "add", "--name", "Tanaka"], stdin: "135790\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(try run(["staff", "list"]).stdout, "Sato\nTanaka\n")
        XCTAssertEqual(try Ledger(path: path).checkStaffPIN("135790", member: "Tanaka", terminalId: terminal).name, "Tanaka")
    }

    func testCashReplenishAndCollectAreJournaledWithTheStaffName() throws {
        let status = try run(["cash", "status", "--terminal", terminal])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.contains("¥1,000    14 / 200"), status.stdout)
        let replenish = try run(["cash", "replenish", "--terminal", terminal, "--counts", "1000=20,100=50", "--staff", "Sato"])
        XCTAssertEqual(replenish.status, 0, replenish.stderr)
        XCTAssertTrue(replenish.stdout.hasPrefix("Sato put ¥25,000 into SE-SJK3-1: ¥1,000 × 20, ¥100 × 50."), replenish.stdout)
        let collect = try run(["cash", "collect", "--terminal", terminal, "--counts", "10000=1", "--staff", "Sato"])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        let ledger = try Ledger(path: path)
        XCTAssertEqual(try ledger.cashInventory(terminalId: terminal)[1000], 34)
        XCTAssertEqual(try ledger.cashInventory(terminalId: terminal)[10000], 0)
        XCTAssertEqual(try ledger.journal().suffix(2).map(\.step), [.replenished(pieces: [1000: 20, 100: 50], staff: "Sato"),
                                                                    .collected(pieces: [10000: 1], staff: "Sato")])
    }

    func testEachBadCashInputIsOneSentenceAndChangesNothing() throws {
        let cases: [([String], String)] = [
            (["cash", "replenish", "--terminal", terminal, "--counts", "1000=x"], "\"x\" in \"1000=x\" is not a number of pieces"),
            (["cash", "replenish", "--terminal", terminal, "--counts", "2000=1"], "The machine does not take ¥2000"),
            (["cash", "collect", "--terminal", terminal, "--counts", "1000=99"], "fewer than the 99 to collect"),
            (["cash", "replenish", "--terminal", terminal, "--counts", "1000=190"], "has room for"),
            (["cash", "status", "--terminal", "XX-1"], "Terminal XX-1 is not in the fixtures"),
            (["cash", "collect", "--terminal", terminal, "--counts", "1000=1", "--staff", "Nobody"], "no member of staff called Nobody"),
            (["cash", "collect", "--terminal", terminal], "Say what to collect with --counts"),
        ]
        try assertEachFailsChangingNothing(cases)
    }

    func testXReportAsJSONMatchesTheLedgerAndChangesNothing() throws {
        let before = try fingerprint()
        let x = try run(["report", "x", "--terminal", terminal, "--format", "json"])
        XCTAssertEqual(x.status, 0, x.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["kind"] as? String, "x")
        XCTAssertEqual(json["terminal"] as? String, terminal)
        XCTAssertEqual(json["sales_yen"] as? Int, 3 * 2980)
        XCTAssertEqual((json["transactions"] as? [String: Int])?["completed"], 3)
        let cash = try XCTUnwrap(json["cash"] as? [String: Any])
        XCTAssertEqual(cash["in_yen"] as? Int, 18_000)
        XCTAssertEqual(cash["expected_yen"] as? Int, 25_500 + 3 * 2980)
        XCTAssertTrue(cash["over_short_yen"] is NSNull)
        XCTAssertEqual(try fingerprint(), before)
    }

    func testZReportsAreNumberedAndCountedCashGivesOverShort() throws {
        let inventory = try Ledger(path: path).cashInventory(terminalId: terminal)
        let spec = inventory.map { "\($0.denomination)=\($0.count)" }.joined(separator: ",")
        let first = try run(["report", "z", "--terminal", terminal, "--counted", spec, "--format", "json", "--staff", "Sato"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let z1 = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(z1["number"] as? Int, 1)
        XCTAssertEqual((z1["cash"] as? [String: Any])?["over_short_yen"] as? Int, 0)

        let second = try run(["report", "z", "--terminal", terminal, "--counted", "100=50", "--format", "json"])
        XCTAssertEqual(second.status, 0, second.stderr)
        let z2 = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(z2["number"] as? Int, 2)
        XCTAssertEqual(z2["sales_yen"] as? Int, 0)
        XCTAssertEqual((z2["cash"] as? [String: Any])?["over_short_yen"] as? Int, 5_000 - (25_500 + 3 * 2980))

        let stored = try Ledger(path: path).zReports(terminalId: terminal)
        XCTAssertEqual(stored.map(\.number), [1, 2])
        guard case .zClosed(2, _, 5_000, let staff)? = try Ledger(path: path).journal().last?.step else {
            return XCTFail("the Z is journaled with its number and the cash counted")
        }
        XCTAssertEqual(staff, "command line (\(ProcessInfo.processInfo.environment["USER"] ?? "unknown user"))")
        let store = try run(["report", "z", "--store", store])
        XCTAssertEqual(store.status, 0, store.stderr)
        XCTAssertTrue(store.stdout.contains("Z No. 3"), store.stdout)
    }

    func testTextPDFAndCSVComeFromTheSameReport() throws {
        let text = try run(["report", "x", "--terminal", terminal, "--width", "42"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("X REPORT"), text.stdout)
        XCTAssertTrue(text.stdout.contains("7-Eleven Shinjuku 3-chome"), text.stdout)
        XCTAssertTrue(text.stdout.contains("#"), "no bar per hour:\n\(text.stdout)")
        XCTAssertTrue(text.stdout.split(separator: "\n").allSatisfy { $0.count <= 42 }, text.stdout)
        let pdf = folder.appendingPathComponent("x.pdf")
        XCTAssertEqual(try run(["report", "x", "--terminal", terminal, "--format", "pdf", "--out", pdf.path]).status, 0)
        XCTAssertTrue(try Data(contentsOf: pdf).starts(with: Data("%PDF".utf8)))
        let csv = try run(["report", "x", "--store", store, "--format", "csv"])
        XCTAssertTrue(csv.stdout.contains("sales,sales,,3,8940\r\n"), csv.stdout)
    }

    func testEachBadReportInputIsOneSentenceAndChangesNothing() throws {
        let cases: [([String], String)] = [
            (["report", "z"], "Name a terminal with --terminal ID or a store with --store ID."),
            (["report", "z", "--store", store, "--terminal", terminal], "Give either --store or --terminal, not both."),
            (["report", "z", "--store", store, "--counted", "100=1"], "--counted is the cash of one terminal"),
            (["report", "z", "--terminal", terminal, "--counted", "1000=x"], "\"x\" in \"1000=x\" is not a number of pieces"),
            (["report", "z", "--terminal", "XX-1"], "Terminal XX-1 is not in the fixtures"),
            (["report", "z", "--store", "nowhere"], "Store nowhere has no terminal on this ledger"),
            (["report", "z", "--terminal", terminal, "--format", "pdf"], "A PDF is written to a file; add --out FILE."),
            (["report", "z", "--terminal", terminal, "--width", "40"], "The width must be 32, 42 or 48 columns, not 40."),
            (["report", "z", "--terminal", terminal, "--staff", "Nobody"], "no member of staff called Nobody"),
            (["report", "z", "--terminal", terminal, "--out", "/nonexistent/z.txt"], "its folder does not exist"),
            (["staff", "add", "--name", "Ito"], "Type the PIN (4 to 8 digits) on standard input"),
        ]
        try assertEachFailsChangingNothing(cases)
        let badPIN = try run(["staff", "add", "--name", "Ito"], stdin: "12a4\n")
        XCTAssertNotEqual(badPIN.status, 0)
        XCTAssertEqual(badPIN.stderr, "A staff PIN is 4 to 8 digits.\n")
    }

    // MARK: - Helpers

    private func run(_ arguments: [String], stdin: String? = nil) throws -> KioskBinary.Output {
        try KioskBinary.run(arguments + ["--ledger", path], stdin: stdin)
    }

    private func assertEachFailsChangingNothing(_ cases: [([String], String)], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try fingerprint()
        for (arguments, sentence) in cases {
            let out = try run(arguments)
            XCTAssertNotEqual(out.status, 0, arguments.joined(separator: " "), file: file, line: line)
            XCTAssertTrue(out.stderr.contains(sentence), "\(arguments.joined(separator: " ")): \(out.stderr)", file: file, line: line)
            XCTAssertEqual(out.stderr.filter { $0 == "\n" }.count, 1, "not one line: \(out.stderr)", file: file, line: line)
            XCTAssertTrue(out.stderr.hasSuffix(".\n"), "not a sentence: \(out.stderr)", file: file, line: line)
        }
        XCTAssertEqual(try fingerprint(), before, file: file, line: line)
    }

    /// Row counts of everything a command could write.
    private func fingerprint() throws -> [Int] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            try ["journal", "cash_movements", "cash_inventory", "z_reports", "staff", "transactions"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            } + [try Int.fetchOne(db, sql: "SELECT sum(count) FROM cash_inventory") ?? 0]
        }
    }

    /// A cash sale of ¥2,980 as the kiosk journals it, change paid in ¥1,000s and ¥10s.
    private func sell(_ id: String, inserted: [Int], on ledger: Ledger, at: Date) throws {
        let paid = inserted.reduce(0, +)
        let change = paid - 2980
        let pieces: CashPieces = [1000: change / 1000, 100: change % 1000 / 100, 10: change % 100 / 10]
        func entry(_ s: Double, _ step: Step) -> Entry { Entry(txnId: id, terminalId: terminal, at: at.addingTimeInterval(s), step: step) }
        try ledger.record([entry(0, .begin(TransactionStart(id: id, storeId: store, terminalId: terminal, businessDate: "2026-11-25",
                                                           simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30",
                                                           amountYen: 2980, taxYen: 270, paymentMethod: .cash)))]
                          + inserted.enumerated().map { entry(1 + Double($0.offset), .cashIn(denomination: $0.element)) })
        try ledger.record([entry(10, .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")),
                           entry(11, .topUpApplied(newExpiry: "2026-12-25")),
                           entry(12, .changeDispensed(pieces: pieces)), entry(12, .completed)])
    }
}
