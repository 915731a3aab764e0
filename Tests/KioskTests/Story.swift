import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// The sample fixtures, read as a customer's world on 25 November 2026 (JST).
enum Sample {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")
    static let noon = Date(timeIntervalSince1970: 1_795_575_600)   // 2026-11-25 12:00 JST
    static let catalogue = try! FixtureLoader.load(from: fixtures, today: "2026-11-25")
}

/// A customer's story told to the reducer alone, in the spirit of a test store: each step
/// states the effects it expects and how the state changes, and an answer the machine is not
/// waiting for fails the story instead of being dropped.
struct Story {
    var state: KioskState

    /// A machine at Shibuya (cash and card) with the given cash counts, on its attract screen.
    init(inventory: CashPieces = [10: 100, 50: 40, 100: 100, 500: 40, 1000: 40, 5000: 5], terminal: String = "FM-SBY-1",
         refundsOwed: [RefundOwed] = []) {
        state = KioskState(catalogue: Sample.catalogue, now: Sample.noon)
        let t = Sample.catalogue.device(terminal)!
        _ = state.useMachine(storeId: t.storeId, terminalId: t.id)
        _ = state.apply(.machineReady(MachineStatus(inventory: inventory, paperSheets: 100, nextSequence: 1, inService: true,
                                                    refundsOwed: refundsOwed)))
    }

    /// A machine rebuilt after a restart to carry on one open sale (`ledger recover`).
    init(resuming journal: [Step], inventory: CashPieces = [10: 100, 50: 40, 100: 100, 500: 40, 1000: 40, 5000: 5],
         terminal: String = "FM-SBY-1") throws {
        let t = Sample.catalogue.device(terminal)!
        let machine = Machine(store: Sample.catalogue.store(t.storeId)!, terminal: t,
                              status: MachineStatus(inventory: inventory, paperSheets: 100, nextSequence: 9, inService: true))
        let sale = try OpenSale(journal: journal, catalogue: Sample.catalogue)
        state = KioskState.resuming(sale, catalogue: Sample.catalogue, machine: machine, now: Sample.noon)
    }

    /// Sends an event and checks exactly what follows: these effects, in this order, and the
    /// state before with `change` applied (nothing else may change). An answer the machine is
    /// not waiting for fails too.
    @discardableResult
    mutating func send(_ event: Event, _ effects: [Effect], _ change: (inout KioskState) -> Void = { _ in },
                       file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        let (got, faults) = step(event, effects, change)
        for fault in faults { XCTFail(fault, file: file, line: line) }
        return got
    }

    /// Sends an event and returns, besides its effects, every way the step differs from what
    /// the story states: what `send` fails with.
    mutating func step(_ event: Event, _ effects: [Effect], _ change: (inout KioskState) -> Void = { _ in })
        -> (effects: [Effect], faults: [String]) {
        var faults: [String] = []
        if event.isAnswer && !state.expects(event) {
            faults.append("nobody waits for the answer \(event) (waiting: \(String(describing: state.awaiting)))")
        }
        var expected = state
        change(&expected)
        let (next, got) = reduce(state, event)
        state = next
        if got != effects {
            faults.append("the effects of \(event) are not the ones expected:\n  got      \(got)\n  expected \(effects)")
        }
        if state != expected {
            faults.append("the state after \(event) is not the one expected:\n\(Story.difference(state, expected))")
        }
        return (got, faults)
    }

    /// An answer that comes when nobody waits for it: it must change nothing.
    mutating func sendUnexpected(_ event: Event, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(state.expects(event), "the machine waits for \(event)", file: file, line: line)
        let (next, effects) = reduce(state, event)
        XCTAssertEqual(effects, [], file: file, line: line)
        XCTAssertEqual(next, state, file: file, line: line)
    }

