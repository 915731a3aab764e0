import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// Staff mode on a machine with a real ledger: the PIN, then each task, journaled by name.
final class StaffModeTests: XCTestCase {
    private func signedIn() throws -> TestMachine {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        _ = try m.ledger.addStaff(name: "Sato", pin: "2468", at: Sample.noon)
        m.runtime.send(.tap(.staffEntry))
        for ch in "2468" { m.runtime.send(.key(.char(ch))) }
        m.runtime.send(.key(.enter))
        return m
    }

    private func message(_ m: TestMachine) -> String {
        guard case .staffMenu(let desk) = m.runtime.state.screen else { return "not in staff mode: \(m.runtime.state.summary)" }
        return desk.message ?? ""
    }

    func testTheRightPINOpensStaffModeAndAWrongOneSaysSo() throws {
        let m = try signedIn()
        XCTAssertEqual(m.runtime.state.screen, .staffMenu(StaffDesk(name: "Sato", message: nil)))
        m.runtime.send(.key(.escape))
        XCTAssertEqual(m.runtime.state.screen, .attract)
        m.runtime.send(.tap(.staffEntry))
        for ch in "1111" { m.runtime.send(.key(.char(ch))) }
        m.runtime.send(.key(.enter))
        XCTAssertEqual(m.runtime.state.screen, .staffPIN(StaffSignIn(members: ["Sato"], member: "Sato")))
        guard case .staff(let why)? = m.runtime.state.notice else { return XCTFail("no notice") }
        XCTAssertTrue(why.contains("4"), why)   // attempts left
    }

    func testCollectAndRefillMoveCashAndAreJournaledByName() throws {
        let m = try signedIn()
        let before = try m.ledger.cashInventory(terminalId: "FM-SBY-1")
        m.runtime.send(.tap(.staffAction(StaffTask.collectBills.rawValue)))
        XCTAssertTrue(message(m).hasPrefix("Collected"), message(m))
        XCTAssertEqual(try m.ledger.cashInventory(terminalId: "FM-SBY-1")[5000], 0)
        XCTAssertEqual(m.runtime.state.machine?.status.inventory[5000], 0)
        m.runtime.send(.tap(.staffAction(StaffTask.refill.rawValue)))
        XCTAssertTrue(message(m).hasPrefix("Replenished"), message(m))
        XCTAssertEqual(try m.ledger.cashInventory(terminalId: "FM-SBY-1"), before)
        let kinds = try m.ledger.cashMovements(terminalId: "FM-SBY-1").map(\.kind)
        XCTAssertTrue(kinds.contains(.collect) && kinds.filter { $0 == .replenish }.count > before.byDenomination.count)
        let steps = try m.ledger.journal().map(\.step)
        XCTAssertTrue(steps.contains { if case .collected(_, "Sato") = $0 { return true } else { return false } })
        XCTAssertTrue(steps.contains { if case .replenished(_, "Sato") = $0 { return true } else { return false } })
        XCTAssertEqual(try Invariants.check(m.ledger), [])
    }

    func testReportsPrintAndAZIsNumbered() throws {
        let m = try signedIn()
        m.runtime.send(.tap(.staffAction(StaffTask.xReport.rawValue)))
        XCTAssertTrue(message(m).hasPrefix("Printed the X report"), message(m))
        m.runtime.send(.tap(.staffAction(StaffTask.zReport.rawValue)))
        XCTAssertTrue(message(m).hasPrefix("Printed the Z report 1"), message(m))
        XCTAssertEqual(m.printer.printed.count, 2)
        XCTAssertEqual(try m.ledger.zReports(terminalId: "FM-SBY-1").count, 1)
    }

    func testLoadingPaperFillsThePrinterAndIsJournaledByName() throws {
        let m = try signedIn()
        m.runtime.send(.tap(.staffAction(StaffTask.loadPaper.rawValue)))
        XCTAssertEqual(message(m), "Loaded a new roll of paper: 400 sheets.")
        XCTAssertEqual(try m.ledger.paperSheets(terminalId: "FM-SBY-1"), PaperRoll.sheets)
        XCTAssertTrue(try m.ledger.journal().contains { $0.step == .staff(action: "loaded paper: 400 sheets", name: "Sato") })
    }

    func testReprintWithNoSaleYetSaysSo() throws {
        let m = try signedIn()
        m.runtime.send(.tap(.staffAction(StaffTask.reprintLast.rawValue)))
        XCTAssertEqual(message(m), "This machine has printed no receipt yet.")
        m.runtime.send(.tap(.staffAction(StaffTask.settleRefunds.rawValue)))
        XCTAssertEqual(message(m), "No refunds are due at this machine.")
    }

    func testEachMemberSignsInWithTheirOwnPINAfterChoosingTheirName() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        // Two members may choose the same PIN: nobody learns another's by adding theirs.
        _ = try m.ledger.addStaff(name: "Sato", pin: "2468", at: Sample.noon)
        _ = try m.ledger.addStaff(name: "Tanaka", pin: "2468", at: Sample.noon)
        m.runtime.send(.tap(.staffEntry))
        XCTAssertEqual(m.runtime.state.screen, .staffPIN(StaffSignIn(members: ["Sato", "Tanaka"])))
        // No PIN before a name.
        m.runtime.send(.key(.char("2")))
        XCTAssertEqual(m.runtime.state.screen, .staffPIN(StaffSignIn(members: ["Sato", "Tanaka"])))
        m.runtime.send(.tap(.staffMember("Tanaka")))
        for ch in "2468" { m.runtime.send(.key(.char(ch))) }
        m.runtime.send(.key(.enter))
        XCTAssertEqual(m.runtime.state.screen, .staffMenu(StaffDesk(name: "Tanaka", message: nil)))
        XCTAssertEqual(try m.ledger.journal().last?.step, .staff(action: "signed in", name: "Tanaka"))
    }

    func testTheNamesAreButtonsBesideTheKeypad() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        _ = try m.ledger.addStaff(name: "Sato", pin: "2468", at: Sample.noon)
        _ = try m.ledger.addStaff(name: "Ito", pin: "1357", at: Sample.noon)
        m.runtime.send(.tap(.staffEntry))
        let frame = ScreenRenderer.frame(for: m.runtime.state, width: 80, height: 24)
        XCTAssertEqual(ScreenInput.event(for: .char("B"), on: frame), .tap(.staffMember("Sato")))
        XCTAssertTrue(frame.text.contains("Choose your name, then enter your PIN"), frame.text)
    }
}
