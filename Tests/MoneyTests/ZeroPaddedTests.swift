import XCTest
import Money

final class ZeroPaddedTests: XCTestCase {
    func testANumberIsPaddedWithZerosToItsWidthAndNeverCut() {
        XCTAssertEqual(7.zeroPadded(4), "0007")
        XCTAssertEqual(42.zeroPadded(2), "42")
        XCTAssertEqual(123_456_789.zeroPadded(6), "123456789")
        XCTAssertEqual(0.zeroPadded(6), "000000")
        XCTAssertEqual(Int32(9).zeroPadded(2), "09")
        XCTAssertEqual(Int64(2026).zeroPadded(4), "2026")
    }
}
