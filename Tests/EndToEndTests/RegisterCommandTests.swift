import Foundation
import XCTest
import Money
import Ledger

/// Paying at the register on the real binary: a Loppi-style machine prints the slip, and
/// `kiosk register` takes the money, asks the carrier and prints the 取扱明細兼受領書.
final class RegisterCommandTests: XCTestCase {
    private var ledger = ""
    private var folder: URL { URL(fileURLWithPath: ledger).deletingLastPathComponent() }
    private let store = ["--store", "lw-sapporo-odori", "--register", "LW-SPR-R1"]

    /// A customer tops up `number` with `plan` and takes the machine's slip to the register.
    private static func printsASlip(_ number: String, plan: String) -> String {
        """
        tap start
        type \(number)
        key enter
        tap confirm
        tap plan \(plan)
        tap pay-register
        expect slip-issued
        tap finish
        """
    }

    /// Two customers at LW-SPR-2 each print a slip: LW-SPR-2-S000001 and -S000002.
    override func setUpWithError() throws {
        ledger = KioskBinary.temporaryLedger()
        let script = folder.appendingPathComponent("slips.kiosk")
        try """
            tap language zh-Hans
            \(Self.printsASlip("09012345678", plan: "docomo-3g-30"))
            \(Self.printsASlip("08011112222", plan: "au-5g-30"))
            """.write(to: script, atomically: true, encoding: .utf8)
        let run = try KioskBinary.run(["run", "--terminal", "LW-SPR-2", "--ledger", ledger, "--script", script.path,
                                       "--receipts", folder.appendingPathComponent("machine").path])
        XCTAssertEqual(run.status, 0, run.stderr + run.stdout)
        XCTAssertTrue(run.stdout.contains("slip-issued LW-SPR-2-S000001 ¥2,980, pay at the register by"), run.stdout)
        let slip = try String(contentsOf: folder.appendingPathComponent("machine/slip-LW-SPR-2-S000001.txt"), encoding: .utf8)
        for line in ["申込券", "申请单", "LW-SPR-2-S000001", "090-****-5678", "¥2,980", "までにレジでお支払いください"] {
            XCTAssertTrue(slip.contains(line), "\(line) in\n\(slip)")
        }
    }

    private func register(_ arguments: [String]) throws -> KioskBinary.Output {
        try KioskBinary.run(["register"] + arguments + store + ["--ledger", ledger, "--receipts", folder.appendingPathComponent("register").path])
    }

