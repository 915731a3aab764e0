import Foundation
import XCTest
import Money
@testable import Ledger

/// The text forms the ledger stores: times, business dates and canonical JSON.
final class StoredFormTests: XCTestCase {
    func testTimesAreUTCWithMillisecondsAndReadBack() {
        XCTAssertEqual(LedgerTime.text(Flow.morning), "2026-11-25T04:44:12.123Z")
        XCTAssertEqual(LedgerTime.text(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(LedgerTime.text(Date(timeIntervalSince1970: 951_782_400.999)), "2000-02-29T00:00:00.999Z")
        XCTAssertEqual(LedgerTime.text(Date(timeIntervalSince1970: 1_795_608_000.0004)), "2026-11-25T12:00:00.000Z")
        for seconds in stride(from: -86_400.0 * 400, through: 86_400 * 365 * 80, by: 86_400 * 37.123) {
            let date = LedgerTime.stored(Date(timeIntervalSince1970: seconds))
            XCTAssertEqual(LedgerTime.date(LedgerTime.text(date)), date)
        }
        XCTAssertNil(LedgerTime.date("2026-11-25 04:44:12.123Z"))
        XCTAssertNil(LedgerTime.date("2026-13-25T04:44:12.123Z"))
        XCTAssertNil(LedgerTime.date("2026-11-25T04:44:12Z"))
    }

    func testTheBusinessDateIsTheDateInJapan() {
        // 14:59:59 UTC is 23:59:59 in Tokyo; a second later it is the next day there.
        XCTAssertEqual(LedgerTime.japanDate(LedgerTime.date("2026-11-25T14:59:59.999Z")!), "2026-11-25")
        XCTAssertEqual(LedgerTime.japanDate(LedgerTime.date("2026-11-25T15:00:00.000Z")!), "2026-11-26")
        XCTAssertEqual(LedgerTime.japanDate(LedgerTime.date("2026-12-31T15:00:00.000Z")!), "2027-01-01")
        XCTAssertTrue(EntryRules.isDate("2028-02-29"))
        XCTAssertFalse(EntryRules.isDate("2027-02-29"))
        XCTAssertFalse(EntryRules.isDate("25/11/2026"))
    }

    func testCanonicalJSONSortsKeysEscapesMinimallyAndReadsBack() {
        let value: JSONValue = .object([
            "reason": .string("said \"no\"\n\tthen\u{1}left \\ 払い戻し"),
            "pieces": .object(["1000": .int(2), "10": .int(3), "5000": .int(0)]),
            "txn": .null, "list": .array([.int(-1), .string("")]),
        ])
        let text = value.canonicalText
        XCTAssertEqual(text, #"{"list":[-1,""],"pieces":{"10":3,"1000":2,"5000":0},"reason":"said \"no\"\n\tthen\u0001left \\ 払い戻し","txn":null}"#)
        XCTAssertEqual(JSONValue.parse(text), value)
        XCTAssertNil(JSONValue.parse(#"{"yen":2.5}"#))
        XCTAssertNil(JSONValue.parse("not json"))
    }

    func testStoredJSONIsReadWhateverItsSpacingAndEscapes() {
        XCTAssertEqual(JSONValue.parse(#" { "a" : [ 1 , -20 ] , "b" : "\u00e9\ud83d\ude00\/" } "#),
                       .object(["a": .array([.int(1), .int(-20)]), "b": .string("é😀/")]))
        for bad in [#"{"a":1"#, #"{"a":1,}"#, #"["#, #""unterminated"#, #"{"a":"\ud83d"}"#, #"{"a":1e3}"#,
                    #"{"a":99999999999999999999}"#, "{\"a\":\"tab\there\"}", #"{"a":1} x"#, "-", "",
                    #""\u+041""#, #""\u-000""#, #""\u 041""#] {
            XCTAssertNil(JSONValue.parse(bad), bad)
        }
        // Bytes that are not UTF-8, plain or beside an escape, are not a string.
        for bad in [[0x22, 0xC3, 0x28, 0x22], [0x22, 0x5C, 0x6E, 0xFF, 0x22]] as [[UInt8]] {
            XCTAssertNil(JSONValue.parse(bytes: bad), "\(bad)")
        }
        XCTAssertEqual(JSONValue.parse(bytes: [0x22, 0xC3, 0xA9, 0x22]), .string("é"))
    }

    func testAStepIsStoredByItsOwnDeclaration() throws {
        let step = Step.cardAuthorised(brand: "UnionPay", last4: "5678", authCode: "U1")
        let stored = try StoredStep(step)
        XCTAssertEqual(stored.kind, "card_authorised")
        XCTAssertEqual(stored.payloadText, #"{"auth_code":"U1","brand":"UnionPay","last4":"5678"}"#)
        XCTAssertEqual(StoredStep.step(kind: stored.kind, payloadText: stored.payloadText), step)
        // A step whose one value has no label stores that value's own fields.
        let begin = try StoredStep(.begin(Flow.start("T1")))
        XCTAssertTrue(begin.payloadText.hasPrefix(#"{"amount_yen":2980,"business_date":"2026-11-25""#), begin.payloadText)
        XCTAssertEqual(StoredStep.step(kind: "begin", payloadText: begin.payloadText), .begin(Flow.start("T1")))
        XCTAssertEqual(try StoredStep(.completed).payloadText, "{}")
        XCTAssertNil(StoredStep.step(kind: "cash_in", payloadText: #"{"denomination":"ten"}"#))
        XCTAssertNil(StoredStep.step(kind: "no_such_step", payloadText: "{}"))
    }
}
