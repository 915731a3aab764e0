import ChildProcess
import Foundation
import Ledger
import XCTest

/// What the README promises of the machine, checked on the real binary with scripts: slips,
/// time-outs, paper that outlives a restart, refunds paid at the counter, a run that could not
/// record, SIM numbers written internationally, and `--store` alone.
final class MachinePromisesTests: XCTestCase {
    private var folder: URL!
    private var ledger: String { folder.appendingPathComponent("ledger.sqlite").path }
    private var receipts: URL { folder.appendingPathComponent("receipts") }

    override func setUpWithError() throws {
        folder = URL(fileURLWithPath: KioskBinary.temporaryLedger()).deletingLastPathComponent()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A customer at FM-SBY-1 who has typed the number and chosen the plan and cash.
    private let customer = """
        tap start
        type 090-1234-5678
        key enter
        tap confirm
        tap plan docomo-3g-30
        tap pay-cash
        """

    /// Plays the lines as a script on FM-SBY-1 (or the options given instead).
    private func play(_ lines: String, _ options: [String] = ["--terminal", "FM-SBY-1"]) throws -> KioskBinary.Output {
        let script = folder.appendingPathComponent("s\(UUID().uuidString.prefix(8)).kiosk")
        try lines.write(to: script, atomically: true, encoding: .utf8)
        return try KioskBinary.run(["run", "--ledger", ledger, "--receipts", receipts.path, "--script", script.path] + options)
    }

    private func kiosk(_ arguments: [String], stdin: String? = nil) throws -> KioskBinary.Output {
        let out = try KioskBinary.run(arguments + ["--ledger", ledger], stdin: stdin)
        XCTAssertEqual(out.status, 0, "kiosk \(arguments.joined(separator: " ")): \(out.stderr)")
        return out
    }

    private func printed(_ suffix: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: receipts.path).filter { $0.hasSuffix(suffix) }.sorted()
    }

