import XCTest
import Money

final class SentenceTests: XCTestCase {
    func testAQuotedReasonBecomesOneSentence() {
        XCTAssertEqual("disk full".asSentence, "Disk full.")
        XCTAssertEqual("The ledger is locked.".asSentence, "The ledger is locked.")
        XCTAssertEqual("paper out"[...].asSentence, "Paper out.")
        XCTAssertEqual("".asSentence, ".")
    }
}