    /// Number typed, account found, plan chosen, payment chosen, each step stated. `notice` is
    /// what the payment screens say before any money (`.noPaper` when the printer is out).
    mutating func reachPayment(number: String = "09012345678", plan planId: String, method: ButtonID = .payByCash,
                               notice: Notice? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let sim = SIMNumber.mobile(number)
        let plan = Sample.catalogue.plan(planId)!
        send(.tap(.start), [], { $0.screen = .enterNumber(digits: ""); $0.lastActivity = $0.now }, file: file, line: line)
        typeNumber(number, file: file, line: line)
        confirmNumber(sim, file: file, line: line)
        let account = Account(sim: sim, carrierId: plan.carrierId, expiry: "2026-12-07", inGrace: false)
        send(.accountLookedUp(.found(account)), [], {
            $0.awaiting = nil
            $0.order?.account = account
            $0.screen = .accountFound
        }, file: file, line: line)
        send(.tap(.confirm), [], { $0.screen = .choosePlan }, file: file, line: line)
        send(.tap(.plan(planId)), [], {
            $0.order?.plan = plan
            $0.screen = .choosePayment
            $0.notice = notice
        }, file: file, line: line)
        choosePayment(method, notice: notice, file: file, line: line)
    }

    /// Keys typed on the number screen, each shown as it comes.
    mutating func typeNumber(_ keys: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .enterNumber(var digits) = state.screen else {
            return XCTFail("not on the number screen: \(state.screen)", file: file, line: line)
        }
        for ch in keys {
            digits.append(ch)
            let shown = digits
            send(.key(.char(ch)), [], { $0.screen = .enterNumber(digits: shown); $0.notice = nil; $0.lastActivity = $0.now },
                 file: file, line: line)
        }
    }

    /// A way to pay chosen on the payment choice: a new transaction for cash, card and wallet
    /// (its number the terminal's next), or an application slip journaled for the register.
    mutating func choosePayment(_ method: ButtonID, notice: Notice? = nil, file: StaticString = #filePath, line: UInt = #line) {
        guard let m = state.machine, let order = state.order, let plan = order.plan else {
            return XCTFail("no payment to choose", file: file, line: line)
        }
        let ways: [ButtonID: (PaymentMethod, Screen)] = [.payByCash: (.cash, .payingCash), .payByCard: (.card, .payingCard),
                                                         .payByWallet: (.wallet, .payingWallet)]
        if let way = ways[method] {
            send(.tap(method), [], {
                $0.order?.method = way.0
                $0.order?.txnId = String(format: "%@-%06d", m.terminal.id, m.status.nextSequence)
                $0.order?.begun = false
                $0.machine?.status.nextSequence += 1
                $0.notice = notice
                $0.panelPage = 0
                $0.screen = way.1
                $0.lastActivity = $0.now
            }, file: file, line: line)
            return
        }
        XCTAssertEqual(method, .payAtRegister, file: file, line: line)
        let issue = SlipIssue(slipNo: String(format: "%@-S%06d", m.terminal.id, m.status.nextSlip), storeId: m.store.id,
                              terminalId: m.terminal.id, simNumber: order.sim.digits, carrierId: plan.carrierId, planId: plan.id,
                              amountYen: plan.price.amount, validMinutes: 30, language: state.language.rawValue)
        send(.tap(.payAtRegister), [.journal(txnId: nil, [.slipIssued(issue)])], {
            $0.machine?.status.nextSlip += 1
            $0.notice = nil
            $0.screen = .processing(.printing)
            $0.awaiting = .slipIntent(issue)
            $0.lastActivity = $0.now
        }, file: file, line: line)
    }

    /// The `begin` step the current order's first money writes: the order as chosen, at this
    /// machine, in the customer's language (the slip's, at a register).
    var begin: Step {
        let order = state.order!, plan = order.plan!, m = state.machine!
        return .begin(TransactionStart(
            id: order.txnId ?? "", storeId: m.store.id, terminalId: m.terminal.id, businessDate: state.today,
            simNumber: order.sim.digits, carrierId: plan.carrierId, planId: plan.id, amountYen: plan.price.amount,
            taxYen: plan.price.includedConsumptionTax.amount, paymentMethod: order.method ?? .cash,
            language: order.slip?.language ?? state.language.rawValue, slipNo: order.slip?.slipNo))
    }

