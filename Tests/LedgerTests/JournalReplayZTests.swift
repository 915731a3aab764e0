import Foundation
import XCTest
import Money
@testable import Ledger

/// A Z replayed from the journal alone is the Z the store's ledger closed and stored.
final class JournalReplayZTests: ReportDayTestCase {
    /// Z 1 counted short, Z 2 empty, Z 3 (journaled as an older ledger did) and Z 4 counted,
    /// with sales between them: each replayed Z's JSON is the body the store stored.
    func testEveryReplayedZEqualsTheStoredBody() throws {
        var counted = try ledger.cashInventory(terminalId: "K1")
        counted[1000] -= 1
        try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening, counted: counted)
        try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening.addingTimeInterval(60))
        try ledger.closeZ(terminalId: "K2", staff: "Sato", at: ReportDay.evening.addingTimeInterval(70))

        let later = ReportDay.evening.addingTimeInterval(3600)
        try ledger.record(flow: Flow.cashSale("T9", at: later, inserted: [5000], change: [1000: 2, 10: 2]))
        // A ledger from before the `zClosed` step: the Z stored, then journaled as a staff action.
        let legacyEnd = later.addingTimeInterval(60)
        try ledger.write { db in
            _ = try Ledger.closePeriod(db, path: ledger.path, terminalId: "K1", at: legacyEnd, countedYen: nil)
        }
        try ledger.record([Entry(txnId: nil, terminalId: "K1", at: legacyEnd, step: .staff(action: "closed Z report 3", name: "Sato"))])

        try ledger.record(flow: Flow.cardSale("T10", at: later.addingTimeInterval(600), brand: "visa", last4: "4242"))
        try ledger.closeZ(terminalId: "K1", staff: "Tanaka", at: later.addingTimeInterval(900),
                          counted: try ledger.cashInventory(terminalId: "K1"))

        let rows = try ledger.journalRows(after: 0, limit: .max)
        let stored = try ledger.zReports(terminalId: "K1")
        XCTAssertEqual(stored.map(\.number), [1, 2, 3, 4])
        for z in stored {
            let replayed = try JournalReplay.zReport(terminalId: "K1", number: z.number, storeId: "S001", isRegister: false, rows: rows)
            XCTAssertEqual(replayed.number, z.number)
            XCTAssertEqual(replayed.json, z.body, "Z \(z.number)")
        }
        XCTAssertNotNil(try JournalReplay.zReport(terminalId: "K1", number: 1, storeId: "S001", isRegister: false, rows: rows).cash.overShortYen)
        XCTAssertEqual(try JournalReplay.zReport(terminalId: "K2", number: 1, storeId: "S001", isRegister: false, rows: rows).json,
                       try ledger.zReports(terminalId: "K2").first?.body)
    }

    func testAZTheRowsDoNotHoldIsAFault() throws {
        try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening)
        let rows = try ledger.journalRows(after: 0, limit: .max)
        XCTAssertThrowsError(try JournalReplay.zReport(terminalId: "K1", number: 2, storeId: "S001", isRegister: false, rows: rows)) { error in
            XCTAssertEqual((error as? JournalReplay.Fault)?.seq, rows.last?.seq)
        }
    }
}
