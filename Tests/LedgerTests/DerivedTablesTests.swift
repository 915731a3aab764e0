import GRDB
import XCTest
@testable import Ledger

/// `verify` recomputes every table the journal derives and names the first row that differs:
/// an edit that leaves the hash chain alone is still found.
final class DerivedTablesTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        try ledger.record(flow: Flow.cashSale("T1", at: Flow.time(60)))
        try ledger.record(flow: Flow.cardSale("T2", at: Flow.time(120)))
        // A customer's ¥1,000 that a jam kept: a refund due, settled later by staff.
        func entry(_ s: Int, _ step: Step) -> Entry { Entry(txnId: "T3", terminalId: "K1", at: Flow.time(s), step: step) }
        try ledger.record([entry(180, .begin(Flow.start("T3")))])
        try ledger.record([entry(181, .cashIn(denomination: 1000))])
        try ledger.record([entry(182, .refundDue(yen: 1000, reason: .machineStopped))])
        try ledger.record([entry(300, .refundSettled(yen: 1000, staff: "Sato"))])
        XCTAssertEqual(try ledger.verify().problem, nil)
    }

    private func edit(_ sql: String) throws {
        try rawConnection(ledger.path).write { db in try db.execute(sql: sql) }
    }

    private func disagreement() throws -> (table: String, detail: String) {
        guard case .tableDisagrees(let table, let detail) = try ledger.verify() else {
            XCTFail("the edit went unnoticed: \(try ledger.verify())")
            return ("", "")
        }
        return (table, detail)
    }

    func testAChangedTransactionColumnIsNamed() throws {
        try edit("UPDATE transactions SET change_yen = 0 WHERE id = 'T1'")
        let found = try disagreement()
        XCTAssertEqual(found.table, "transactions")
        XCTAssertEqual(found.detail, "the row id \"T1\" has change_yen 0, but the journal gives 2020")
    }

    func testAChangedCardNumberIsNamed() throws {
        try edit("UPDATE transactions SET card_last4 = '4242' WHERE id = 'T2'")
        XCTAssertEqual(try disagreement().detail, "the row id \"T2\" has card_last4 \"4242\", but the journal gives \"1111\"")
    }

    func testACashMovementThatNeverHappenedIsFound() throws {
        try edit("INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id) VALUES ('K1', '2026-11-25T04:50:00.000Z', 'collect', 5000, 1, NULL)")
        let found = try disagreement()
        XCTAssertEqual(found.table, "cash_movements")
        XCTAssertTrue(found.detail.hasSuffix("is in the table but not in the journal"), found.detail)
    }

    func testAnInventoryRowTakenOutIsFound() throws {
        try edit("DELETE FROM cash_inventory WHERE terminal_id = 'K1' AND denomination = 500")
        let found = try disagreement()
        XCTAssertEqual(found.table, "cash_inventory")
        XCTAssertEqual(found.detail, "the row terminal_id \"K1\", denomination 500 is in the journal but missing from the table")
    }

    func testASettledRefundRewrittenIsFound() throws {
        try edit("UPDATE refunds_due SET settled_by = 'Nobody' WHERE txn_id = 'T3'")
        let found = try disagreement()
        XCTAssertEqual(found.table, "refunds_due")
        XCTAssertTrue(found.detail.contains("settled_by \"Nobody\""), found.detail)
        XCTAssertEqual(try ledger.verify().problem, "The refunds_due table disagrees with the journal: \(found.detail).")
    }
}
