import Foundation
import Ledger
import Receipt

/// The thin shell around `reduce`: it performs each effect on the devices, the host and the
/// ledger, and feeds the answers back as events until the machine is quiet.
public final class KioskRuntime {
    public private(set) var state: KioskState
    /// Nil when the ledger could not be opened: the machine is then out of service.
    let ledger: Ledger?
    /// The ledger's sentence for why it could not be opened, when `ledger` is nil.
    let ledgerProblem: String?
    private let host: TopUpHost
    private let acquirer: CardAcquirer
    private let wallets: WalletAcquirer
    private let cash: CashDevice
    let printer: ReceiptPrinter
    let clock: () -> Date
    /// Every effect performed, in order (for logs, scripts and tests).
    public var observe: ((Effect) -> Void)?
    /// An answer the machine was not waiting for (tests count these: there should be none).
    public var unmatched: ((Event) -> Void)?

    public init(state: KioskState, ledger: Ledger?, host: TopUpHost, acquirer: CardAcquirer, wallets: WalletAcquirer,
                cash: CashDevice, printer: ReceiptPrinter, clock: @escaping () -> Date, ledgerProblem: String? = nil) {
        self.state = state
        self.ledger = ledger
        self.ledgerProblem = ledgerProblem
        self.host = host
        self.acquirer = acquirer
        self.wallets = wallets
        self.cash = cash
        self.printer = printer
        self.clock = clock
    }

    /// Delivers one event from outside (a key, a touch, cash, a card, a stop), preceded by
    /// the clock's time, and runs the machine until no answer is pending.
    public func send(_ event: Event) {
        post(event)
        while step() {}
    }

    /// Events still to reduce and effects still to perform: the machine's work in hand.
    private var inbox: [Event] = []
    private var outbox: [Effect] = []

    /// True while the machine has work in hand (an effect to perform or an answer to take).
    public var isBusy: Bool { !inbox.isEmpty || !outbox.isEmpty }
    /// The effect the machine performs at its next step, if that step performs one.
    public var nextEffect: Effect? { outbox.first }

    /// Hands the machine an event from outside, preceded by the clock's time, without
    /// running it: a scheduler then moves it on with `step()`, one piece of work at a time.
    public func post(_ event: Event) {
        if case .tick = event {} else { inbox.append(.tick(clock())) }
        inbox.append(event)
    }

    /// Performs the next effect, or reduces the next event; false when there was nothing to do.
    /// Every effect of one event is performed before the answers are taken, as they came.
    @discardableResult
    public func step() -> Bool {
        if !outbox.isEmpty {
            let effect = outbox.removeFirst()
            observe?(effect)
            guard let answer = perform(effect) else { return true }
            inbox.append(answer)
            // Write-ahead: nothing after a failed commit may happen.
            if answer.isRefusedCommit { outbox.removeAll() }
            return true
        }
        guard !inbox.isEmpty else { return false }
        let event = inbox.removeFirst()
        if let unmatched, event.isAnswer, !state.expects(event) { unmatched(event) }
        // `reduce` in place: the state is the machine's own, so it is not copied for every event.
        outbox = state.apply(event)
        return true
    }

    /// The entries of the journal write the machine performs at its next step, if its next
    /// step is one: a scheduler may commit several machines' writes together (group commit).
    public var nextJournalEntries: [Entry]? {
        guard case .journal(let txnId, let steps)? = outbox.first else { return nil }
        return entries(txnId: txnId, steps: steps, at: clock())
    }

    /// Takes the next step, the journal write of `nextJournalEntries`, as committed elsewhere:
    /// the machine is told exactly what it would have been told had it committed alone, and
    /// only now, after the commit has returned.
    public func stepJournal(committed: Result<Recorded, Error>) {
        guard case .journal(let txnId, _)? = outbox.first else { return }
        observe?(outbox.removeFirst())
        let answer = KioskRuntime.answer(txnId: txnId, committed)
        inbox.append(answer)
        if answer.isRefusedCommit { outbox.removeAll() }
    }

    private func entries(txnId: String?, steps: [Step], at now: Date) -> [Entry] {
        let terminalId = state.machine?.terminal.id ?? ""
        return steps.map { Entry(txnId: txnId, terminalId: terminalId, at: now, step: $0) }
    }

    private static func answer(txnId: String?, _ committed: Result<Recorded, Error>) -> Event {
        switch committed {
        case .success(let recorded): return .journaled(receiptNo: txnId.flatMap { recorded.receiptNumbers[$0] })
        // A slip taken from under the register is an answer the flow handles, not a broken ledger.
        case .failure(LedgerError.slipRefused(let slipNo, let why)): return .slipRefused(slipNo: slipNo, why)
        case .failure(let error): return .ledgerFailed(String(describing: error))
        }
    }

