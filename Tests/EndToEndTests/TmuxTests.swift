import Foundation
import XCTest
import Money
import Kiosk
import Ledger
import Receipt

/// Whole customer visits on the real binary in tmux.
final class TmuxTests: XCTestCase {
    /// A docomo customer at FM-SBY-1 who chose the ¥2,980 plan and cash, by keys.
    private func atTheCashPanel() throws -> Tmux {
        let tmux = try Tmux(arguments: ["--terminal", "FM-SBY-1"])
        tmux.waitFor("Top up your SIM")
        try tmux.keys("Enter", "09012345678", "Enter")
        tmux.waitFor("NTT docomo")
        try tmux.keys("Enter", "2", "1")
        tmux.waitFor("Simulated devices")
        return tmux
    }

    func testCashPurchaseWithTouchesOnly() throws {
        let tmux = try Tmux(arguments: [])
        tmux.waitFor("Find the machine")
        try tmux.touch("FamilyMart")
        tmux.waitFor("FamilyMart Shibuya")
        try tmux.touch("FamilyMart Shibuya")
        tmux.waitFor("Use this machine")
        try tmux.touch("Use this machine")
        tmux.waitFor("Top up your SIM")
        try tmux.touch("Touch Start to begin")
        tmux.waitFor("Enter your SIM number")
        for digit in "09012345678" { try tmux.touch("  \(digit)  ") }
        tmux.waitFor("090-1234-5678")
        try tmux.touch("OK")
        tmux.waitFor("NTT docomo")
        try tmux.touch("Next")
        tmux.waitFor("Choose an amount")
        try tmux.touch("¥2,980")
        tmux.waitFor("How would you like to pay?")
        try tmux.touch("Cash")
        tmux.waitFor("Simulated devices")
        try tmux.touch("¥5,000")
        let done = tmux.waitFor("Top-up complete")
        XCTAssertTrue(done.contains("¥2,020"), done)
        XCTAssertTrue(done.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: "").contains("000001-FM-SBY-1-000001.txt"), done)
        let ledger = try Ledger(path: tmux.ledger)
        XCTAssertEqual(try ledger.transaction(id: "FM-SBY-1-000001")?.status, .completed)
    }

    func testCardPurchaseWithKeysOnly() throws {
        let tmux = try Tmux(arguments: ["--store", "fm-shibuya-center", "--terminal", "FM-SBY-1"])
        tmux.waitFor("Top up your SIM")
        try tmux.keys("Enter")
        tmux.waitFor("Enter your SIM number")
        try tmux.keys("08011112222", "Enter")
        tmux.waitFor("au (KDDI)")
        try tmux.keys("Enter")
        tmux.waitFor("Choose an amount")
        try tmux.keys("2")
        tmux.waitFor("How would you like to pay?")
        try tmux.keys("2")
        tmux.waitFor("visa-ok")
        try tmux.keys("1")
        let done = tmux.waitFor("Top-up complete")
        XCTAssertTrue(done.contains("FM-SBY-1-000001"), done)
    }

    func testCancelAfterInsertingCashShowsTheCashReturned() throws {
        let tmux = try atTheCashPanel()
        try tmux.keys("t", "r")
        tmux.waitFor("¥1,500")
        try tmux.keys("x")
        let screen = tmux.waitFor("Cancelled")
        XCTAssertTrue(screen.contains("Returned to you      ¥1,500"), screen)
        XCTAssertTrue(screen.contains("Please take your cash"), screen)
    }

    func testARefusedSIMNumberSaysWhy() throws {
        let tmux = try Tmux(arguments: ["--terminal", "FM-SBY-1"])
        tmux.waitFor("Top up your SIM")
        try tmux.keys("Enter", "0901234", "Enter")
        tmux.waitFor("4 digits too few.")
        try tmux.keys("c", "09013572468", "Enter")
        tmux.waitFor("monthly (postpaid) contract")
    }

    func testJapaneseScreensStayAligned() throws {
        let tmux = try Tmux(arguments: ["--terminal", "FM-SBY-1", "--lang", "ja"])
        tmux.waitFor("SIMチャージ")
        try tmux.keys("Enter", "09012345678", "Enter")
        tmux.waitFor("NTTドコモ")
        try tmux.keys("Enter", "2", "1")
        let screen = tmux.waitFor("模擬デバイス")
        let rows = screen.split(separator: "\n").map(String.init)
        // The device panel's boxes start in one column on every row, after Japanese labels too.
        let boxColumns = Set(rows.compactMap { row -> Int? in
            guard row.contains("¥"), let i = row.firstIndex(where: { $0 == "│" || $0 == "└" || $0 == "┌" }) else { return nil }
            return DisplayWidth.of(String(row[..<i]))
        })
        XCTAssertEqual(boxColumns.count, 1, screen)
    }

    func testASmallWindowAsksToBeEnlargedAndResumes() throws {
        let tmux = try Tmux(width: 60, height: 20, arguments: ["--terminal", "FM-SBY-1"])
        tmux.waitFor("Please enlarge the window to at least 80×24.")
        try tmux.run(["resize-window", "-t", tmux.session, "-x", "100", "-y", "30"])
        tmux.waitFor("Top up your SIM")
    }

    func testCtrlCReturnsCashAndLeavesTheTerminalClean() throws {
        let tmux = try atTheCashPanel()
        try tmux.keys("t")
        tmux.waitFor("¥1,000")
        try tmux.keys("C-c")
        let screen = tmux.waitFor("KIOSK-EXIT-0")
        XCTAssertTrue(screen.contains("cancelled returned ¥1,000"), screen)
        XCTAssertFalse(screen.contains("┌"), "the full screen is gone:\n\(screen)")
        let ledger = try Ledger(path: tmux.ledger)
        XCTAssertEqual(try ledger.transaction(id: "FM-SBY-1-000001")?.status, .cancelled)
    }
}
