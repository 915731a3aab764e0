import Foundation
import XCTest
import ChildProcess
import Money
import Kiosk
import Ledger

/// UnionPay and phone wallets on the real binary.
final class TravellerPaymentTests: XCTestCase {
    /// A customer at the start screen tops up au's 5 GB plan and presents the UnionPay debit card.
    private static let toTheUnionPayCard = """
        tap start
        type 08011112222
        key enter
        tap confirm
        tap plan au-5g-30
        tap pay-card
        card unionpay-debit
        """

    /// A customer at the start screen tops up docomo's 3 GB plan and chooses a phone wallet.
    private static let toTheWalletScanner = """
        tap start
        type 09012345678
        key enter
        tap confirm
        tap plan docomo-3g-30
        tap pay-wallet
        """

    func testAWalletPaymentConfirmedInTheAppInSimplifiedChinese() throws {
        let tmux = try Tmux(arguments: ["--store", "fm-shibuya-center", "--terminal", "FM-SBY-1", "--lang", "zh-Hans"])
        tmux.waitFor("SIM卡充值")
        try tmux.keys("Enter", "09012345678", "Enter")
        tmux.waitFor("NTT docomo")
        try tmux.keys("Enter", "2")
        tmux.waitFor("手机支付")
        try tmux.touch("手机支付")
        tmux.waitFor("请将付款码对准扫描器")
        try tmux.touch("alipay-confirm")
        let waiting = tmux.waitFor("请在应用中确认付款")
        XCTAssertTrue(waiting.contains("Alipay") && waiting.contains("剩余"), waiting)
        let done = tmux.waitFor("充值完成", seconds: 20)
        XCTAssertTrue(done.contains("000001"), done)
        let ledger = try Ledger(path: tmux.ledger)
        let sale = try XCTUnwrap(ledger.transaction(id: "FM-SBY-1-000001"))
        XCTAssertEqual(sale.status, .completed)
        XCTAssertEqual(sale.paymentMethod, .wallet)
        XCTAssertEqual(sale.cardBrand, "Alipay")
        let receipt = try String(contentsOfFile: tmux.receipts + "/000001-FM-SBY-1-000001.txt", encoding: .utf8)
        XCTAssertTrue(receipt.contains("手机支付") && receipt.contains("Alipay ****\(sale.cardLast4 ?? "?")"), receipt)
        XCTAssertTrue(receipt.contains("支付单号") && receipt.contains(sale.authCode ?? "?"), receipt)
    }

