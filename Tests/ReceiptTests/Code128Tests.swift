import XCTest
@testable import Receipt

final class Code128Tests: XCTestCase {
    /// "PJJ123C": 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879, and 879 mod 103 = 55.
    func testCheckSymbolOfTheWorkedExample() throws {
        let symbols = try XCTUnwrap(Code128.symbols("PJJ123C"))
        XCTAssertEqual(symbols.first, 104)
        XCTAssertEqual(symbols[symbols.count - 2], 55)
        XCTAssertEqual(symbols.last, 106)
    }

    func testEverySymbolIsElevenModulesAndTheStopThirteen() throws {
        let widths = try XCTUnwrap(Code128.widths("FM-SBY-1-000123"))
        XCTAssertEqual(widths.count, (15 + 2) * 6 + 7)
        XCTAssertEqual(widths.reduce(0, +), (15 + 2) * 11 + 13)
    }

    func testRefusesCharactersOutsideCodeSetB() {
        XCTAssertNil(Code128.symbols("合計"))
    }
}
