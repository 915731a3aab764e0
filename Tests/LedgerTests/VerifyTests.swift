import GRDB
import XCTest
import Money
@testable import Ledger

final class VerifyTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        for n in 1...5 {
            try ledger.record(flow: Flow.cashSale("T\(n)", at: Flow.time(n * 60)))
        }
    }

    /// 1 opening float + 5 sales of 7 rows each.
    let rows = 36

    func testAnUntouchedJournalVerifies() throws {
        XCTAssertEqual(try ledger.verify(), .ok(rows: rows, zReports: 0))
    }

    func testEditingOnePayloadByHandIsFoundAtThatRow() throws {
        let raw = try rawConnection(ledger.path)
        // The append-only trigger stops a plain edit...
        XCTAssertThrowsError(try raw.write { db in
            try db.execute(sql: "UPDATE journal SET payload = '{\"denomination\":10000}' WHERE seq = 10")
        })
        XCTAssertEqual(try ledger.verify(), .ok(rows: rows, zReports: 0))
        // ...so a determined editor drops it first; the chain still gives the row away.
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            try db.execute(sql: "UPDATE journal SET payload = '{\"denomination\":10000}' WHERE seq = 10")
        }
        guard case .broken(let seq, let reason) = try ledger.verify() else {
            return XCTFail("the edited journal verified")
        }
        XCTAssertEqual(seq, 10)
        XCTAssertTrue(reason.contains("row 10"), reason)
    }

    func testEditingAHashAsWellBreaksTheNextRow() throws {
        let raw = try rawConnection(ledger.path)
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            let payload = #"{"denomination":10000}"#
            let row = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE seq = 3")!
            let hash = Chain.hash(prev: row["prev_hash"], seq: 3, txnId: row["txn_id"], terminalId: row["terminal_id"],
                                  at: row["at"], kind: row["kind"], payload: payload)
            try db.execute(sql: "UPDATE journal SET payload = ?, hash = ? WHERE seq = 3", arguments: [payload, hash])
        }
        XCTAssertEqual(try ledger.verify(), .broken(seq: 4, reason: "row 4 does not follow the row before it (a row was removed or inserted)"))
    }

    func testRemovingARowIsFoundAtTheRowAfterIt() throws {
        try rawConnection(ledger.path).write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_delete")
            try db.execute(sql: "DELETE FROM journal WHERE seq = 20")
        }
        guard case .broken(let seq, _) = try ledger.verify() else { return XCTFail("a removed row went unnoticed") }
        XCTAssertEqual(seq, 21)
    }

    func testClosedZReportsVerifyUntilTheirBodyIsEdited() throws {
        let first = try ledger.closeDay(storeId: "S001", terminalId: "K1", businessDate: "2026-11-25",
                                        closedAt: Flow.time(3600), body: "Z 1\nsales 5 ¥14,900\n")
        let second = try ledger.closeDay(storeId: "S001", terminalId: "K1", businessDate: "2026-11-26",
                                         closedAt: Flow.time(90000), body: "Z 2\nsales 0\n")
        XCTAssertEqual([first.number, second.number], [1, 2])
        XCTAssertEqual(try ledger.zReports(terminalId: "K1"), [first, second])
        XCTAssertEqual(try ledger.verify(), .ok(rows: rows, zReports: 2))

        let raw = try rawConnection(ledger.path)
        XCTAssertThrowsError(try raw.write { db in
            try db.execute(sql: "UPDATE z_reports SET body = 'Z 2\nsales 1\n' WHERE number = 2")
        })
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER z_reports_no_update")
            try db.execute(sql: "UPDATE z_reports SET body = 'Z 2\nsales 1\n' WHERE number = 2")
        }
        XCTAssertEqual(try ledger.verify(), .zReportChanged(number: 2, terminalId: "K1"))
    }

    func testAnotherProcessExtendsTheSameChain() throws {
        let other = try Ledger(path: ledger.path)
        try other.ensureTerminal(storeId: "S001", terminalId: "K2", openingFloat: [100: 10], at: Flow.morning)
        try other.record(flow: Flow.cardSale("C1", terminal: "K2"))
        try ledger.record(flow: Flow.cashSale("T6", at: Flow.time(600)))
        XCTAssertEqual(try ledger.verify(), .ok(rows: rows + 1 + 7 + 7, zReports: 0))
        XCTAssertEqual(try other.verify(), try ledger.verify())
    }
}
