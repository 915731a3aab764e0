import XCTest
@testable import Receipt

final class LanguageTests: XCTestCase {
    func testCodesMatchTheCommandLine() {
        XCTAssertEqual(Language(rawValue: "zh-Hant"), .zhHant)
        XCTAssertEqual(Language.allCases.count, 4)
    }
}
