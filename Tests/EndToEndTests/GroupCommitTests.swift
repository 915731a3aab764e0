import Foundation
import XCTest
import Kiosk
import Ledger

/// The machines' journal writes grouped into one commit: the same day as committing each on
/// its own, and a process killed inside a group commit loses no yen.
final class GroupCommitTests: XCTestCase {
    private func day(_ extra: [String], customers: Int = 400) throws -> (out: String, ledger: String) {
        let ledger = KioskBinary.temporaryLedger()
        let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--terminals", "8", "--customers", String(customers),
                                       "--seed", "7", "--receipts", URL(fileURLWithPath: ledger).deletingLastPathComponent().path]
                                      + extra)
        XCTAssertEqual(out.status, 0, out.stderr)
        return (out.stdout, ledger)
    }

    /// The day as printed, outcomes and hours, without the journal's commits and the time taken.
    private func outcomes(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.contains("customers per second") && !$0.contains("commits") }
    }

    private func commits(_ text: String) -> (writes: Int, commits: Int, fewest: Int) {
        let line = text.split(separator: "\n").first { $0.contains("writes in") } ?? ""
        let numbers = line.split(separator: " ").compactMap { Int($0) } + [-1, -1, -1]
        return (numbers[0], numbers[1], numbers[2])
    }

    func testTheSameDayWithAndWithoutGroupCommitAndTheSameSeedTheSameDay() throws {
        let grouped = try day([])
        let again = try day([])
        let alone = try day(["--no-group-commit"])
        XCTAssertGreaterThan(outcomes(grouped.out).count, 8, grouped.out)
        XCTAssertEqual(outcomes(grouped.out), outcomes(alone.out))
        XCTAssertEqual(outcomes(grouped.out), outcomes(again.out))
        // Every write is kept either way, in fewer commits when grouped.
        let (writes, groupCommits, fewest) = commits(grouped.out)
        XCTAssertEqual(commits(alone.out).writes, writes)
        XCTAssertEqual(commits(alone.out).commits, writes)
        XCTAssertLessThan(groupCommits, writes * 2 / 3, grouped.out)
        // As few commits as the queue's clock order allows, which is the same day's either way.
        XCTAssertEqual(groupCommits, fewest, grouped.out)
        XCTAssertEqual(commits(alone.out).fewest, groupCommits, alone.out)
        for ledger in [grouped.ledger, alone.ledger] {
            XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
            XCTAssertEqual(try KioskBinary.run(["ledger", "verify", "--ledger", ledger]).status, 0)
        }
        // The same sales in the ledgers, sale by sale.
        let sales = try [grouped.ledger, alone.ledger].map { path in
            try Ledger(path: path).transactions().map { "\($0.id) \($0.status.rawValue) \($0.amountYen) \($0.cashInYen) \($0.changeYen) \($0.receiptNo ?? 0)" }.sorted()
        }
        XCTAssertEqual(sales[0], sales[1])
    }

    /// Killed inside the Nth group commit, before it commits, then recovered: every coin and
    /// bill is accounted for, nothing is left open and the chain is intact.
    func testKilledInsideAGroupCommitThenRecoveredNoYenIsLost() throws {
        for group in [1, 7, 40, 133, 250] {
            let ledger = KioskBinary.temporaryLedger()
            let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
            let out = try KioskBinary.run(["simulate", "--ledger", ledger, "--terminals", "8", "--customers", "300", "--seed", "11",
                                           "--receipts", receipts, "--crash-in-group-commit", String(group)])
            XCTAssertTrue(out.killed, "group \(group): \(out.stdout) \(out.stderr)")
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts])
            XCTAssertEqual(recover.status, 0, "group \(group): \(recover.stderr)")
            let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
            XCTAssertEqual(verify.status, 0, "group \(group): \(verify.stderr)")
            let opened = try Ledger(path: ledger)
            XCTAssertEqual(try opened.openTransactions(), [], "group \(group)")
            XCTAssertEqual(try Invariants.check(opened), [], "group \(group)")
            // The day carries on from the recovered ledger.
            let next = try KioskBinary.run(["simulate", "--ledger", ledger, "--terminals", "8", "--customers", "50", "--seed", "12",
                                            "--receipts", receipts])
            XCTAssertEqual(next.status, 0, "group \(group): \(next.stderr)")
        }
    }
}
