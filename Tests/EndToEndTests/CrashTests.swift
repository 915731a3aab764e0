import Foundation
import XCTest
import Money
import Kiosk
import Ledger

/// Real `kiosk` processes killed with SIGKILL at every step of the flow — between each
/// journal intent and the device or host action that follows it — then recovered.
final class CrashTests: XCTestCase {
    static let script = KioskBinary.projectRoot.appendingPathComponent("Tests/EndToEndTests/Scripts/day.kiosk").path

    func testTheScriptedDayRunsToTheEnd() throws {
        let ledger = KioskBinary.temporaryLedger()
        let out = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--script", Self.script,
                                       "--receipts", URL(fileURLWithPath: ledger).deletingLastPathComponent().path])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("tray: ¥1,000×4 ¥10×2"), out.stdout)    // change of ¥4,020
        XCTAssertTrue(out.stdout.contains("cancelled returned ¥1,500"), out.stdout)
        XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [])
    }

    func testKilledAtEveryStepAndRecoveredNoYenIsLost() throws {
        var crashes = 0
        for point in 1...40 {
            let ledger = KioskBinary.temporaryLedger()
            let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
            let out = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--script", Self.script,
                                           "--receipts", receipts, "--crash-before-effect", String(point)])
            if out.killed {
                crashes += 1
            } else {
                XCTAssertEqual(out.status, 0, "point \(point): \(out.stderr)")
            }
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts])
            XCTAssertEqual(recover.status, 0, "point \(point): \(recover.stderr)")
            let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
            XCTAssertEqual(verify.status, 0, "point \(point): \(verify.stderr)")
            let opened = try Ledger(path: ledger)
            XCTAssertEqual(try opened.openTransactions(), [], "point \(point)")
            XCTAssertEqual(try Invariants.check(opened), [], "point \(point)")
        }
        XCTAssertGreaterThanOrEqual(crashes, 20, "the day should offer at least 20 places to crash")
    }
}
