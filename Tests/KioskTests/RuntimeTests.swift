import Foundation
import XCTest
@testable import Kiosk
import Ledger
import Receipt

/// Prints nothing; remembers what it was asked to print.
final class RecordingPrinter: ReceiptPrinter {
    var printed: [String] = []
    func paperSheets(terminalId: String) -> Int { 100 }
    func print(txnId: String, language: Language?, reprint: Bool) -> Result<[String], PrinterFault> {
        printed.append(txnId)
        return .success(["\(txnId).txt"])
    }
    func print(slipNo: String, reprint: Bool) -> Result<[String], PrinterFault> {
        printed.append(slipNo)
        return .success(["slip-\(slipNo).txt"])
    }
    func print(_ document: Document, named: String, terminalId: String) -> Result<[String], PrinterFault> {
        printed.append(named)
        return .success(["\(named).txt"])
    }
}

/// The runtime on a real ledger file, the simulated devices and host.
final class TestMachine {
    let ledger: Ledger
    let clock: ManualClock
    let cash: SimulatedCashDevice
    let acquirer: SimulatedAcquirer
    let wallets: SimulatedWalletAcquirer
    let host: SimulatedTopUpHost
    let printer = RecordingPrinter()
    let runtime: KioskRuntime

    init(path: String, faults: Faults = .none, terminal: String = "FM-SBY-1") throws {
        ledger = try Ledger(path: path)
        let clock = ManualClock(start: Sample.noon)
        self.clock = clock
        cash = SimulatedCashDevice(faults: faults)
        acquirer = SimulatedAcquirer(cards: Sample.catalogue.testCards, pinTries: ledger, faults: faults, clock: clock.now)
        host = SimulatedTopUpHost(catalogue: Sample.catalogue, records: ledger, faults: faults)
        wallets = SimulatedWalletAcquirer(codes: Sample.catalogue.testWallets, records: ledger, faults: faults, clock: clock.now)
        runtime = KioskRuntime(state: KioskState(catalogue: Sample.catalogue, now: Sample.noon), ledger: ledger,
                               host: host, acquirer: acquirer, wallets: wallets, cash: cash, printer: printer, clock: clock.now)
        let t = Sample.catalogue.device(terminal)!
        runtime.open(storeId: t.storeId, terminalId: t.id)
    }

    func reachPayment(number: String = "09012345678", plan: String, method: ButtonID = .payByCash) {
        runtime.send(.tap(.start))
        for ch in number { runtime.send(.key(.char(ch))) }
        runtime.send(.key(.enter))
        runtime.send(.tap(.confirm))
        runtime.send(.tap(.plan(plan)))
        runtime.send(.tap(method))
    }

    static func temporaryPath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("ledger.sqlite").path
    }
}

