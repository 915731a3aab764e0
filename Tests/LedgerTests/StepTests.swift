import XCTest
import Money
@testable import Ledger

final class StepTests: XCTestCase {
    func testEntryCarriesItsStep() {
        let e = Entry(txnId: "T1", terminalId: "K1", at: Date(timeIntervalSince1970: 0), step: .cashIn(denomination: 1000))
        XCTAssertEqual(e.step, .cashIn(denomination: 1000))
    }
}