    /// Inserts a piece and confirms the ledger kept it. The first piece of a sale writes its
    /// `begin`; the piece that `covers` the plan asks for the top-up, once the ledger has it.
    mutating func insertKept(_ d: Int, covers: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        guard let order = state.order, let txn = order.txnId, let plan = order.plan else {
            return XCTFail("no sale to pay", file: file, line: line)
        }
        var steps = (order.paid == .zero ? [begin] : []) + [.cashIn(denomination: d)]
        if covers { steps.append(.topUpRequested(simNumber: order.sim.digits, planId: plan.id)) }
        send(.tap(.insertCash(d)), [.journal(txnId: txn, steps)], {
            $0.awaiting = .cashIn(denomination: d, covers: covers)
            $0.notice = nil
            $0.lastActivity = $0.now
        }, file: file, line: line)
        send(.journaled(receiptNo: nil), covers ? [.topUp(txnId: txn, sim: order.sim, planId: plan.id)] : [], {
            $0.order?.begun = true
            $0.order?.inserted.add([d: 1])
            $0.machine?.status.inventory.add([d: 1])
            $0.awaiting = covers ? .topUpAnswer : nil
            if covers { $0.screen = .processing(.toppingUp) }
        }, file: file, line: line)
    }

    /// The number confirmed (by `key`): the host is asked for its account.
    mutating func confirmNumber(_ sim: SIMNumber, key: Event = .tap(.confirm), file: StaticString = #filePath, line: UInt = #line) {
        send(key, [.lookUpAccount(sim)], {
            $0.notice = nil
            $0.screen = .lookingUp
            $0.awaiting = .lookUp
            $0.order = Order(sim: sim, account: Account(sim: sim, carrierId: "", expiry: "", inGrace: false))
            $0.lastActivity = $0.now
        }, file: file, line: line)
    }

    /// A test card that asks for no PIN presented: the intent (with the sale's `begin` on its
    /// first attempt) is journaled, and only then is the acquirer asked.
    mutating func authoriseCard(_ id: String, brand: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let card = Sample.catalogue.testCard(id), let order = state.order, let txn = order.txnId else {
            return XCTFail("no card \(id) or no sale", file: file, line: line)
        }
        let pan = card.pan.filter(\.isNumber), last4 = String(pan.suffix(4))
        send(.tap(.presentCard(id)), [.journal(txnId: txn, (order.begun ? [] : [begin]) + [.cardAuthorisationRequested(brand: brand, last4: last4)])], {
            $0.notice = nil
            $0.order?.card = CardOnFile(brand: brand, last4: last4, authCode: nil)
            $0.awaiting = .cardIntent(pan: pan, expiry: card.expiry)
            $0.screen = .processing(.authorisingCard)
            $0.lastActivity = $0.now
        }, file: file, line: line)
        send(.journaled(receiptNo: nil), [.authoriseCard(pan: pan, expiry: card.expiry, amount: order.amount, txnId: txn)], {
            $0.order?.begun = true
            $0.awaiting = .cardAnswer
        }, file: file, line: line)
    }

    /// The acquirer approves: the authorisation and the top-up request are journaled, then the
    /// host is asked.
    mutating func cardApproved(_ code: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let card = state.order?.card else { return XCTFail("no card on file", file: file, line: line) }
        paidThenTopUp(.cardAnswered(.approved(authCode: code)), .cardAuthorised(brand: card.brand, last4: card.last4, authCode: code),
                      { $0.order?.card?.authCode = code }, file: file, line: line)
    }

    /// A wallet's payment code scanned: the intent (with the sale's `begin`) is journaled, then
    /// the wallet is charged.
    mutating func chargeWallet(_ id: String, brand: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let wallet = Sample.catalogue.testWallet(id), let order = state.order, let txn = order.txnId else {
            return XCTFail("no wallet \(id) or no sale", file: file, line: line)
        }
        send(.tap(.scanCode(id)), [.journal(txnId: txn, [begin, .walletPaymentRequested(brand: brand)])], {
            $0.notice = nil
            $0.order?.wallet = WalletOnFile(brand: brand, tradeNo: nil)
            $0.awaiting = .walletIntent(code: wallet.code)
            $0.screen = .processing(.payingByWallet)
            $0.lastActivity = $0.now
        }, file: file, line: line)
        send(.journaled(receiptNo: nil), [.chargeWallet(code: wallet.code, amount: order.amount, txnId: txn)], {
            $0.order?.begun = true
            $0.awaiting = .walletAnswer
        }, file: file, line: line)
    }