    /// The PIN of a UnionPay debit card is in no row, no byte of the ledger file, no line the
    /// machine prints and no receipt. A PIN of six digits, so that nothing else holds them.
    func testThePINIsNowhereAfterASale() throws {
        let pin = "908172"
        let fixtures = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-pin-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: KioskBinary.projectRoot.appendingPathComponent("fixtures"), to: fixtures)
        let cards = fixtures.appendingPathComponent("test_cards.csv")
        try (try String(contentsOf: cards, encoding: .utf8)).replacingOccurrences(of: ",1234\n", with: ",\(pin)\n")
            .write(to: cards, atomically: true, encoding: .utf8)
        let ledger = KioskBinary.temporaryLedger()
        let folder = URL(fileURLWithPath: ledger).deletingLastPathComponent()
        let script = folder.appendingPathComponent("pin.kiosk")
        try """
            \(Self.toTheUnionPayCard)
            type 111111
            key enter
            expect entering-pin
            type \(pin)
            key enter
            expect done
            tap finish
            """.write(to: script, atomically: true, encoding: .utf8)
        let out = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--fixtures", fixtures.path,
                                       "--receipts", folder.path, "--script", script.path])
        XCTAssertEqual(out.status, 0, out.stderr + out.stdout)
        XCTAssertTrue(out.stdout.contains("entering-pin ••••••"), out.stdout)
        XCTAssertFalse((out.stdout + out.stderr).contains(pin), "the PIN in what the machine printed")

        let opened = try Ledger(path: ledger)
        XCTAssertEqual(try opened.transactions().map(\.status), [.completed])
        for row in try opened.journal() { XCTAssertFalse("\(row.step)".contains(pin), "\(row.step)") }
        for file in [ledger, ledger + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
            XCTAssertNil(bytes.range(of: Data(pin.utf8)), "the PIN in the bytes of \(file)")
        }
        let receipts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("000001-") }
        XCTAssertEqual(receipts.count, 3, "\(receipts)")
        for name in receipts {
            let path = folder.appendingPathComponent(name).path
            let text = name.hasSuffix(".pdf") ? try ChildProcess.run("pdftotext", [path, "-"], timeout: 30).output
                                              : String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            XCTAssertFalse(text.isEmpty, name)
            XCTAssertFalse(text.contains(pin), "the PIN on \(name)")
            if name.hasSuffix(".txt") { XCTAssertTrue(text.contains("UnionPay ****5678"), text) }
        }
    }
    /// Three wrong PINs refuse the card for the business day, and a machine started again on the
    /// same ledger, or another terminal of the store on it, refuses it too, the right PIN included.
    func testACardRefusedForTheDayIsRefusedAfterARestartAndOnAnotherTerminal() throws {
        let ledger = KioskBinary.temporaryLedger()
        let folder = URL(fileURLWithPath: ledger).deletingLastPathComponent()
        func pay(_ pins: [String], terminal: String, name: String, then last: String) throws -> KioskBinary.Output {
            let script = folder.appendingPathComponent(name)
            let tries = pins.map { "type \($0)\nkey enter" }.joined(separator: "\n")
            try """
                \(Self.toTheUnionPayCard)
                \(tries)
                expect \(last)
                """.write(to: script, atomically: true, encoding: .utf8)
            return try KioskBinary.run(["run", "--terminal", terminal, "--ledger", ledger,
                                        "--receipts", folder.path, "--script", script.path])
        }
        let refused = try pay(["1111", "2222", "3333"], terminal: "FM-SBY-1", name: "three.kiosk", then: "choose-payment")
        XCTAssertEqual(refused.status, 0, refused.stderr + refused.stdout)
        XCTAssertTrue(refused.stdout.contains("cannot be used today"), refused.stdout)

        let restarted = try pay(["1234"], terminal: "FM-SBY-1", name: "again.kiosk", then: "choose-payment")
        XCTAssertEqual(restarted.status, 0, restarted.stderr + restarted.stdout)
        XCTAssertTrue(restarted.stdout.contains("cannot be used today"), restarted.stdout)
        let other = try pay(["1234"], terminal: "FM-SBY-2", name: "other.kiosk", then: "choose-payment")
        XCTAssertEqual(other.status, 0, other.stderr + other.stdout)
        XCTAssertTrue(other.stdout.contains("cannot be used today"), other.stdout)

        let opened = try Ledger(path: ledger)
        XCTAssertEqual(try opened.transactions().map(\.status), [.failed, .failed, .failed])
        XCTAssertFalse(try opened.journal().contains { if case .cardAuthorised = $0.step { return true } else { return false } },
                       "no card authorised after the third wrong PIN")
    }

    /// Killed before each effect of a wallet sale, a UnionPay sale with a wrong PIN and a
    /// wallet never confirmed, then recovered: the staff's lines say what was done.
    func testRecoveryTellsStaffWhatWasDoneWithWalletsAndPINAttempts() throws {
        let script = URL(fileURLWithPath: KioskBinary.temporaryLedger()).deletingLastPathComponent().appendingPathComponent("w.kiosk")
        try """
            \(Self.toTheWalletScanner)
            scan wechat-ok
            expect done
            tap finish
            \(Self.toTheUnionPayCard)
            type 1111
            key enter
            type 1234
            key enter
            expect done
            tap finish
            \(Self.toTheWalletScanner)
            scan wechat-never
            wait 31
            expect choose-payment
            """.write(to: script, atomically: true, encoding: .utf8)
        var lines: [String] = []
        for k in 1...40 {
            let ledger = KioskBinary.temporaryLedger()
            let run = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", script.path,
                                           "--receipts", ledger + "-receipts", "--crash-before-effect", String(k)])
            if run.status == 0 { break }
            XCTAssertTrue(run.killed, run.stderr)
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--receipts", ledger + "-receipts"])
            XCTAssertEqual(recover.status, 0, recover.stderr)
            lines += recover.stdout.split(separator: "\n").map(String.init)
        }
        let said = lines.joined(separator: "\n")
        XCTAssertFalse(said.contains("¥0 returned"), said)
        XCTAssertTrue(lines.contains("FM-SBY-1-000001: the top-up failed (the carrier did not answer); WeChat Pay payment refunded to the wallet; refunded"), said)
        XCTAssertTrue(lines.contains("FM-SBY-1-000002: attempt closed (interrupted by a restart); no money had been taken"), said)
        XCTAssertTrue(lines.contains("FM-SBY-1-000003: WeChat Pay order cancelled; attempt closed (wallet payment not confirmed in time); nothing stays charged"), said)
        for line in lines where line.contains("reversal sent") {
            XCTAssertTrue(line.contains("card reader timed out"), line)
        }
    }
}
