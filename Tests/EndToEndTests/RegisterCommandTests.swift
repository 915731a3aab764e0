import Foundation
import XCTest
import Money
import Ledger

/// Paying at the register on the real binary: a Loppi-style machine prints the slip, and
/// `kiosk register` takes the money, asks the carrier and prints the 取扱明細兼受領書.
final class RegisterCommandTests: XCTestCase {
    private var ledger = ""
    private var folder: URL { URL(fileURLWithPath: ledger).deletingLastPathComponent() }
    private let store = ["--store", "lw-haneda-t3", "--register", "LW-HND-R1"]

    /// Two customers at LW-HND-3 each print a slip: LW-HND-3-S000001 and -S000002.
    override func setUpWithError() throws {
        ledger = KioskBinary.temporaryLedger()
        let script = folder.appendingPathComponent("slips.kiosk")
        try """
            tap language zh-Hans
            tap start
            type 09012345678
            key enter
            tap confirm
            tap plan docomo-3g-30
            tap pay-register
            expect slip-issued
            tap finish
            tap start
            type 08011112222
            key enter
            tap confirm
            tap plan au-5g-30
            tap pay-register
            expect slip-issued
            tap finish
            """.write(to: script, atomically: true, encoding: .utf8)
        let run = try KioskBinary.run(["run", "--terminal", "LW-HND-3", "--ledger", ledger, "--script", script.path,
                                       "--receipts", folder.appendingPathComponent("machine").path])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("slip-issued LW-HND-3-S000001 ¥2,980, pay at the register by"), run.stdout)
        let slip = try String(contentsOf: folder.appendingPathComponent("machine/slip-LW-HND-3-S000001.txt"), encoding: .utf8)
        for line in ["申込券", "申请单", "LW-HND-3-S000001", "090-****-5678", "¥2,980", "までにレジでお支払いください"] {
            XCTAssertTrue(slip.contains(line), "\(line) in\n\(slip)")
        }
    }

    private func register(_ arguments: [String]) throws -> KioskBinary.Output {
        try KioskBinary.run(["register"] + arguments + store + ["--ledger", ledger, "--receipts", folder.appendingPathComponent("register").path])
    }

    func testCashAtTheRegisterTopsUpPrintsTheReceiptAndIsPaidOnce() throws {
        let paid = try register(["pay", "LW-HND-3-S000001", "--cash", "5000"])
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertTrue(paid.stdout.contains("done receipt 1 LW-HND-R1-000001"), paid.stdout)
        XCTAssertTrue(paid.stdout.contains("change ¥2,020"), paid.stdout)
        let base = folder.appendingPathComponent("register/000001-LW-HND-R1-000001")
        for ext in ["txt", "pdf", "bin"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: base.path + "." + ext), ext)
        }
        let receipt = try String(contentsOfFile: base.path + ".txt", encoding: .utf8)
        for line in ["取扱明細兼受領書", "LW-HND-3-S000001", "¥5,000", "¥2,020"] {
            XCTAssertTrue(receipt.contains(line), "\(line) in\n\(receipt)")
        }
        XCTAssertTrue(receipt.contains("交易明细兼收据"), "in the customer's language too:\n\(receipt)")
        let again = try register(["pay", "LW-HND-3-S000001", "--card", "visa-ok"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "Slip LW-HND-3-S000001 is already paid.\n")
        // The register's drawer holds the ¥5,000 less the change; the machine holds nothing.
        let open = try Ledger(path: ledger)
        XCTAssertEqual(try open.cashInventory(terminalId: "LW-HND-3"), [:])
        let drawer = try open.cashInventory(terminalId: "LW-HND-R1")
        XCTAssertEqual(drawer[5000], 11)
        XCTAssertEqual(try open.transaction(id: "LW-HND-R1-000001")?.status, .completed)
        XCTAssertEqual(try open.slip("LW-HND-3-S000001")?.status, .paid)
        let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    func testACardAtTheRegisterAndAVoidedSlip() throws {
        let paid = try register(["pay", "lw-hnd-3-s000002", "--card", "visa-ok"])
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertTrue(paid.stdout.contains("done receipt 1 LW-HND-R1-000001"), paid.stdout)
        let voided = try register(["void", "LW-HND-3-S000001"])
        XCTAssertEqual(voided.status, 0, voided.stderr)
        XCTAssertEqual(voided.stdout, "Slip LW-HND-3-S000001 is voided; nobody can pay it now.\n")
        let late = try register(["pay", "LW-HND-3-S000001", "--cash", "3000"])
        XCTAssertEqual(late.stderr, "Slip LW-HND-3-S000001 was voided and cannot be paid.\n")
    }

    func testASlipThirtyOneMinutesOldIsRefusedWithTheTimeItExpired() throws {
        let open = try Ledger(path: ledger)
        let printed = Date().addingTimeInterval(-31 * 60)
        try open.record([Entry(txnId: nil, terminalId: "LW-HND-3", at: printed, step: .slipIssued(SlipIssue(
            slipNo: "LW-HND-3-S000003", storeId: "lw-haneda-t3", terminalId: "LW-HND-3", simNumber: "09012345678",
            carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980, validMinutes: 30, language: "en")))])
        let expiry = try XCTUnwrap(open.slip("LW-HND-3-S000003")).expiresAt
        let late = try register(["pay", "LW-HND-3-S000003", "--cash", "3000"])
        XCTAssertEqual(late.status, 1)
        XCTAssertEqual(late.stderr, SlipRefusal.expired(at: expiry).sentence(slipNo: "LW-HND-3-S000003") + "\n")
        XCTAssertTrue(late.stderr.contains("expired at"), late.stderr)
    }

    func testBadInputIsOneSentenceAndWritesNothing() throws {
        let before = try Ledger(path: ledger).journal().count
        let cases: [([String], String)] = [
            (["pay", "LW-HND-3-S000001", "--cash", "2985"], "--cash 2985 is not an amount in coins and bills the drawer takes; give a multiple of ¥10.\n"),
            (["pay", "LW-HND-3-S000001", "--cash", "1000"], "--cash 1000 is less than the ¥2,980 slip LW-HND-3-S000001 is for.\n"),
            (["pay", "LW-HND-3-S000001", "--card", "nope"], "Unknown test card \"nope\"; the cards are "),
            (["pay", "LW-HND-3-S000009", "--cash", "5000"], "There is no slip LW-HND-3-S000009 in the ledger.\n"),
        ]
        for (arguments, sentence) in cases {
            let out = try register(arguments)
            XCTAssertNotEqual(out.status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(out.stderr.split(separator: "\n").count, 1, out.stderr)
            XCTAssertTrue(out.stderr.hasPrefix(sentence), out.stderr)
        }
        let elsewhere = try KioskBinary.run(["register", "pay", "LW-HND-3-S000001", "--cash", "5000", "--store", "fm-shibuya-center",
                                             "--register", "LW-HND-R1", "--ledger", ledger])
        XCTAssertEqual(elsewhere.stderr, "LW-HND-R1 is not a register of fm-shibuya-center; its registers are FM-SBY-R1, FM-SBY-R2.\n")
        let both = try register(["pay", "LW-HND-3-S000001", "--cash", "5000", "--card", "visa-ok"])
        XCTAssertNotEqual(both.status, 0)
        // The ledger has not moved: not even the register's opening float was recorded.
        XCTAssertEqual(try Ledger(path: ledger).journal().count, before)
    }
}