final class RuntimeTests: XCTestCase {
    func testACashSaleIsJournaledAndBalanced() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        XCTAssertEqual(m.runtime.state.screen, .attract)
        m.reachPayment(plan: "docomo-3g-30")
        m.runtime.send(.cashInserted(5000))
        guard case .done(let done) = m.runtime.state.screen else { return XCTFail(m.runtime.state.summary) }
        XCTAssertEqual(done.receiptNo, 1)
        XCTAssertEqual(done.change, Yen(2020))
        XCTAssertEqual(m.cash.emptyTray(), [1000: 2, 10: 2])
        let txn = try XCTUnwrap(try m.ledger.transaction(id: done.txnId))
        XCTAssertEqual(txn.status, .completed)
        XCTAssertEqual(txn.cashInYen - txn.changeYen, txn.amountYen)
        XCTAssertEqual(m.printer.printed, [done.txnId])
        XCTAssertEqual(try Invariants.check(m.ledger), [])
        // The opening float plus ¥5,000 in, less the change.
        let inventory = try m.ledger.cashInventory(terminalId: "FM-SBY-1")
        XCTAssertEqual(inventory[5000], 6)
        XCTAssertEqual(inventory[1000], 38)
    }

    func testACardSaleCapturesAndCompletes() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        m.reachPayment(number: "08011112222", plan: "au-5g-30", method: .payByCard)
        m.runtime.send(.tap(.presentCard("amex-ok")))
        guard case .done(let done) = m.runtime.state.screen else { return XCTFail(m.runtime.state.summary) }
        let txn = try XCTUnwrap(try m.ledger.transaction(id: done.txnId))
        XCTAssertEqual(txn.cardBrand, "American Express")
        XCTAssertEqual(txn.cardLast4, "0005")
        XCTAssertEqual(m.acquirer.captured, [txn.authCode!])
        XCTAssertEqual(try Invariants.check(m.ledger), [])
    }

    /// The checks a crash test relies on see a wallet order left charged, or undone under a
    /// completed sale, and a money move journaled twice.
    func testTheInvariantsSeeAWalletOrderThatDoesNotMatchItsSale() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        m.reachPayment(plan: "docomo-3g-30", method: .payByWallet)
        m.runtime.send(.tap(.scanCode("alipay-ok")))
        guard case .done(let done) = m.runtime.state.screen else { return XCTFail(m.runtime.state.summary) }
        m.runtime.send(.tap(.finish))
        m.reachPayment(plan: "docomo-3g-30", method: .payByWallet)
        m.runtime.send(.tap(.scanCode("alipay-balance")))
        XCTAssertEqual(m.runtime.state.screen, .choosePayment)
        let declined = try XCTUnwrap(try m.ledger.transactions().first { $0.status == .failed })
        XCTAssertEqual(try Invariants.check(m.ledger), [])

        var paid = try XCTUnwrap(try m.ledger.walletOrder(txnId: done.txnId))
        paid.refunded = true
        try m.ledger.saveWalletOrder(paid, at: Sample.noon)
        try m.ledger.saveWalletOrder(WalletOrderRecord(txnId: declined.id, state: .paid, tradeNo: "2026000000000000000001"), at: Sample.noon)
        XCTAssertEqual(try Invariants.check(m.ledger), [
            "Wallet sale \(done.txnId) is completed but the wallet holds no payment for it.",
            "Wallet sale \(declined.id) is failed but its wallet order stays charged.",
        ])
    }

    func testTheSameTransactionAppliedTwiceAtTheHostIsCreditedOnce() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        let plan = Sample.catalogue.plan("docomo-3g-30")!
        let first = m.host.apply(txnId: "T-1", sim: .mobile("09012345678"), plan: plan, today: "2026-11-25", at: Sample.noon)
        let second = m.host.apply(txnId: "T-1", sim: .mobile("09012345678"), plan: plan, today: "2026-11-25", at: Sample.noon)
        XCTAssertEqual(first, .applied(newExpiry: "2027-01-06"))
        XCTAssertEqual(second, first)
        // A second top-up under another id extends from the new expiry.
        XCTAssertEqual(m.host.apply(txnId: "T-2", sim: .mobile("09012345678"), plan: plan, today: "2026-11-25", at: Sample.noon),
                       .applied(newExpiry: "2027-02-05"))
    }

    func testTheHostRefusesWithAReason() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        XCTAssertEqual(m.host.lookUp(.mobile("09013572468"), today: "2026-11-25"), .refused(.postpaid))
        XCTAssertEqual(m.host.lookUp(.mobile("07010203040"), today: "2026-11-25"), .refused(.suspended))
        XCTAssertEqual(m.host.lookUp(.mobile("09000000000"), today: "2026-11-25"), .refused(.unknown))
        XCTAssertEqual(m.host.lookUp(.mobile("08024681357"), today: "2026-11-25"), .refused(.expiredBeyondGrace(expiry: "2026-11-05")))
        guard case .found(let inGrace) = m.host.lookUp(.mobile("09099990000"), today: "2026-11-25") else { return XCTFail() }
        XCTAssertTrue(inGrace.inGrace)
    }

    func testAMachineStoppedWithCashInsideGivesItBackOnRestart() throws {
        let path = TestMachine.temporaryPath()
        var txnId = ""
        do {
            let m = try TestMachine(path: path)
            m.reachPayment(plan: "docomo-10g-30")
            m.runtime.send(.cashInserted(1000))
            m.runtime.send(.cashInserted(1000))
            txnId = m.runtime.state.order!.txnId!
            // The process dies here: nothing more is sent.
        }
        let restarted = try TestMachine(path: path)
        XCTAssertEqual(restarted.cash.emptyTray(), [1000: 2])
        let txn = try XCTUnwrap(try restarted.ledger.transaction(id: txnId))
        XCTAssertEqual(txn.status, .refunded)
        XCTAssertEqual(try Invariants.check(restarted.ledger), [])
        XCTAssertEqual(restarted.runtime.state.machine?.status.nextSequence, 2)
    }

    func testATopUpAppliedJustBeforeACrashIsCompletedOnRestart() throws {
        let path = TestMachine.temporaryPath()
        let m = try TestMachine(path: path)
        m.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        // Journal up to the top-up request by hand, then let the host apply it, as if the
        // process died before the answer was journaled.
        let state = m.runtime.state
        let txnId = state.order!.txnId!
        let start = TransactionStart(id: txnId, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", businessDate: "2026-11-25",
                                     simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30",
                                     amountYen: 2980, taxYen: 270, paymentMethod: .card)
        try m.ledger.record([.begin(start), .cardAuthorisationRequested(brand: "Visa", last4: "1111"),
                             .cardAuthorised(brand: "Visa", last4: "1111", authCode: "654321"),
                             .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")]
            .map { Entry(txnId: txnId, terminalId: "FM-SBY-1", at: Sample.noon, step: $0) })
        _ = m.host.apply(txnId: txnId, sim: .mobile("09012345678"), plan: Sample.catalogue.plan("docomo-3g-30")!,
                         today: "2026-11-25", at: Sample.noon)
        let restarted = try TestMachine(path: path)
        XCTAssertEqual(try restarted.ledger.transaction(id: txnId)?.status, .completed)
        XCTAssertEqual(restarted.acquirer.captured, ["654321"])
        XCTAssertEqual(restarted.printer.printed, [txnId])
        XCTAssertEqual(try Invariants.check(restarted.ledger), [])
    }
}
