import XCTest
@testable import Ledger

/// Reads inside one snapshot agree with each other while another process writes.
final class SnapshotTests: XCTestCase {
    func testEveryReadOfASnapshotSeesTheSameFile() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        let other = try Ledger(path: ledger.path)
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        let (before, after) = try ledger.snapshot {
            let before = (try ledger.cashMovements(terminalId: "K1").count, try ledger.cashInventory(terminalId: "K1"))
            try other.record(flow: Flow.cashSale("T1", at: Flow.time(60)))
            return (before, (try ledger.cashMovements(terminalId: "K1").count, try ledger.cashInventory(terminalId: "K1")))
        }
        XCTAssertEqual(after.0, before.0)
        XCTAssertEqual(after.1, before.1)
        // Outside the snapshot the sale is there.
        XCTAssertGreaterThan(try ledger.cashMovements(terminalId: "K1").count, before.0)
    }
}
