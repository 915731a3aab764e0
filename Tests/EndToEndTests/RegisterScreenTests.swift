import Foundation
import XCTest
import Money
import Ledger

/// A slip printed at the Loppi-style machine in one tmux window and paid at the register's
/// full screen in another, on one ledger; then the X report shows it under register cash.
final class RegisterScreenTests: XCTestCase {
    func testASlipPrintedAtTheMachineIsPaidAtTheRegisterInAnotherWindow() throws {
        let machine = try Tmux(arguments: ["--store", "lw-sapporo-odori", "--terminal", "LW-SPR-2"])
        machine.waitFor("Top up your SIM")
        try machine.keys("Enter", "09012345678", "Enter")
        machine.waitFor("NTT docomo")
        try machine.keys("Enter", "2")
        machine.waitFor("How would you like to pay?")
        try machine.touch("Pay at register")
        let slip = machine.waitFor("Take this slip to the register")
        XCTAssertTrue(slip.contains("LW-SPR-2-S000001") && slip.contains("JST"), slip)

        let register = try Tmux(command: ["register"], ledger: machine.ledger,
                                arguments: ["--store", "lw-sapporo-odori", "--register", "LW-SPR-R1", "--lang", "en"])
        register.waitFor("Scan or type the slip number")
        try register.keys("LW-SPR-2-S000001", "Enter")
        let shown = register.waitFor("How would you like to pay?")
        XCTAssertTrue(shown.contains("¥2,980") && shown.contains("Void slip"), shown)
        try register.touch("Cash")
        register.waitFor("Insert coins or bills")
        try register.touch("¥5,000")
        let done = register.waitFor("Top-up complete")
        XCTAssertTrue(done.contains("¥2,020"), done)
        let receipt = try String(contentsOfFile: register.receipts + "/000001-LW-SPR-R1-000001.txt", encoding: .utf8)
        XCTAssertTrue(receipt.contains("取扱明細兼受領書") && receipt.contains("LW-SPR-2-S000001"), receipt)
        try register.keys("Enter")
        register.waitFor("Scan or type the slip number")

        // The same slip again is already paid; one 31 minutes old is refused with when it expired.
        try register.keys("LW-SPR-2-S000001", "Enter")
        register.waitFor("is already paid")
        let ledger = try Ledger(path: machine.ledger)
        try ledger.record([Entry(txnId: nil, terminalId: "LW-SPR-2", at: Date().addingTimeInterval(-31 * 60), step: .slipIssued(SlipIssue(
            slipNo: "LW-SPR-2-S000002", storeId: "lw-sapporo-odori", terminalId: "LW-SPR-2", simNumber: "08011112222",
            carrierId: "au", planId: "au-5g-30", amountYen: 3280, validMinutes: 30, language: "en")))])
        try register.keys("LW-SPR-2-S000002", "Enter")
        register.waitFor("LW-SPR-2-S000002 expired at")

        let report = try KioskBinary.run(["report", "x", "--store", "lw-sapporo-odori", "--ledger", machine.ledger])
        XCTAssertEqual(report.status, 0, report.stderr)
        let line = report.stdout.split(separator: "\n").first { $0.hasPrefix("  Register, cash") }
        XCTAssertEqual(line.map { $0.hasSuffix("¥2,980") && $0.contains("(1)") }, true, report.stdout)
        XCTAssertTrue(report.stdout.contains("CASH IN THE REGISTERS' DRAWERS"), report.stdout)
    }

    /// The slip on the register's screen is paid at the other register before the clerk takes
    /// the bill: the bill goes back, the clerk reads why, and the register takes the next slip.
    func testASlipPaidAtTheOtherRegisterMeanwhileLeavesThisOneInService() throws {
        let ledger = KioskBinary.temporaryLedger()
        let script = URL(fileURLWithPath: ledger).deletingLastPathComponent().appendingPathComponent("slips.kiosk")
        let slip = "tap start\ntype 09012345678\nkey enter\ntap confirm\ntap plan docomo-3g-30\ntap pay-register\nexpect slip-issued\ntap finish\n"
        try (slip + slip).write(to: script, atomically: true, encoding: .utf8)
        let printed = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", script.path,
                                           "--receipts", script.deletingLastPathComponent().appendingPathComponent("machine").path])
        XCTAssertEqual(printed.status, 0, printed.stderr + printed.stdout)

        let register = try Tmux(command: ["register"], ledger: ledger,
                                arguments: ["--store", "fm-shibuya-center", "--register", "FM-SBY-R1", "--lang", "en"])
        register.waitFor("Scan or type the slip number")
        try register.keys("FM-SBY-1-S000001", "Enter")
        register.waitFor("How would you like to pay?")
        try register.touch("Cash")
        register.waitFor("Insert coins or bills")
        let other = try KioskBinary.run(["register", "pay", "FM-SBY-1-S000001", "--card", "visa-ok", "--store", "fm-shibuya-center",
                                         "--register", "FM-SBY-R2", "--ledger", ledger,
                                         "--receipts", script.deletingLastPathComponent().appendingPathComponent("r2").path])
        XCTAssertEqual(other.status, 0, other.stderr)
        try register.touch("¥5,000")
        let refused = register.waitFor("FM-SBY-1-S000001 is already paid")
        XCTAssertTrue(refused.contains("Scan or type the slip number"), refused)
        XCTAssertFalse(refused.contains("Out of service"), refused)

        try register.keys("FM-SBY-1-S000002", "Enter")
        register.waitFor("How would you like to pay?")
        try register.touch("Cash")
        register.waitFor("Insert coins or bills")
        try register.touch("¥5,000")
        XCTAssertTrue(register.waitFor("Top-up complete").contains("¥2,020"))
        let open = try Ledger(path: ledger)
        XCTAssertEqual(try open.transactions(terminalId: "FM-SBY-R1").map(\.status), [.completed])
        XCTAssertEqual(try open.slip("FM-SBY-1-S000001")?.registerId, "FM-SBY-R2")
    }
}
