import XCTest
import Money

final class BinaryTests: XCTestCase {
    func testHelpNamesTheKiosk() throws {
        let out = try KioskBinary.run(["--help"])
        XCTAssertEqual(out.status, 0)
        XCTAssertTrue(out.stdout.contains("kiosk"), out.stdout)
    }
}
