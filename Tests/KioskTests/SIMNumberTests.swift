import XCTest
@testable import Kiosk

final class SIMNumberTests: XCTestCase {
    func testMobileNumbersInEveryCommonWriting() {
        for written in ["09012345678", "090-1234-5678", "090 1234 5678", "+81 90 1234 5678", "+819012345678", "+81-90-1234-5678",
                        "0081 90 1234 5678", "00819012345678", "０９０１２３４５６７８"] {
            XCTAssertEqual(try SIMNumber.parse(written).get(), .mobile("09012345678"), written)
        }
        XCTAssertEqual(SIMNumber.mobile("09012345678").description, "090-1234-5678")
        XCTAssertEqual(SIMNumber.mobile("09012345678").masked, "090-****-5678")
    }

    func testRefusalsSayWhy() {
        let cases: [(String, SIMNumberRejection, String)] = [
            ("0901234567", .tooShort(missing: 1), "One digit too few."),
            ("090123456789", .tooLong(extra: 1), "One digit too many."),
            ("09012", .tooShort(missing: 6), "6 digits too few."),
            ("0312345678", .notAMobileNumber, "Not a mobile number: it must start with 070, 080 or 090."),
            ("9012345678", .missingLeadingZero, "A Japanese mobile number starts with 070, 080 or 090."),
            ("+1 415 555 0100", .notJapanese, "Not a Japanese number: it must start with +81."),
            ("001 415 555 0100", .notJapanese, "Not a Japanese number: it must start with +81."),
            ("+81 090-1234-5678", .zeroAfterCountryCode, "After +81, leave out the first 0: +81 90-1234-5678."),
            ("0081 (0)80 1111 2222", .zeroAfterCountryCode, "After +81, leave out the first 0: +81 90-1234-5678."),
            ("8981100012345678906", .checkDigitMismatch, "The check digit does not match: please check the ICCID on the card."),
            ("8944100012345678905", .notAJapaneseSIM, "Not a Japanese SIM: an ICCID here starts with 8981."),
            ("", .empty, "Please enter the SIM's phone number or the ICCID printed on the card."),
            ("090-12a4-5678", .notADigit("a"), "\"a\" is not a digit; please use the numbers 0–9 only."),
        ]
        for (input, why, words) in cases {
            XCTAssertEqual(SIMNumber.parse(input), .failure(why), input)
            XCTAssertEqual(why.description, words)
        }
    }

    func testICCIDWithAValidCheckDigit() {
        XCTAssertEqual(try SIMNumber.parse("8981 1000 1234 5678 905").get(), .iccid("8981100012345678905"))
        XCTAssertEqual(SIMNumber.iccid("8981100012345678905").masked, "8981 **** **** ***8 905")
    }

    func testLiveFormattingWhileTyping() {
        XCTAssertEqual(SIMNumber.formatted("090"), "090")
        XCTAssertEqual(SIMNumber.formatted("0901"), "090-1")
        XCTAssertEqual(SIMNumber.formatted("0901234"), "090-1234")
        XCTAssertEqual(SIMNumber.formatted("09012345"), "090-1234-5")
        XCTAssertEqual(SIMNumber.formatted("8981100012"), "8981 1000 12")
        XCTAssertEqual(SIMNumber.formatted("+81090123"), "+81 090-123")
        XCTAssertEqual(SIMNumber.formatted("+8"), "+8")
        XCTAssertEqual(SIMNumber.formatted("+81"), "+81")
        XCTAssertEqual(SIMNumber.formatted("+8190123"), "+81 90-123")
        XCTAssertEqual(SIMNumber.formatted("+819012345678"), "+81 90-1234-5678")
        XCTAssertEqual(SIMNumber.formatted("00819012345678"), "0081 90-1234-5678")
    }
}