    /// A document being printed on another thread, for the print effect it answers.
    private final class PrintAhead {
        let effect: Effect
        let done = DispatchGroup()
        var result: Result<[String], PrinterFault> = .failure(.outOfPaper)
        init(effect: Effect) { self.effect = effect }
    }
    private var printAhead: PrintAhead?

    /// When the next step prints, starts rendering and writing the document on `queue` now, so
    /// that a scheduler can move other machines on meanwhile; the step then waits for it and
    /// answers as it would have, so a receipt still exists before the screen says it is printed.
    /// Printing reads the ledger's committed rows only, and nothing else uses this machine's
    /// printer until the step.
    public func printAhead(on queue: DispatchQueue) {
        guard printAhead == nil, let effect = outbox.first else { return }
        let language: Language? = state.isRegister ? nil : state.language
        let printer = self.printer
        let job: () -> Result<[String], PrinterFault>
        switch effect {
        case .print(let txnId): job = { printer.print(txnId: txnId, language: language, reprint: false) }
        case .printSlip(let slipNo): job = { printer.print(slipNo: slipNo, reprint: false) }
        default: return
        }
        let ahead = PrintAhead(effect: effect)
        ahead.done.enter()
        queue.async {
            ahead.result = job()
            ahead.done.leave()
        }
        printAhead = ahead
    }

    /// The document printed ahead for this effect, once it is written.
    private func printed(_ effect: Effect) -> Result<[String], PrinterFault>? {
        guard let ahead = printAhead, ahead.effect == effect else { return nil }
        printAhead = nil
        ahead.done.wait()
        return ahead.result
    }

    /// Lets the clock move the machine (time-outs) without any input.
    public func tick() { send(.tick(clock())) }

    /// Opens a machine directly, as `--store` and `--terminal` do.
    public func open(storeId: String, terminalId: String) {
        var next = state
        let effects = next.useMachine(storeId: storeId, terminalId: terminalId)
        state = next
        for effect in effects { if let answer = perform(effect) { send(answer) } }
    }

    /// The finder shows each terminal's cash and paper as the ledger knows them.
    public func loadStatuses() {
        guard let ledger else { return }
        var statuses: [String: MachineStatus] = [:]
        for t in state.catalogue.terminals {
            let inventory = (try? ledger.cashInventory(terminalId: t.id)).flatMap { $0.isEmpty ? nil : $0 } ?? t.openingFloat
            let paper = (try? printer.paperSheets(terminalId: t.id)) ?? t.paperSheets
            statuses[t.id] = MachineStatus(inventory: inventory, paperSheets: paper, nextSequence: 0, inService: t.inService)
        }
        send(.statusesLoaded(statuses))
    }

    private func staffWork(_ now: Date) -> StaffWork? {
        guard let ledger, let terminal = state.machine?.terminal else { return nil }
        return StaffWork(ledger: ledger, printer: printer, catalogue: state.catalogue, terminal: terminal, now: now)
    }

    /// A terminal's devices as the ledger and the printer know them.
    static func status(of terminal: Terminal, ledger: Ledger, printer: ReceiptPrinter) throws -> MachineStatus {
        MachineStatus(inventory: try ledger.cashInventory(terminalId: terminal.id),
                      paperSheets: try printer.paperSheets(terminalId: terminal.id),
                      nextSequence: try ledger.transactionCount(terminalId: terminal.id) + 1,
                      inService: terminal.inService,
                      refundsOwed: try ledger.refundsDue(terminalId: terminal.id).map { RefundOwed(txnId: $0.txnId, yen: Yen($0.yen)) },
                      nextSlip: try ledger.slipCount(terminalId: terminal.id) + 1)
    }

    /// Runs a machine rebuilt for one open sale until it is quiet, with this runtime's
    /// devices, and gives back where it ended; the live machine is set aside meanwhile.
    func carryOn(_ rebuilt: KioskState) -> KioskState {
        let live = (state, inbox, outbox)
        (state, inbox, outbox) = (rebuilt, [], [])
        send(.resume)
        let outcome = state
        (state, inbox, outbox) = live
        return outcome
    }

    /// Why there is no ledger, in the ledger's own sentence when it gave one.
    struct NoLedger: Error, CustomStringConvertible {
        var reason: String?
        var description: String { reason ?? "the ledger could not be opened" }
    }
    var noLedger: NoLedger { NoLedger(reason: ledgerProblem) }