    func testACancelledSaleWithCashReturnedPrintsItsRefundSlip() throws {
        let out = try play(customer + "\ncash 1000\ncash 500\ntap cancel\nexpect cancelled\n")
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("cancelled returned ¥1,500  [tray: ¥1,000×1 ¥500×1]"), out.stdout)
        let slips = try printed("-FM-SBY-1-000001-refund.txt")
        XCTAssertEqual(slips.count, 1, slips.joined(separator: " "))
        let slip = try String(contentsOf: receipts.appendingPathComponent(slips[0]), encoding: .utf8)
        XCTAssertTrue(slip.contains("REFUND SLIP"), slip)
        XCTAssertTrue(slip.split(separator: "\n").contains { $0.hasPrefix("Cash returned") && $0.hasSuffix("¥1,500") }, slip)
    }

    func testATimeOutGivesTheCashBackAndGoesStraightToTheStart() throws {
        let out = try play(customer + "\ncash 1000\nwait 61\nexpect attract\n", ["--terminal", "FM-SBY-1", "--timeout", "60"])
        XCTAssertEqual(out.status, 0, out.stderr + out.stdout)
        XCTAssertTrue(out.stdout.contains("attract  [tray: ¥1,000×1]"), out.stdout)
        XCTAssertFalse(out.stdout.contains("cancelled"), out.stdout)
        XCTAssertEqual(try printed("-refund.txt").count, 1)
    }

    func testPaperThatRanOutStaysOutAfterARestartUntilStaffLoadARoll() throws {
        let sale = try play(customer + "\ncash 5000\nexpect done\n", ["--terminal", "FM-SBY-1", "--faults", "paper-out=1"])
        XCTAssertEqual(sale.status, 0, sale.stderr)
        XCTAssertTrue(sale.stdout.contains("not printed: the printer is out of paper"), sale.stdout)
        // A restart: the next customer is told before paying.
        let next = try play(customer)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.contains("6: paying-cash Prepaid 3 GB / 30 days ¥2,980, paid ¥0, due ¥2,980 — The printer is out of paper"),
                      next.stdout)
        XCTAssertTrue(try kiosk(["stores", "--store", "fm-shibuya-center"]).stdout.contains("FM-SBY-1: Right of the registers\n    in service; takes cash, card, wallet or a slip paid at the register; paper out\n"))
        _ = try kiosk(["staff", "add", "--name", "Sato"], stdin: "1357\n")
        for (arguments, sentence) in [(["paper", "load", "--terminal", "FM-SBY-1", "--sheets", "0"], "A roll of paper holds 1 to 10000 sheets, not 0.\n"),
                                      (["paper", "status", "--terminal", "FM-SBY-1", "--sheets", "9"], "`kiosk paper status` takes no --sheets.\n")] {
            let refused = try KioskBinary.run(arguments + ["--ledger", ledger])
            XCTAssertNotEqual(refused.status, 0)
            XCTAssertEqual(refused.stderr, sentence)
        }
        XCTAssertEqual(try kiosk(["paper", "status", "--terminal", "FM-SBY-1"]).stdout,
                       "Paper in FM-SBY-1: out; load a roll with `kiosk paper load`.\n")
        let loaded = try kiosk(["paper", "load", "--terminal", "FM-SBY-1", "--staff", "Sato"])
        XCTAssertEqual(loaded.stdout, "Sato loaded a roll of 400 sheets into FM-SBY-1.\nPaper in FM-SBY-1: 400 sheets.\n")
        XCTAssertTrue(try kiosk(["stores", "--store", "fm-shibuya-center"]).stdout.contains("FM-SBY-1: Right of the registers\n    in service; takes cash, card, wallet or a slip paid at the register; paper 400 sheets\n"))
        let after = try play(customer)
        XCTAssertFalse(after.stdout.contains("out of paper"), after.stdout)
        XCTAssertTrue(try Ledger(path: ledger).journal().contains { $0.step == .staff(action: "loaded paper: 400 sheets", name: "Sato") })
    }

    func testARefundDueSlipPaidAtTheCounterSaysSoAndThePDFReprintHoldsBothDocuments() throws {
        // The change mechanism jams: ¥2,020 is owed to the customer.
        let sale = try play(customer + "\ncash 5000\nexpect done\n", ["--terminal", "FM-SBY-1", "--faults", "jam=1"])
        XCTAssertEqual(sale.status, 0, sale.stderr)
        XCTAssertTrue(sale.stdout.contains("change owed ¥2,020"), sale.stdout)
        let owed = try kiosk(["receipt", "FM-SBY-1-000001", "--lang", "en"]).stdout
        XCTAssertTrue(owed.contains("Still owed to you") && owed.contains("SIM TOP-UP"), owed)

        let pdf = folder.appendingPathComponent("reprint.pdf").path
        _ = try kiosk(["receipt", "FM-SBY-1-000001", "--lang", "en", "--format", "pdf", "--out", pdf])
        let info = try ChildProcess.run("pdfinfo", [pdf], timeout: 60).output
        XCTAssertTrue(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 2") }, info)
        let text = try ChildProcess.run("pdftotext", [pdf, "-"], timeout: 60).output
        XCTAssertTrue(text.contains("SIM TOP-UP") && text.contains("REFUND SLIP"), text)

        _ = try kiosk(["staff", "add", "--name", "Sato"], stdin: "1357\n")
        let settled = try play("tap staff\ntype 1357\nkey enter\nexpect staff-menu\ntap staff-task settle-refunds\n")
        XCTAssertEqual(settled.status, 0, settled.stderr)
        XCTAssertTrue(settled.stdout.contains("Paid 1 refund due from the counter"), settled.stdout)
        let paid = try kiosk(["receipt", "FM-SBY-1-000001", "--lang", "en"]).stdout
        XCTAssertFalse(paid.contains("Still owed"), paid)
        let lines = paid.split(separator: "\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Paid at the counter") && $0.hasSuffix("¥2,020") }, paid)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Paid by") && $0.contains("Sato, 20") && $0.hasSuffix("JST") }, paid)
    }

    func testAScriptRunThatCouldNotRecordExitsNonZero() throws {
        _ = try Ledger(path: ledger)
        // Another program holds the ledger's write lock for the whole run.
        let out = try KioskBinary.whileAnotherProgramLocks(ledger) { try play(customer + "\ncash 1000\nexpect out-of-service\n") }
        XCTAssertNotEqual(out.status, 0, out.stdout)
        XCTAssertTrue(out.stderr.hasPrefix("The machine could not record when it opened and went out of service: "
                                           + "the ledger cannot be written"), out.stderr)
        XCTAssertEqual(out.stderr.filter { $0 == "\n" }.count, 1, out.stderr)
        // It stopped there: no customer was served on a machine that cannot record.
        XCTAssertTrue(out.stdout.hasPrefix("start: out-of-service"), out.stdout)
        XCTAssertFalse(out.stdout.contains("1: "), out.stdout)
    }

    func testSIMNumbersWrittenInTheInternationalForm() throws {
        for written in ["+81 90-1234-5678", "+819012345678", "0081 90 1234 5678"] {
            let out = try play("tap start\ntype \(written)\nkey enter\nexpect account-found\n")
            XCTAssertEqual(out.status, 0, "\(written): \(out.stderr)")
            XCTAssertTrue(out.stdout.contains("account-found 090-1234-5678 NTT docomo"), out.stdout)
        }
    }

    func testAStoreAloneOpensTheFinderOnThatStore() throws {
        let out = try play("expect find-machine\ntap use-this-machine\nexpect attract\n", ["--store", "fm-namba"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertEqual(try Ledger(path: ledger).terminalIds(), ["FM-NMB-1"])
    }
}