    /// The wallet paid (`answer` to the charge or to asking after it): the payment and the
    /// top-up request are journaled, then the host is asked.
    mutating func walletPaid(_ tradeNo: String, answer: Event? = nil, file: StaticString = #filePath, line: UInt = #line) {
        guard let wallet = state.order?.wallet else { return XCTFail("no wallet on file", file: file, line: line) }
        paidThenTopUp(answer ?? .walletAnswered(.paid(tradeNo: tradeNo)),
                      .walletPaid(brand: wallet.brand, last4: String(tradeNo.suffix(4)), tradeNo: tradeNo),
                      { $0.order?.wallet?.tradeNo = tradeNo }, file: file, line: line)
    }

    /// A payment approved (`answer`): it is journaled (`paid`) with the top-up request, the
    /// order takes in what the answer gave (`change`), then the host is asked.
    private mutating func paidThenTopUp(_ answer: Event, _ paid: Step, _ change: (inout KioskState) -> Void,
                                        file: StaticString, line: UInt) {
        guard let order = state.order, let txn = order.txnId, let plan = order.plan else {
            return XCTFail("no sale with a plan", file: file, line: line)
        }
        send(answer, [.journal(txnId: txn, [paid, .topUpRequested(simNumber: order.sim.digits, planId: plan.id)])], {
            change(&$0)
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }, file: file, line: line)
        send(.journaled(receiptNo: nil), [.topUp(txnId: txn, sim: order.sim, planId: plan.id)], { $0.awaiting = .topUpAnswer },
             file: file, line: line)
    }

    /// A cash sale whose top-up is applied: the change is journaled, paid out, the sale
    /// completed and its receipt printed (`receiptNo`).
    mutating func completeWithChange(_ change: CashPieces, newExpiry: String, receiptNo: Int,
                                     file: StaticString = #filePath, line: UInt = #line) {
        let txn = txnId
        send(.topUpAnswered(.applied(newExpiry: newExpiry)),
             [.journal(txnId: txn, [.topUpApplied(newExpiry: newExpiry), .changeDue(pieces: change)])], {
            $0.order?.newExpiry = newExpiry
            $0.order?.change = change
            $0.awaiting = .changeIntent
        }, file: file, line: line)
        send(.journaled(receiptNo: nil), [.dispenseChange(change)], {
            $0.awaiting = .change
            $0.screen = .processing(.dispensingChange)
        }, file: file, line: line)
        send(.changeDispensed, [.journal(txnId: txn, [.changeDispensed(pieces: change), .completed])], {
            $0.machine?.status.inventory.add(change, sign: -1)
            $0.awaiting = .closing(.completed)
        }, file: file, line: line)
        send(.journaled(receiptNo: receiptNo), [.print(txnId: txn)], {
            $0.screen = .done(Completion(txnId: txn, receiptNo: receiptNo, newExpiry: newExpiry, change: change.total,
                                         changeDue: .zero, receiptFiles: [], printProblem: nil))
            $0.awaiting = .receipt
            $0.lastActivity = $0.now
        }, file: file, line: line)
    }

    /// The customer leaves a finished screen: the start screen, ready for the next customer.
    mutating func finish(_ event: Event = .tap(.finish), file: StaticString = #filePath, line: UInt = #line) {
        send(event, [], {
            $0.screen = $0.machine?.terminal.isRegister == true ? .registerScan(typed: "") : .attract
            $0.order = nil
            $0.awaiting = nil
            $0.notice = nil
            $0.language = $0.homeLanguage
            $0.lastActivity = $0.now
        }, file: file, line: line)
    }

    var txnId: String { state.order?.txnId ?? "" }

    /// The parts of two states that differ, one line each.
    static func difference(_ got: KioskState, _ expected: KioskState) -> String {
        var lines: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T) {
            if a != b { lines.append("  \(name): got \(a), expected \(b)") }
        }
        compare("screen", got.screen, expected.screen)
        compare("awaiting", got.awaiting, expected.awaiting)
        compare("order", got.order, expected.order)
        compare("machine", got.machine, expected.machine)
        compare("notice", got.notice, expected.notice)
        compare("language", got.language, expected.language)
        compare("lastActivity", got.lastActivity, expected.lastActivity)
        compare("statuses", got.statuses, expected.statuses)
        compare("now", got.now, expected.now)
        compare("homeLanguage", got.homeLanguage, expected.homeLanguage)
        compare("panelPage", got.panelPage, expected.panelPage)
        return lines.isEmpty ? "  (elsewhere)" : lines.joined(separator: "\n")
    }
}