    func testCashAtTheRegisterTopsUpPrintsTheReceiptAndIsPaidOnce() throws {
        let paid = try register(["pay", "LW-SPR-2-S000001", "--cash", "5000"])
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertTrue(paid.stdout.contains("done receipt 1 LW-SPR-R1-000001"), paid.stdout)
        XCTAssertTrue(paid.stdout.contains("change ¥2,020"), paid.stdout)
        let base = folder.appendingPathComponent("register/000001-LW-SPR-R1-000001")
        for ext in ["txt", "pdf", "bin"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: base.path + "." + ext), ext)
        }
        let receipt = try String(contentsOfFile: base.path + ".txt", encoding: .utf8)
        for line in ["取扱明細兼受領書", "LW-SPR-2-S000001", "¥5,000", "¥2,020"] {
            XCTAssertTrue(receipt.contains(line), "\(line) in\n\(receipt)")
        }
        XCTAssertTrue(receipt.contains("交易明细兼收据"), "in the customer's language too:\n\(receipt)")
        let again = try register(["pay", "LW-SPR-2-S000001", "--card", "visa-ok"])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "Slip LW-SPR-2-S000001 is already paid.\n")
        // The register's drawer holds the ¥5,000 less the change; the machine holds nothing.
        let open = try Ledger(path: ledger)
        XCTAssertEqual(try open.cashInventory(terminalId: "LW-SPR-2"), [:])
        let drawer = try open.cashInventory(terminalId: "LW-SPR-R1")
        XCTAssertEqual(drawer[5000], 11)
        XCTAssertEqual(try open.transaction(id: "LW-SPR-R1-000001")?.status, .completed)
        XCTAssertEqual(try open.slip("LW-SPR-2-S000001")?.status, .paid)
        let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        try assertTheReportsSplitWherePaid()
    }

    /// X reports split sales by where they were paid, count the machine's slips, and keep the
    /// register's drawer apart from the machines' cash; CSV and hledger carry the same split.
    private func assertTheReportsSplitWherePaid() throws {
        let json = try KioskBinary.run(["report", "x", "--store", "lw-sapporo-odori", "--format", "json", "--ledger", ledger])
        XCTAssertEqual(json.status, 0, json.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let places = try XCTUnwrap(report["by_place"] as? [String: [String: Int]])
        XCTAssertEqual(places["register_cash"], ["count": 1, "yen": 2980])
        XCTAssertEqual(places["machine_cash"], ["count": 0, "yen": 0])
        XCTAssertEqual(report["slips"] as? [String: Int], ["issued": 2, "paid": 1, "expired": 0, "voided": 0])
        let drawers = try XCTUnwrap(report["register_cash"] as? [String: Any])
        XCTAssertEqual(drawers["in_yen"] as? Int, 5000)
        XCTAssertEqual(drawers["change_out_yen"] as? Int, 2020)
        XCTAssertEqual((report["cash"] as? [String: Any])?["in_yen"] as? Int, 0, "the machines took no cash")
        let text = try KioskBinary.run(["report", "x", "--terminal", "LW-SPR-R1", "--ledger", ledger])
        XCTAssertTrue(text.stdout.contains("CASH IN THE REGISTER'S DRAWER"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Register, cash (1)"), text.stdout)
        let csv = try KioskBinary.run(["report", "x", "--terminal", "LW-SPR-2", "--format", "csv", "--ledger", ledger])
        XCTAssertTrue(csv.stdout.contains("slips,issued,,2,\r\n"), csv.stdout)
        XCTAssertTrue(csv.stdout.contains("slips,paid,,1,\r\n"), csv.stdout)
        let hledger = try KioskBinary.run(["ledger", "export", "--format", "hledger", "--ledger", ledger])
        XCTAssertTrue(hledger.stdout.contains("assets:register:LW-SPR-R1:drawer"), hledger.stdout)
        XCTAssertTrue(hledger.stdout.contains("paid at the register for slip LW-SPR-2-S000001"), hledger.stdout)
        XCTAssertFalse(hledger.stdout.contains("assets:kiosk:LW-SPR-R1"), hledger.stdout)
        let export = try KioskBinary.run(["ledger", "export", "--format", "csv", "--ledger", ledger])
        XCTAssertTrue(export.stdout.hasPrefix("id,") && export.stdout.contains(",paid_at,slip_no\r\n"), export.stdout)
        XCTAssertTrue(export.stdout.contains(",register,LW-SPR-2-S000001\r\n"), export.stdout)
    }

    func testACardAtTheRegisterAndAVoidedSlip() throws {
        let paid = try register(["pay", "lw-spr-2-s000002", "--card", "visa-ok"])
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertTrue(paid.stdout.contains("done receipt 1 LW-SPR-R1-000001"), paid.stdout)
        let voided = try register(["void", "LW-SPR-2-S000001"])
        XCTAssertEqual(voided.status, 0, voided.stderr)
        XCTAssertEqual(voided.stdout, "Slip LW-SPR-2-S000001 is voided; nobody can pay it now.\n")
        let late = try register(["pay", "LW-SPR-2-S000001", "--cash", "3000"])
        XCTAssertEqual(late.stderr, "Slip LW-SPR-2-S000001 was voided and cannot be paid.\n")
    }

    func testASlipThirtyOneMinutesOldIsRefusedWithTheTimeItExpired() throws {
        let open = try Ledger(path: ledger)
        let printed = Date().addingTimeInterval(-31 * 60)
        try open.record([Entry(txnId: nil, terminalId: "LW-SPR-2", at: printed, step: .slipIssued(SlipIssue(
            slipNo: "LW-SPR-2-S000003", storeId: "lw-sapporo-odori", terminalId: "LW-SPR-2", simNumber: "09012345678",
            carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980, validMinutes: 30, language: "en")))])
        let expiry = try XCTUnwrap(open.slip("LW-SPR-2-S000003")).expiresAt
        let late = try register(["pay", "LW-SPR-2-S000003", "--cash", "3000"])
        XCTAssertEqual(late.status, 1)
        XCTAssertEqual(late.stderr, SlipRefusal.expired(at: expiry).sentence(slipNo: "LW-SPR-2-S000003") + "\n")
        XCTAssertTrue(late.stderr.contains("expired at"), late.stderr)
        let report = try KioskBinary.run(["report", "x", "--terminal", "LW-SPR-2", "--format", "json", "--ledger", ledger])
        let slips = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])["slips"]
        XCTAssertEqual(slips as? [String: Int], ["issued": 3, "paid": 0, "expired": 1, "voided": 0])
    }

    /// At a machine that takes no money every customer prints a slip; most walk to the
    /// register and pay, the others' slips expire, and the day's checks all hold.
    func testASimulatedDayAtTheLoppiSendsCustomersToTheRegister() throws {
        let day = KioskBinary.temporaryLedger()
        let out = try KioskBinary.run(["simulate", "--terminal", "LW-SPR-2", "--customers", "40", "--seed", "5", "--ledger", day])
        XCTAssertEqual(out.status, 0, out.stderr + out.stdout)
        let line = try XCTUnwrap(out.stdout.split(separator: "\n").first { $0.contains("printed for the register") }, out.stdout)
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        XCTAssertEqual(numbers.count, 2, String(line))
        XCTAssertGreaterThan(numbers[1], 0, "some pay at the register: \(line)")
        XCTAssertLessThan(numbers[1], numbers[0], "some never do: \(line)")
        let report = try KioskBinary.run(["report", "x", "--store", "lw-sapporo-odori", "--format", "json", "--ledger", day])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let slips = try XCTUnwrap(object["slips"] as? [String: Int])
        XCTAssertEqual(slips["issued"], numbers[0])
        XCTAssertEqual(slips["paid"], numbers[1])
        // The day may run ahead of the wall clock: its last slips nobody paid may not have expired yet.
        XCTAssertLessThanOrEqual(slips["expired"] ?? -1, numbers[0] - numbers[1])
        let places = try XCTUnwrap(object["by_place"] as? [String: [String: Int]])
        XCTAssertEqual((places["register_cash"]?["count"] ?? 0) + (places["register_card"]?["count"] ?? 0), numbers[1])
    }

    /// Two registers of one store pay one slip at the same moment, again and again: one is
    /// paid, and the other is told "already paid" whether it lost at its look-up or at the
    /// commit that takes the slip; it stays in service and moves no money.
    func testTwoRegistersPayingOneSlipAtOnceTellTheLoserItIsAlreadyPaid() throws {
        let rounds = 6
        let day = KioskBinary.temporaryLedger()
        let dir = URL(fileURLWithPath: day).deletingLastPathComponent()
        let printSlip = Self.printsASlip("09012345678", plan: "docomo-3g-30")
        let script = dir.appendingPathComponent("slips.kiosk")
        try Array(repeating: printSlip, count: rounds).joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let printed = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", day, "--script", script.path,
                                           "--receipts", dir.appendingPathComponent("machine").path])
        XCTAssertEqual(printed.status, 0, printed.stderr + printed.stdout)
        for round in 1...rounds {
            let slipNo = String(format: "FM-SBY-1-S%06d", round)
            let payers = [["--register", "FM-SBY-R1", "--cash", "5000"], ["--register", "FM-SBY-R2", "--card", "visa-ok"]]
            var outputs = [KioskBinary.Output?](repeating: nil, count: 2)
            let lock = NSLock()
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                let out = try? KioskBinary.run(["register", "pay", slipNo, "--store", "fm-shibuya-center", "--ledger", day,
                                                "--receipts", dir.appendingPathComponent("register").path] + payers[i])
                lock.lock(); outputs[i] = out; lock.unlock()
            }
            let done = try outputs.map { try XCTUnwrap($0) }
            let winners = done.filter { $0.status == 0 }
            XCTAssertEqual(winners.count, 1, "round \(round): \(done.map { $0.stdout + $0.stderr })")
            for loser in done where loser.status != 0 {
                XCTAssertEqual(loser.status, 1)
                XCTAssertEqual(loser.stderr, "Slip \(slipNo) is already paid.\n", "round \(round)")
                XCTAssertEqual(loser.stdout, "", "round \(round)")
            }
        }
        // Each slip began exactly one sale, which completed; the losers wrote nothing.
        let ledger = try Ledger(path: day)
        let sales = try ledger.transactions(terminalId: "FM-SBY-R1") + ledger.transactions(terminalId: "FM-SBY-R2")
        XCTAssertEqual(sales.count, rounds, "\(sales.map(\.id))")
        XCTAssertTrue(sales.allSatisfy { $0.status == .completed }, "\(sales.map(\.status))")
        for round in 1...rounds {
            XCTAssertEqual(try ledger.slip(String(format: "FM-SBY-1-S%06d", round))?.status, .paid)
        }
        let verify = try KioskBinary.run(["ledger", "verify", "--ledger", day])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
    }

    /// `kiosk stores` says the Loppi-style machine takes no money and sends the customer to the register.
    func testStoresSaysHowEachMachineIsPaid() throws {
        let out = try KioskBinary.run(["stores", "--store", "lw-sapporo-odori", "--ledger", ledger])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("LW-SPR-2: The Loppi terminal, near the exit\n    in service; takes no money, only a slip paid at the register;"), out.stdout)
        XCTAssertTrue(out.stdout.contains("LW-SPR-1: By the entrance under the stairs\n    in service; takes cash or card;"), out.stdout)
    }

    func testBadInputIsOneSentenceAndWritesNothing() throws {
        let before = try Ledger(path: ledger).journal().count
        let cases: [([String], String)] = [
            (["pay", "LW-SPR-2-S000001", "--cash", "2985"], "--cash 2985 is not an amount in coins and bills the drawer takes; give a multiple of ¥10.\n"),
            (["pay", "LW-SPR-2-S000001", "--cash", "1000"], "--cash 1000 is less than the ¥2,980 slip LW-SPR-2-S000001 is for.\n"),
            (["pay", "LW-SPR-2-S000001", "--card", "nope"], "Unknown test card \"nope\"; the cards are "),
            (["pay", "LW-SPR-2-S000009", "--cash", "5000"], "There is no slip LW-SPR-2-S000009 in the ledger.\n"),
        ]
        for (arguments, sentence) in cases {
            let out = try register(arguments)
            XCTAssertNotEqual(out.status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(out.stderr.split(separator: "\n").count, 1, out.stderr)
            XCTAssertTrue(out.stderr.hasPrefix(sentence), out.stderr)
        }
        let elsewhere = try KioskBinary.run(["register", "pay", "LW-SPR-2-S000001", "--cash", "5000", "--store", "fm-shibuya-center",
                                             "--register", "LW-SPR-R1", "--ledger", ledger])
        XCTAssertEqual(elsewhere.stderr, "LW-SPR-R1 is not a register of fm-shibuya-center; its registers are FM-SBY-R1, FM-SBY-R2.\n")
        let both = try register(["pay", "LW-SPR-2-S000001", "--cash", "5000", "--card", "visa-ok"])
        XCTAssertNotEqual(both.status, 0)
        // The ledger has not moved: not even the register's opening float was recorded.
        XCTAssertEqual(try Ledger(path: ledger).journal().count, before)
    }
}
