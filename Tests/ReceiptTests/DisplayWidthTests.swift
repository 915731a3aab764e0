import XCTest
@testable import Receipt

final class DisplayWidthTests: XCTestCase {
    func testWideCharactersTakeTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("ABC"), 3)
        XCTAssertEqual(DisplayWidth.of("日本語"), 6)
        XCTAssertEqual(DisplayWidth.of("ｶﾅ"), 2)          // halfwidth katakana
        XCTAssertEqual(DisplayWidth.of("ＡＢ"), 4)         // fullwidth latin
        XCTAssertEqual(DisplayWidth.of("¥2,980"), 6)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)     // combining accent
    }
}
