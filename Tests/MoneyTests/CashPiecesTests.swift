import Foundation
import XCTest
import Money

final class CashPiecesTests: XCTestCase {
    func testAHandfulIsWorthItsPiecesAndDropsWhatReachesZero() {
        var tray: CashPieces = [1000: 2, 10: 2]
        XCTAssertEqual(tray.total, Yen(2020))
        XCTAssertEqual(tray.description, "¥1,000×2 ¥10×2")
        tray.add([10: 2], sign: -1)
        XCTAssertEqual(tray, [1000: 2])
        XCTAssertEqual(tray[10], 0)
        XCTAssertEqual(tray.byDenomination.map(\.denomination), [1000])
        XCTAssertEqual(CashPieces([500: 0]), .none)
    }

    func testStoredAsAnObjectOfDenominationToCount() throws {
        let data = try JSONEncoder().encode(CashPieces([1000: 2, 500: 1]))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Int]
        XCTAssertEqual(object, ["1000": 2, "500": 1])
        XCTAssertEqual(try JSONDecoder().decode(CashPieces.self, from: Data(#"{"100":3}"#.utf8)), [100: 3])
        XCTAssertThrowsError(try JSONDecoder().decode(CashPieces.self, from: Data(#"{"ten":3}"#.utf8)))
    }

    func testLuhnOnDigitsAndOnText() {
        XCTAssertTrue(Luhn.isValid("4111111111111111"))
        XCTAssertFalse(Luhn.isValid("4111111111111112"))
        XCTAssertFalse(Luhn.isValid("41x1"))
        XCTAssertTrue(Luhn.isValid([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
    }
}

final class StopReasonTests: XCTestCase {
    func testTheJournalStoresCodesAndReadsTheOldSentences() throws {
        let decoder = JSONDecoder()
        func read(_ text: String) throws -> StopReason { try decoder.decode(StopReason.self, from: Data("\"\(text)\"".utf8)) }
        XCTAssertEqual(String(decoding: try JSONEncoder().encode(StopReason.carrierSilent), as: UTF8.self), "\"carrier_silent\"")
        XCTAssertEqual(try read("carrier_silent"), .carrierSilent)
        // Sentences that ledgers written before the codes hold.
        XCTAssertEqual(try read("The carrier's system reported an error."), .carrierError)
        XCTAssertEqual(try read("the carrier did not answer; the cash could not be given back"), .carrierSilent)
        XCTAssertEqual(try read("change could not be paid out after a restart"), .changeNotPaid)
        XCTAssertEqual(try read("card declined: do_not_honour"), .cardDeclined)
        XCTAssertEqual(try read("interrupted before the top-up"), .interrupted)
        XCTAssertThrowsError(try read("the moon was full"))
    }

    func testARefundDueSaysTheCashCouldNotBeGivenBack() {
        XCTAssertEqual(StopReason.carrierError.refundDueSentence, "The carrier's system reported an error; the cash could not be given back")
        XCTAssertEqual(StopReason.changeNotPaid.refundDueSentence, "change could not be paid out")
    }
}
