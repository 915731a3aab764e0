import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class StaffTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        // Cheap hashes keep the many checks below quick; the stored form is the same.
        ledger.pinCost = StaffPIN.Cost(log2Rounds: 10)
        try ledger.addStaff(name: "Sato", pin: "2468", at: Flow.morning)
        try ledger.addStaff(name: "Tanaka", pin: "135790", at: Flow.morning)
    }

    func testThePINOpensStaffModeForItsOwnerAndIsJournaled() throws {
        XCTAssertEqual(try ledger.checkStaffPIN("2468", member: "Sato", terminalId: "K1", at: Flow.time(1)), StaffMember(name: "Sato"))
        XCTAssertEqual(try ledger.checkStaffPIN("135790", member: "Tanaka", terminalId: "K1", at: Flow.time(2)), StaffMember(name: "Tanaka"))
        XCTAssertEqual(try ledger.journal().map(\.step), [.staff(action: "signed in", name: "Sato"),
                                                           .staff(action: "signed in", name: "Tanaka")])
        XCTAssertEqual(try ledger.staff().map(\.name), ["Sato", "Tanaka"])
    }

    func testOnlyASaltedSlowHashIsStored() throws {
        let standard = try Ledger(path: folder.path("standard.sqlite"))
        try standard.addStaff(name: "Sato", pin: "2468")
        XCTAssertTrue(try rawConnection(standard.path).read { db in try String.fetchOne(db, sql: "SELECT pin_hash FROM staff")! }
            .hasPrefix("scrypt$15$8$1$"))
        XCTAssertEqual(try standard.checkStaffPIN("2468", member: "Sato", terminalId: "K1").name, "Sato")
        let stored = try rawConnection(ledger.path).read { db in try String.fetchAll(db, sql: "SELECT pin_hash FROM staff") }
        XCTAssertEqual(stored.count, 2)
        for hash in stored {
            XCTAssertFalse(hash.contains("2468") || hash.contains("135790"))
            XCTAssertTrue(hash.hasPrefix("scrypt$10$8$1$"), hash)
        }
        // The same PIN hashes differently each time: the salt is new.
        let cheap = StaffPIN.Cost(log2Rounds: 10)
        XCTAssertNotEqual(try StaffPIN.hash("2468", cost: cheap), try StaffPIN.hash("2468", cost: cheap))
        XCTAssertTrue(StaffPIN.matches("2468", stored[0]) || StaffPIN.matches("2468", stored[1]))
        XCTAssertFalse(StaffPIN.matches("2469", stored[0]))
        XCTAssertFalse(StaffPIN.matches("2468", "scrypt$15$8$1$zz$00"))
    }

    func testFiveWrongPINsInARowLockStaffModeForFiveMinutes() throws {
        for attempt in 1...4 {
            XCTAssertLedgerError(.wrongPIN(attemptsLeft: 5 - attempt)) {
                try ledger.checkStaffPIN("0000", member: "Sato", terminalId: "K1", at: Flow.time(attempt))
            }
        }
        let until = Flow.time(5).addingTimeInterval(300)
        XCTAssertLedgerError(.staffLocked(until: until)) { try ledger.checkStaffPIN("0000", member: "Sato", terminalId: "K1", at: Flow.time(5)) }
        // Even the right PIN waits out the lockout, and the waiting is not journaled.
        let journaled = try ledger.journal().count
        XCTAssertLedgerError(.staffLocked(until: until)) { try ledger.checkStaffPIN("2468", member: "Sato", terminalId: "K1", at: Flow.time(200)) }
        XCTAssertEqual(try ledger.journal().count, journaled)
        XCTAssertTrue(LedgerError.staffLocked(until: until).description.hasSuffix("try again after 13:49 JST."),
                      LedgerError.staffLocked(until: until).description)
        // Another terminal is not locked.
        XCTAssertEqual(try ledger.checkStaffPIN("2468", member: "Sato", terminalId: "K2", at: Flow.time(201)).name, "Sato")
        XCTAssertEqual(try ledger.checkStaffPIN("2468", member: "Sato", terminalId: "K1", at: Flow.time(305)).name, "Sato")

        let steps = try ledger.journal().filter { $0.terminalId == "K1" }.map(\.step)
        XCTAssertEqual(steps.count, 6)
        XCTAssertEqual(steps[0], .staff(action: "wrong PIN 1 of 5", name: "Sato"))
        XCTAssertEqual(steps[4], .staff(action: "wrong PIN 5 of 5; staff mode locked until \(LedgerTime.text(until))", name: "Sato"))
        XCTAssertEqual(steps[5], .staff(action: "signed in", name: "Sato"))
    }

    func testTheRightPINStartsTheCountAgain() throws {
        for attempt in 1...4 { _ = try? ledger.checkStaffPIN("9999", member: "Sato", terminalId: "K1", at: Flow.time(attempt)) }
        XCTAssertEqual(try ledger.checkStaffPIN("2468", member: "Sato", terminalId: "K1", at: Flow.time(5)).name, "Sato")
        XCTAssertLedgerError(.wrongPIN(attemptsLeft: 4)) { try ledger.checkStaffPIN("9999", member: "Sato", terminalId: "K1", at: Flow.time(6)) }
    }

    func testAfterALockoutTheCountStartsAgain() throws {
        for attempt in 1...5 { _ = try? ledger.checkStaffPIN("9999", member: "Sato", terminalId: "K1", at: Flow.time(attempt)) }
        XCTAssertLedgerError(.wrongPIN(attemptsLeft: 4)) { try ledger.checkStaffPIN("9999", member: "Sato", terminalId: "K1", at: Flow.time(400)) }
    }

    func testBadStaffEntriesAreRefusedInOneSentence() throws {
        XCTAssertLedgerError(.invalidEntry("A staff PIN is 4 to 8 digits.")) { try ledger.addStaff(name: "Ito", pin: "12a4") }
        XCTAssertLedgerError(.invalidEntry("A staff PIN is 4 to 8 digits.")) { try ledger.addStaff(name: "Ito", pin: "123") }
        XCTAssertLedgerError(.invalidEntry("A staff PIN is 4 to 8 digits.")) { try ledger.addStaff(name: "Ito", pin: "123456789") }
        XCTAssertLedgerError(.invalidEntry("A staff name is 1 to 40 characters.")) { try ledger.addStaff(name: "  ", pin: "1234") }
        XCTAssertLedgerError(.staffExists(name: "Sato")) { try ledger.addStaff(name: "Sato", pin: "1357") }
        XCTAssertEqual(try ledger.staff().count, 2)
    }

    func testAPINIsTheMembersOwnAndAddingOneTellsNothingAboutOthers() throws {
        // Tanaka's PIN, chosen again by Ito: added like any other, with no word about Tanaka.
        XCTAssertEqual(try ledger.addStaff(name: "Ito", pin: "135790").name, "Ito")
        XCTAssertEqual(try ledger.checkStaffPIN("135790", member: "Ito", terminalId: "K1", at: Flow.time(1)).name, "Ito")
        XCTAssertEqual(try ledger.checkStaffPIN("135790", member: "Tanaka", terminalId: "K1", at: Flow.time(2)).name, "Tanaka")
        // Another member's PIN opens nothing for Sato, and the try is journaled under Sato's name.
        XCTAssertLedgerError(.wrongPIN(attemptsLeft: 4)) {
            try ledger.checkStaffPIN("135790", member: "Sato", terminalId: "K1", at: Flow.time(3))
        }
        XCTAssertEqual(try ledger.journal().last?.step, .staff(action: "wrong PIN 1 of 5", name: "Sato"))
    }

    func testActionsThatMoveNoMoneyAreJournaledWithTheName() throws {
        try ledger.recordStaffAction("printed X report", by: "Sato", terminalId: "K1", at: Flow.time(1))
        let row = try XCTUnwrap(try ledger.journal().last)
        XCTAssertEqual(row.step, .staff(action: "printed X report", name: "Sato"))
        XCTAssertEqual(row.terminalId, "K1")
        XCTAssertNil(row.txnId)
    }

    func testWithoutStaffNoPINOpensStaffMode() throws {
        let empty = try Ledger(path: folder.path("empty.sqlite"))
        XCTAssertLedgerError(.invalidEntry("No staff are registered yet; add one with `kiosk staff add --name NAME`.")) {
            try empty.checkStaffPIN("1234", member: "Sato", terminalId: "K1", at: Flow.morning)
        }
    }
}