    private func perform(_ effect: Effect) -> Event? {
        let now = clock()
        switch effect {
        case .journal(let txnId, let steps):
            let entries = self.entries(txnId: txnId, steps: steps, at: now)
            return KioskRuntime.answer(txnId: txnId, Result {
                guard let ledger else { throw noLedger }
                return try ledger.record(entries)
            })
        case .openMachine(let storeId, let terminalId):
            guard let terminal = state.catalogue.device(terminalId) else { return nil }
            // Staff see the ledger's own sentence (damaged: restore it from a copy), as the command line gives it.
            guard let ledger else { return .ledgerUnusable(noLedger.description) }
            do {
                // The machine is this process's while it lives; only then is its open sale ours to carry on.
                try TerminalHold.take(terminalId, ledgerPath: ledger.path)
                try ledger.ensureTerminal(storeId: storeId, terminalId: terminalId, openingFloat: terminal.openingFloat, at: now,
                                          isRegister: terminal.isRegister)
                try recover(terminalId: terminalId)
                return .machineReady(try KioskRuntime.status(of: terminal, ledger: ledger, printer: printer))
            } catch is TerminalHold.Held {
                return .machineInUse
            } catch {
                return .ledgerFailed(String(describing: error))
            }
        case .lookUpSlip(let slipNo):
            guard let ledger else { return .ledgerFailed(String(describing: noLedger)) }
            do {
                guard let slip = try ledger.slip(slipNo) else { return .slipLookedUp(.refused(slipNo: slipNo, .unknown)) }
                if let why = slip.refusal(at: now) { return .slipLookedUp(.refused(slipNo: slipNo, why)) }
                return .slipLookedUp(.payable(slip.issue))
            } catch {
                return .ledgerFailed(String(describing: error))
            }
        case .lookUpAccount(let sim):
            return .accountLookedUp(host.lookUp(sim, today: JapanTime.date(now)))
        case .rejectCash(let d):
            cash.reject(d)
            return nil
        case .dispenseChange(let pieces):
            return cash.dispense(pieces) ? .changeDispensed : .cashJammed
        case .giveBack(let pieces):
            return cash.giveBack(pieces) ? .cashGivenBack : .cashJammed
        case .authoriseCard(let pan, let expiry, let amount, let txnId, let pin):
            return .cardAnswered(acquirer.authorise(pan: pan, expiry: expiry, amount: amount, txnId: txnId, pin: pin))
        case .chargeWallet(let code, let amount, let txnId):
            return .walletAnswered(wallets.charge(code: code, amount: amount, txnId: txnId))
        case .askWallet(let txnId):
            return .walletStatus(wallets.status(txnId: txnId))
        case .cancelWallet(let txnId):
            wallets.cancel(txnId: txnId)
            return .walletCancelled
        case .refundWallet(let tradeNo, let amount, let txnId):
            wallets.refund(tradeNo: tradeNo, amount: amount, txnId: txnId)
            return .walletRefunded
        case .captureCard(let code, let txnId):
            acquirer.capture(authCode: code, txnId: txnId)
            return .cardCaptured
        case .voidCard(let code, let txnId):
            acquirer.void(authCode: code, txnId: txnId)
            return .cardVoided
        case .topUp(let txnId, let sim, let planId):
            guard let plan = state.catalogue.plan(planId) else { return .topUpAnswered(.failed(.carrierRefused)) }
            return .topUpAnswered(host.apply(txnId: txnId, sim: sim, plan: plan, today: JapanTime.date(now), at: now))
        case .askTopUp(let txnId):
            return .topUpStatus(newExpiry: host.appliedExpiry(txnId: txnId))
        case .print(let txnId):
            // A register prints in the language the customer used at the machine, not the clerk's.
            switch printed(effect) ?? printer.print(txnId: txnId, language: state.isRegister ? nil : state.language, reprint: false) {
            case .success(let files): return .printed(files: files)
            case .failure(let fault): return .printFailed(fault)
            }
        case .printSlip(let slipNo):
            switch printed(effect) ?? printer.print(slipNo: slipNo, reprint: false) {
            case .success(let files): return .printed(files: files)
            case .failure(let fault): return .printFailed(fault)
            }
        case .listStaff:
            return .staffListed((try? ledger?.staff().map(\.name)) ?? [])
        case .checkStaffPIN(let member, let pin):
            guard let work = staffWork(now) else { return .staffRefused("Staff mode needs the ledger, which is not open.") }
            return work.signIn(member, pin: pin)
        case .staffTask(let task, let staff):
            guard let work = staffWork(now) else { return .staffTaskDone(message: "The ledger is not open.", status: nil) }
            return work.perform(task, staff: staff)
        }
    }
}
