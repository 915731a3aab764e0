import ChildProcess
import Foundation
import XCTest
import Money
import Kiosk
import Ledger

/// Whole days of the real binary: several processes on one ledger, fault storms, and a kill
/// in the middle of a day. The ledger is read back with the `sqlite3` shell, independently.
final class ReliabilityTests: XCTestCase {
    private func sql(_ ledger: String, _ query: String) throws -> String {
        try ChildProcess.run("sqlite3", [ledger, query], timeout: 60).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func count(in summary: String, _ label: String) -> Int {
        let line = summary.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
        return Int(line?.split(separator: " ").last(where: { Int($0) != nil }) ?? "") ?? -1
    }

    func testThreeKiosksWritingOneLedgerLoseAndRepeatNothing() throws {
        let ledger = KioskBinary.temporaryLedger()
        let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
        let terminals = ["SE-SJK3-1", "SE-KYO-1", "FM-SBY-1"]
        var outputs = [KioskBinary.Output?](repeating: nil, count: terminals.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: terminals.count) { i in
            let out = try? KioskBinary.run(["simulate", "--ledger", ledger, "--terminal", terminals[i], "--customers", "300",
                                               "--seed", String(i + 1), "--receipts", receipts])
            lock.withLock { outputs[i] = out }
        }
        for (i, terminal) in terminals.enumerated() {
            let out = try XCTUnwrap(outputs[i])
            XCTAssertEqual(out.status, 0, "\(terminal): \(out.stderr)")
            let flows = ["completed", "cancelled", "refunded", "refunds due", "failed"].map { count(in: out.stdout, $0) }.reduce(0, +)
            XCTAssertGreaterThan(flows, 150, out.stdout)
            // The machine's own sales, and those of its slips paid at the store's register.
            XCTAssertEqual(try sql(ledger, """
                SELECT count(*) FROM transactions WHERE terminal_id = '\(terminal)'
                    OR id IN (SELECT txn_id FROM register_slips WHERE terminal_id = '\(terminal)')
                """), String(flows), terminal)
            // Receipt numbers run 1, 2, 3… with no gap and none twice.
            XCTAssertEqual(try sql(ledger, "SELECT count(receipt_no) = count(DISTINCT receipt_no) AND count(receipt_no) = coalesce(max(receipt_no), 0) FROM transactions WHERE terminal_id = '\(terminal)'"), "1")
        }
        XCTAssertEqual(try sql(ledger, "SELECT count(*) = max(seq) FROM journal"), "1", "journal rows missing")
        XCTAssertEqual(try sql(ledger, "SELECT count(*) FROM (SELECT txn_id FROM journal WHERE kind = 'begin' GROUP BY txn_id HAVING count(*) > 1)"), "0")
        XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
    }

    func testFaultStormRefundsEveryFailedTopUpAndCreditsNoneTwice() throws {
        let ledger = KioskBinary.temporaryLedger()
        let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--terminals", "2", "--customers", "200", "--seed", "30",
                                       "--faults", "host-timeout=0.3,host-error=0.3",
                                       "--receipts", URL(fileURLWithPath: ledger).deletingLastPathComponent().path])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertGreaterThan(count(in: out.stdout, "refunded") + count(in: out.stdout, "refunds due"), 20, out.stdout)
        // A failed top-up never ends as a sale; a refund never leaves a credit behind.
        XCTAssertEqual(try sql(ledger, """
            SELECT count(*) FROM transactions t WHERE EXISTS (SELECT 1 FROM journal j WHERE j.txn_id = t.id AND j.kind = 'top_up_failed')
            AND t.status NOT IN ('refunded', 'refund_due', 'failed', 'cancelled')
            """), "0")
        XCTAssertEqual(try sql(ledger, "SELECT count(*) FROM transactions t JOIN host_topups h ON h.txn_id = t.id WHERE t.status != 'completed'"), "0")
        XCTAssertEqual(try sql(ledger, "SELECT count(*) FROM transactions t WHERE t.status = 'completed' AND NOT EXISTS (SELECT 1 FROM host_topups h WHERE h.txn_id = t.id)"), "0")
        XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
    }

    func testKilledInTheMiddleOfADayThenRecovered() throws {
        let ledger = KioskBinary.temporaryLedger()
        let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
        for delay in [0.8, 1.7] {
            let day = try ChildProcess(KioskBinary.url.path, ["simulate", "--ledger", ledger, "--customers", "5000", "--receipts", receipts,
                                                              "--fixtures", KioskBinary.projectRoot.appendingPathComponent("fixtures").path])
            Thread.sleep(forTimeInterval: delay)
            day.kill()
            XCTAssertEqual(day.wait(timeout: 30).signal, SIGKILL)
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts])
            XCTAssertEqual(recover.status, 0, recover.stderr)
            XCTAssertEqual(try sql(ledger, "SELECT count(*) FROM transactions WHERE status = 'open'"), "0")
            XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
        }
    }

    /// The same seed gives the same day, and the X reports of its terminals add up to its sales.
    func testTheSameSeedGivesTheSameDayAndTheXReportsAgree() throws {
        var sales: [String] = []
        var ledger = ""
        for _ in 0..<2 {
            ledger = KioskBinary.temporaryLedger()
            let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--terminals", "3", "--customers", "150", "--seed", "7",
                                           "--receipts", URL(fileURLWithPath: ledger).deletingLastPathComponent().path])
            XCTAssertEqual(out.status, 0, out.stderr)
            sales.append(out.stdout.split(separator: "\n").first { $0.contains("sales") }.map(String.init) ?? "")
        }
        XCTAssertEqual(sales[0], sales[1])
        let summaryYen = Int(sales[0].filter(\.isNumber)) ?? -1
        var reported = 0
        for terminal in ["SE-SJK3-1", "SE-KYO-1", "FM-SBY-1"] {
            let x = try KioskBinary.run(["report", "x", "--terminal", terminal, "--ledger", ledger, "--format", "json"])
            XCTAssertEqual(x.status, 0, x.stderr)
            let json = try JSONSerialization.jsonObject(with: Data(x.stdout.utf8)) as? [String: Any]
            reported += json?["sales_yen"] as? Int ?? -1
        }
        XCTAssertEqual(reported, summaryYen)
    }
}