/// Names are printed on terminals and reports: no control characters, and one person is one
/// name however its case or width is typed.
final class StaffNameTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        ledger.pinCost = StaffPIN.Cost(log2Rounds: 10)
        try ledger.addStaff(name: "Yamada", pin: "2468", at: Flow.morning)
    }

    func testControlAndFormattingCharactersAreRefused() throws {
        for name in ["Bell\u{07}", "Ito\u{202E}kcah", "Line\nbreak", "Tab\tbed", "Zero\u{200B}width"] {
            XCTAssertLedgerError(.invalidEntry("A staff name holds letters, digits, spaces and punctuation only, no control characters.")) {
                try ledger.addStaff(name: name, pin: "1357")
            }
        }
        XCTAssertEqual(try ledger.staff().map(\.name), ["Yamada"])
    }

    func testCaseAndWidthMakeNoSecondPerson() throws {
        XCTAssertLedgerError(.staffExists(name: "Yamada")) { try ledger.addStaff(name: "ＹＡＭＡＤＡ", pin: "1357") }
        XCTAssertLedgerError(.staffExists(name: "Yamada")) { try ledger.addStaff(name: " yamada ", pin: "1357") }
        // Full-width letters are kept as their ordinary forms, and found however they are typed.
        XCTAssertEqual(try ledger.addStaff(name: "Ｋｉｍｕｒａ", pin: "1357").name, "Kimura")
        XCTAssertEqual(try ledger.staffMember(named: "KIMURA")?.name, "Kimura")
        XCTAssertEqual(try ledger.staff().map(\.name), ["Kimura", "Yamada"])
    }
}
