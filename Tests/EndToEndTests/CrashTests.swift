import Foundation
import XCTest
import Money
import Kiosk
import Ledger

/// Real `kiosk` processes killed with SIGKILL at every step of the flow — between each
/// journal intent and the device or host action that follows it — then recovered, with the
/// recovery killed at each of its own steps too.
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
        var recoveredAfterCrashes = 0
        // Every effect of the day, until a run gets to the end without being killed.
        var finished = false
        for point in 1...200 where !finished {
            let ledger = KioskBinary.temporaryLedger()
            let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
            let out = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--script", Self.script,
                                           "--receipts", receipts, "--crash-before-effect", String(point)])
            if out.killed {
                crashes += 1
            } else {
                finished = true
                XCTAssertEqual(out.status, 0, "point \(point): \(out.stderr)")
            }
            // Recovery itself is killed before each of its effects in turn, and started again,
            // until one run of it finishes: it never pays, refunds or credits twice.
            var recoveryCrashes = 0
            for effect in 1...30 {
                let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts,
                                                   "--crash-before-effect", String(effect)])
                guard recover.killed else {
                    XCTAssertEqual(recover.status, 0, "point \(point), recovery effect \(effect): \(recover.stderr)")
                    break
                }
                recoveryCrashes += 1
                XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)).filter { !$0.contains("still open") }, [],
                               "point \(point), recovery killed before effect \(effect)")
            }
            if recoveryCrashes > 0 { recoveredAfterCrashes += 1 }
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts])
            XCTAssertEqual(recover.status, 0, "point \(point): \(recover.stderr)")
            let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
            XCTAssertEqual(verify.status, 0, "point \(point): \(verify.stderr)")
            let opened = try Ledger(path: ledger)
            XCTAssertEqual(try opened.openTransactions(), [], "point \(point)")
            XCTAssertEqual(try Invariants.check(opened), [], "point \(point)")
        }
        XCTAssertTrue(finished, "the day should end within 200 effects")
        XCTAssertGreaterThanOrEqual(crashes, 50, "the day should offer at least 50 places to crash, the PIN's and the wallet's among them")
        XCTAssertGreaterThanOrEqual(recoveredAfterCrashes, 10, "recovery should have had effects to crash before")
    }
}

/// The register's steps under the same knife: `kiosk register pay` killed before each of its
/// effects in turn, then recovered, in cash and by card. The slip is paid at most once and no
/// yen is lost.
final class RegisterCrashTests: XCTestCase {
    func testTheRegisterKilledAtEveryStepOfACashPaymentAndRecovered() throws {
        _ = try sweep(paying: ["--cash", "5000"])
    }

    /// A card killed between its authorisation and its capture is voided by recovery, or
    /// captured once the carrier confirms the top-up; never charged for an unpaid slip.
    func testTheRegisterKilledAtEveryStepOfACardPaymentAndRecovered() throws {
        let authorised = try sweep(paying: ["--card", "visa-ok"])
        XCTAssertGreaterThanOrEqual(authorised, 3, "the knife should fall between the authorisation and its capture or void")
    }

    /// Kills the payment before each effect in turn; gives back how many points left a card
    /// authorised for recovery or the payment to settle.
    private func sweep(paying: [String]) throws -> Int {
        var authorised = 0
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("slip-\(UUID().uuidString).kiosk")
        try "tap start\ntype 09012345678\nkey enter\ntap confirm\ntap plan docomo-3g-30\ntap pay-register\nexpect slip-issued\ntap finish\n"
            .write(to: script, atomically: true, encoding: .utf8)
        var crashes = 0
        var finished = false
        for point in 1...40 where !finished {
            let ledger = KioskBinary.temporaryLedger()
            let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
            let slip = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "LW-SPR-2", "--script", script.path, "--receipts", receipts])
            XCTAssertEqual(slip.status, 0, slip.stderr)
            let pay = try KioskBinary.run(["register", "pay", "LW-SPR-2-S000001"] + paying + ["--store", "lw-sapporo-odori",
                                           "--register", "LW-SPR-R1", "--ledger", ledger, "--receipts", receipts,
                                           "--crash-before-effect", String(point)])
            if pay.killed { crashes += 1 } else {
                finished = true
                XCTAssertEqual(pay.status, 0, "point \(point): \(pay.stderr)")
            }
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", receipts])
            XCTAssertEqual(recover.status, 0, "point \(point): \(recover.stderr)")
            let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
            XCTAssertEqual(verify.status, 0, "point \(point): \(verify.stdout) \(verify.stderr)")
            let opened = try Ledger(path: ledger)
            XCTAssertEqual(try opened.openTransactions(), [], "point \(point)")
            XCTAssertEqual(try Invariants.check(opened), [], "point \(point)")
            let sales = try opened.transactions(terminalId: "LW-SPR-R1")
            let state = try XCTUnwrap(opened.slip("LW-SPR-2-S000001"))
            switch state.status {
            case .issued:
                XCTAssertEqual(sales.filter { $0.status == .completed }, [], "point \(point): an unpaid slip has no sale")
            case .paid:
                XCTAssertEqual(sales.filter { $0.status == .completed }.map(\.id), [state.txnId].compactMap { $0 }, "point \(point)")
            case .refunded:
                XCTAssertEqual(try opened.transaction(id: state.txnId ?? "")?.status, .refunded, "point \(point)")
            case .paying, .voided:
                XCTFail("point \(point): slip left \(state.status)")
            }
            // A card authorised is captured exactly when its sale completed, and voided otherwise.
            for sale in sales {
                let steps = try opened.journal(txnId: sale.id).map(\.step)
                guard steps.contains(where: { if case .cardAuthorised = $0 { return true } else { return false } }) else { continue }
                authorised += 1
                let captured = steps.contains { if case .cardCaptured = $0 { return true } else { return false } }
                let voided = steps.contains { if case .cardVoided = $0 { return true } else { return false } }
                XCTAssertEqual(captured, sale.status == .completed, "point \(point): \(sale.id) \(sale.status)")
                XCTAssertEqual(voided, sale.status != .completed, "point \(point): \(sale.id) \(sale.status)")
            }
            // Whatever happened, the slip is never paid a second time.
            let again = try KioskBinary.run(["register", "pay", "LW-SPR-2-S000001", "--cash", "5000", "--store", "lw-sapporo-odori",
                                             "--register", "LW-SPR-R1", "--ledger", ledger, "--receipts", receipts])
            if state.status != .issued { XCTAssertEqual(again.stderr, "Slip LW-SPR-2-S000001 is already paid.\n", "point \(point)") }
            XCTAssertLessThanOrEqual(try Ledger(path: ledger).transactions(terminalId: "LW-SPR-R1").filter { $0.status == .completed }.count, 1)
        }
        XCTAssertTrue(finished, "the register's payment should end within 40 effects")
        XCTAssertGreaterThanOrEqual(crashes, 5, "the register's payment should offer places to crash")
        return authorised
    }
}
