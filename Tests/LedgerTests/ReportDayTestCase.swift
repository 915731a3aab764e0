import XCTest
@testable import Ledger

/// Tests over the day of `ReportDay`, recorded into a fresh ledger before each test.
class ReportDayTestCase: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ReportDay.record(into: ledger)
    }
}
