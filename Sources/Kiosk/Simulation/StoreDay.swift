import Foundation
import Ledger
import Receipt

/// A store day in simulated time. Customers arrive at each store as its arrival rate says,
/// queue for its machines (one queue per store), balk at a long queue and give up when their
/// patience runs out. At a machine each customer goes through the real state machine,
/// runtime, ledger and printer, taking a person's time over each step while the machine
/// takes its own for the carrier, the card network, the printer and change; the journal
/// carries the simulated times. The same seed gives the same day, waits included.
///
/// The scheduler moves each machine's runtime on one piece of work at a time (`post`,
/// `step`), so it sees each machine's next effect before it is performed. With group commit
/// it runs every machine, each on its own clock, up to its next journal write, writes them
/// all in one SQLite transaction (one fsync), and only then gives each machine its answer.
/// A machine runs ahead of the others only in what is its own; whatever the store's
/// machines share (the queue, arrivals, the register) happens in the order of the clock,
/// never past a machine that still waits for its commit, so the day is the same either way.
public final class StoreDay {
    /// How a day runs.
    public struct Rules: Sendable {
        public var behaviour: Behaviour
        /// Hours from each store's opening during which customers come; nil: until `customers` have.
        public var hours: Double?
        /// At most this many customers come, across the stores.
        public var customers: Int?
        /// Each customer's whole time at the machine, instead of the steps of `behaviour`
        /// (the customer acts at once and stays until it is over); for checking against theory.
        public var service: Distribution?
        public var balking = true
        public var patience = true
        /// The machines' journal writes share commits (false: each commits as it comes).
        public var groupCommit = true

        public init(behaviour: Behaviour, hours: Double? = 24, customers: Int? = nil, service: Distribution? = nil,
                    balking: Bool = true, patience: Bool = true, groupCommit: Bool = true) {
            self.behaviour = behaviour
            self.hours = hours
            self.customers = customers
            self.service = service
            self.balking = balking
            self.patience = patience
            self.groupCommit = groupCommit
        }
    }

    /// A store's machines and who comes to them.
    public struct Queue: Sendable {
        public var storeId: String
        public var terminals: [Terminal]
        public var arrivals: ArrivalRate
        public var opens: Date

        public init(storeId: String, terminals: [Terminal], arrivals: ArrivalRate, opens: Date) {
            self.storeId = storeId
            self.terminals = terminals
            self.arrivals = arrivals
            self.opens = opens
        }
    }

    /// How the day's transactions ended, from the ledger.
    public struct Summary: Equatable, Sendable {
        public var customers = 0
        public var completed = 0
        public var cancelled = 0
        public var refunded = 0
        public var refundsDue = 0
        public var failed = 0
        /// Customers served at a machine who left before any money moved (refused SIM, changed their mind early).
        public var noTransaction = 0
        public var balked = 0
        public var gaveUp = 0
        public var sales = Yen.zero
        /// Application slips printed for the register, and those paid there.
        public var slipsPrinted = 0
        public var slipsPaid = 0
        /// The machines' journal writes, and the commits that kept them.
        public var journalWrites = 0
        public var journalCommits = 0
        /// The fewest commits those writes can take with the queue in the clock's order.
        public var fewestCommits = 0
        /// Wall-clock seconds the simulation took.
        public var seconds = 0.0

        public var flowsPerSecond: Double { seconds > 0 ? Double(customers) / seconds : 0 }
    }

    private let catalogue: Catalogue
    private let ledger: Ledger
    private let queues: [Queue]
    private let settings: KioskAssembly.Settings
    private let rules: Rules

    public init(catalogue: Catalogue, ledger: Ledger, queues: [Queue], settings: KioskAssembly.Settings, rules: Rules) {
        self.catalogue = catalogue
        self.ledger = ledger
        self.queues = queues
        self.settings = settings
        self.rules = rules
    }

    /// What touches what the store's machines share; a machine's own moments are on `moments`.
    private enum Happening {
        case arrival(store: Int)
        case patienceOut(visit: Int)
        /// The machine is free for the next customer in the queue.
        case free(machine: Int)
        /// The customer walks to the store's register with the slip.
        case walk(SlipTicket, visit: Int, storeId: String)
    }

    /// A machine stopped at its journal write until the group's commit returns.
    private struct Parked {
        let machine: Int
        let time: Date
        let entries: [Entry]
    }

    /// Runs inside each group commit's transaction, just before it commits, with the group's
    /// number (1, 2, …): crash tests kill the process there.
    public var beforeGroupCommit: ((Int) -> Void)?

    /// What a machine does at its next moment on the clock.
    private enum Due {
        case act(Event)
        case tick
        /// The machine's own time for its next effect has passed.
        case effect
    }

    private enum Occupant {
        case idle
        case customer(visit: Int)
        /// The customer has gone; the machine is not free until `until` (its screen timing out,
        /// or the rest of a `--service` time).
        case clearing(until: Date)
    }

    private final class Machine {
        let terminal: Terminal
        let store: Int
        let kiosk: KioskAssembly
        let clock: ManualClock
        var occupant = Occupant.idle
        /// The visit the machine is busy with, until it is free again.
        var visit: Int?
        var customer: Customer?
        var due: Due?
        var effectTimed = false
        var busySince: Date?
        var serviceEnds: Date?
        /// The machine's own draws (people's times at it, its devices' times), so that how far
        /// it has run ahead of the others never changes what they draw.
        var timing: SeededRandom
        /// When the machine went out of service, on its own clock, which may be ahead.
        var outOfServiceAt: Date?

        init(terminal: Terminal, store: Int, kiosk: KioskAssembly, clock: ManualClock, timing: SeededRandom) {
            self.terminal = terminal
            self.store = store
            self.kiosk = kiosk
            self.clock = clock
            self.timing = timing
        }

        var inService: Bool { kiosk.runtime.state.isInService }

        /// In service at `time`, as the store sees it then.
        func inService(at time: Date) -> Bool {
            inService || outOfServiceAt.map { $0 > time } ?? false
        }
    }

    // The day as it runs.
    private var events = EventQueue<Happening>()
    /// Each machine's next moment on its own clock.
    private var moments = EventQueue<Int>()
    /// One order for both queues, for what falls at one instant.
    private var scheduled = 0
    private var parked: [Parked] = []
    private var groups = 0
    private var machines: [Machine] = []
    private var waiting: [[Int]] = []
    private var record = DayRecord(start: .distantPast, close: .distantPast, end: .distantPast)
    private var arrived = 0
    private var personas = SeededRandom(seed: 0)
    private var timing = SeededRandom(seed: 0)
    private var patienceDraws = SeededRandom(seed: 0)
    private var arrivalDraws: [SeededRandom] = []
    /// Each store's register, for the customers who walk there with a slip.
    private var desks: [String: RegisterDesk] = [:]
    private var slipsPrinted = 0

    /// The customer walks from the machine to the store's register and pays the slip there.
    private func walkToRegister(_ ticket: SlipTicket, visit v: Int, storeId: String, at time: Date) {
        if desks[storeId] == nil {
            desks[storeId] = RegisterDesk(catalogue: catalogue, ledger: ledger, storeId: storeId, settings: settings, start: time)
        }
        guard let desk = desks[storeId] else { return }
        let before = desk.began.count
        // One to eight minutes through the store.
        desk.pay(ticket, arriving: time.addingTimeInterval(TimeInterval(Int.random(in: 60...480, using: &timing))))
        record.visits[v].transactions += desk.began[before...]
    }

    /// Runs the day; `progress` is told the share of it done (0…1) as customers arrive.
    public func run(progress: (Double) -> Void = { _ in }) throws -> DayRecord {
        let began = Date()
        let seed = settings.seed
        personas = SeededRandom(seed: seed)
        timing = SeededRandom(seed: seed ^ 0x7157)
        patienceDraws = SeededRandom(seed: seed ^ 0xBA1C)
        arrivalDraws = queues.indices.map { SeededRandom(seed: seed &+ UInt64($0 + 1) &* 0xA24B_AED4_963E_E407) }
        let start = queues.map(\.opens).min() ?? Date()
        record = DayRecord(start: start, close: start, end: start)
        waiting = queues.map { _ in [] }
        machines = []
        for (s, queue) in queues.enumerated() {
            for terminal in queue.terminals {
                var machineSettings = settings
                machineSettings.seed = seed &+ UInt64(machines.count + 1) &* 0x9E37_79B9
                let clock = ManualClock(start: queue.opens)
                let kiosk = KioskAssembly(catalogue: catalogue, ledger: ledger, settings: machineSettings, clock: clock.now)
                let draws = SeededRandom(seed: (seed ^ 0x7157) &+ UInt64(machines.count + 1) &* 0xD1B5_4A32_D192_ED03)
                let machine = Machine(terminal: terminal, store: s, kiosk: kiosk, clock: clock, timing: draws)
                kiosk.runtime.observe = { [unowned self, unowned machine] effect in self.note(effect, at: machine) }
                kiosk.runtime.open(storeId: terminal.storeId, terminalId: terminal.id)
                machines.append(machine)
                record.machines.append(DayRecord.MachineUse(terminalId: terminal.id, storeId: queue.storeId))
                noteService(machine, at: queue.opens)
            }
            record.queue.append(DayRecord.QueueLength(at: queue.opens, storeId: queue.storeId, length: 0))
            scheduleArrival(store: s, after: queue.opens)
        }
        depth = CommitDepth(machines: machines.count)
        while true {
            // What the machines share moves only up to the earliest machine still waiting for
            // its commit: that machine may yet touch it at its own time.
            let horizon = parked.first.map { _ in parked.map(\.time).min()! }
            if let shared = events.first, horizon.map({ shared.time < $0 }) ?? true,
               moments.first.map({ (shared.time, shared.order) < ($0.time, $0.order) }) ?? true {
                let (time, happening) = events.next()!
                switch happening {
                case .arrival(let s):
                    arrive(store: s, at: time)
                    progress(share(at: time))
                case .patienceOut(let v): giveUp(v, at: time)
                case .free(let m): free(machines[m], index: m, at: time)
                case .walk(let ticket, let v, let storeId): walkToRegister(ticket, visit: v, storeId: storeId, at: time)
                }
            } else if let (time, m) = moments.next() {
                wake(machines[m], index: m, at: time)
            } else if !parked.isEmpty {
                commitGroup()
            } else {
                break
            }
        }
        // Machines run ahead of each other on their own clocks: in the order of the clock,
        // whichever was noted first.
        record.outOfService.sort { ($0.at, $0.terminalId) < ($1.at, $1.terminalId) }
        if let hours = rules.hours {
            record.close = queues.map { $0.opens.addingTimeInterval(hours * 3600) }.max() ?? record.close
        }
        // Nobody was left to serve whoever still waits (every machine out of service).
        for v in record.visits.indices where record.visits[v].outcome == .waiting {
            record.visits[v].outcome = .gaveUp
            record.visits[v].left = record.end
            record.visits[v].wait = record.end.timeIntervalSince(record.visits[v].arrived)
        }
        try settle()
        record.summary.journalWrites = journalWrites
        record.summary.journalCommits = journalCommits
        record.summary.fewestCommits = depth.fewest
        record.summary.seconds = Date().timeIntervalSince(began)
        progress(1)
        return record
    }

    // MARK: Arrivals and the queue

    private func scheduleArrival(store s: Int, after time: Date) {
        if let cap = rules.customers, arrived + pendingArrivals >= cap { return }
        guard let next = queues[s].arrivals.next(after: time, using: &arrivalDraws[s]) else { return }
        if let hours = rules.hours, next >= queues[s].opens.addingTimeInterval(hours * 3600) { return }
        pendingArrivals += 1
        scheduleShared(.arrival(store: s), at: next)
    }

    /// Arrivals already on the calendar, so that the cap counts them before they come.
    private var pendingArrivals = 0

    private func share(at time: Date) -> Double {
        var done = 0.0
        if let cap = rules.customers, cap > 0 { done = Double(arrived) / Double(cap) }
        if let hours = rules.hours, hours > 0 {
            done = max(done, time.timeIntervalSince(record.start) / (hours * 3600))
        }
        return min(1, done)
    }

    private func arrive(store s: Int, at time: Date) {
        pendingArrivals -= 1
        arrived += 1
        record.close = max(record.close, time)
        record.end = max(record.end, time)
        let customer = Customer(catalogue: catalogue, random: &personas)
        let accepts = Int(rules.behaviour.draw(.acceptsQueue, using: &patienceDraws))
        let patience = rules.behaviour.draw(.patience, using: &patienceDraws)
        let v = record.visits.count
        record.visits.append(DayRecord.Visit(storeId: queues[s].storeId, arrived: time,
                                             wanted: customer.wantedPlan(in: catalogue)?.price ?? .zero))
        pending[v] = customer
        scheduleArrival(store: s, after: time)
        let ours = machines.indices.filter { machines[$0].store == s }
        if waiting[s].isEmpty, let free = ours.first(where: { machines[$0].inService && isIdle(machines[$0]) }) {
            start(v, at: free, time: time)
        } else if !ours.contains(where: { machines[$0].inService(at: time) }) || (rules.balking && waiting[s].count > accepts) {
            leaveUnserved(v, .balked, at: time)
        } else {
            waiting[s].append(v)
            noteQueue(s, at: time)
            if rules.patience { scheduleShared(.patienceOut(visit: v), at: time.addingTimeInterval(patience)) }
        }
    }

    /// Customers who have arrived and not yet reached a machine.
    private var pending: [Int: Customer] = [:]

    private func giveUp(_ v: Int, at time: Date) {
        guard record.visits[v].outcome == .waiting else { return }
        let s = queues.firstIndex { $0.storeId == record.visits[v].storeId }!
        waiting[s].removeAll { $0 == v }
        noteQueue(s, at: time)
        leaveUnserved(v, .gaveUp, at: time)
    }

    private func leaveUnserved(_ v: Int, _ outcome: DayRecord.Visit.Outcome, at time: Date) {
        record.visits[v].outcome = outcome
        record.visits[v].left = time
        record.visits[v].wait = time.timeIntervalSince(record.visits[v].arrived)
        pending[v] = nil
    }

    private func noteQueue(_ s: Int, at time: Date) {
        record.queue.append(DayRecord.QueueLength(at: time, storeId: queues[s].storeId, length: waiting[s].count))
    }

    private func isIdle(_ m: Machine) -> Bool {
        if case .idle = m.occupant { return true }
        return false
    }

    // MARK: At the machine

    private func start(_ v: Int, at m: Int, time: Date) {
        let machine = machines[m]
        depth.took(machine: m, at: time)
        machine.clock.advance(to: time)
        tend(machine)
        // The clerk's cash work reopens the machine, which may find the ledger unwritable.
        noteService(machine, at: time)
        record.visits[v].outcome = .served
        record.visits[v].started = time
        record.visits[v].terminalId = machine.terminal.id
        record.visits[v].wait = time.timeIntervalSince(record.visits[v].arrived)
        machine.occupant = .customer(visit: v)
        machine.visit = v
        machine.customer = pending.removeValue(forKey: v)
        machine.busySince = time
        machine.serviceEnds = rules.service.map { time.addingTimeInterval(max(0, $0.draw(using: &timing))) }
        turn(machine, index: m, at: time)
    }

    private func schedule(_ machine: Machine, index m: Int, _ due: Due, at time: Date) {
        machine.due = due
        moments.schedule(m, at: time, order: scheduled)
        scheduled += 1
    }

    private func scheduleShared(_ happening: Happening, at time: Date) {
        events.schedule(happening, at: time, order: scheduled)
        scheduled += 1
    }

    private var journalWrites = 0
    private var journalCommits = 0
    private var depth = CommitDepth(machines: 0)

    /// Writes every parked machine's journal entries in one transaction, then gives each
    /// machine its answer (the same failure to all when the commit fails) and runs it on.
    private func commitGroup() {
        let group = parked
        parked = []
        groups += 1
        let number = groups
        let committed = Result { try ledger.record(together: group.map(\.entries)) { self.beforeGroupCommit?(number) } }
        journalCommits += 1
        for (i, p) in group.enumerated() {
            let machine = machines[p.machine]
            machine.kiosk.runtime.stepJournal(committed: committed.map { $0[i] })
            drive(machine, index: p.machine, at: p.time)
        }
    }

    private func wake(_ machine: Machine, index m: Int, at time: Date) {
        machine.clock.advance(to: time)
        let due = machine.due
        machine.due = nil
        switch due {
        case .act(let event)?: machine.kiosk.runtime.post(event)
        case .tick?: machine.kiosk.runtime.post(.tick(machine.clock.now()))
        case .effect?: machine.effectTimed = true
        case nil: break
        }
        drive(machine, index: m, at: time)
    }

    /// Runs the machine's work in hand until it waits: for a device's answer, or for the customer.
    private func drive(_ machine: Machine, index m: Int, at time: Date) {
        let runtime = machine.kiosk.runtime
        while runtime.isBusy {
            if let effect = runtime.nextEffect {
                if !machine.effectTimed, rules.service == nil, let step = Behaviour.step(for: effect) {
                    let seconds = rules.behaviour.draw(step, using: &machine.timing)
                    if seconds > 0 {
                        // The printer's simulated seconds pass while its document renders on
                        // another thread and the other machines move on.
                        runtime.printAhead(on: StoreDay.printing)
                        schedule(machine, index: m, .effect, at: time.addingTimeInterval(seconds))
                        return
                    }
                }
                machine.effectTimed = false
                if case .journal = effect {
                    journalWrites += 1
                    depth.wrote(machine: m, at: time)
                    if rules.groupCommit, let entries = runtime.nextJournalEntries {
                        parked.append(Parked(machine: m, time: time, entries: entries))
                        return
                    }
                    journalCommits += 1
                }
            }
            runtime.step()
        }
        // The customer takes their change and returned money from the tray.
        _ = machine.kiosk.cash.emptyTray()
        noteService(machine, at: time)
        turn(machine, index: m, at: time)
    }

    /// Keeps the first moment the machine is out of service, and why, for the day's report.
    private func noteService(_ machine: Machine, at time: Date) {
        guard !machine.inService, machine.outOfServiceAt == nil else { return }
        machine.outOfServiceAt = time
        var reason = ""
        if case .outOfService(let why, _) = machine.kiosk.runtime.state.screen { reason = why }
        record.outOfService.append(DayRecord.OutOfService(terminalId: machine.terminal.id, at: time, reason: reason))
    }

    /// The machine is quiet: the customer looks at the screen and does the next thing.
    private func turn(_ machine: Machine, index m: Int, at time: Date) {
        switch machine.occupant {
        case .idle:
            return
        case .clearing(let until):
            if time >= until { scheduleShared(.free(machine: m), at: time) } else { schedule(machine, index: m, .tick, at: until) }
        case .customer(let v):
            // Taken out while they act, so that what they carry is changed in place, not copied.
            guard var customer = machine.customer.take() else { return }
            let action = customer.next(machine.kiosk.runtime.state)
            machine.customer = customer
            switch action {
            case .event(let event):
                let thinking = rules.service == nil ? rules.behaviour.draw(Behaviour.step(before: event), using: &machine.timing) : 0
                schedule(machine, index: m, .act(event), at: time.addingTimeInterval(thinking))
            case .wait(let seconds):
                schedule(machine, index: m, .tick, at: time.addingTimeInterval(seconds))
            case .leave:
                record.visits[v].left = time
                machine.customer = nil
                if customer.printedSlip { slipsPrinted += 1 }
                if let ticket = customer.slipToPay {
                    scheduleShared(.walk(ticket, visit: v, storeId: machine.terminal.storeId), at: time)
                }
                let state = machine.kiosk.runtime.state
                // A customer screen left behind times out before the next customer can start.
                var until = state.screen.timesOut ? time.addingTimeInterval(state.timeout + 1) : time
                if let ends = machine.serviceEnds { until = max(until, ends) }
                machine.occupant = .clearing(until: until)
                turn(machine, index: m, at: time)
            }
        }
    }

    private func free(_ machine: Machine, index m: Int, at time: Date) {
        if let since = machine.busySince { record.machines[m].busy.append(since...time) }
        if let v = machine.visit { record.visits[v].done = time }
        machine.busySince = nil
        machine.visit = nil
        machine.serviceEnds = nil
        machine.occupant = .idle
        record.end = max(record.end, time)
        guard machine.inService, !waiting[machine.store].isEmpty else { return }
        let v = waiting[machine.store].removeFirst()
        noteQueue(machine.store, at: time)
        start(v, at: m, time: time)
    }

    /// The store's clerk, between two customers: takes the bills out of a nearly full bill
    /// box and tops up coins that ran low, back to the machine's opening float, journaled
    /// like any staff cash; the machine then reads its cash again from the ledger.
    private func tend(_ machine: Machine) {
        guard let status = machine.kiosk.runtime.state.machine?.status else { return }
        let float = machine.terminal.openingFloat
        var collect = CashPieces.none, replenish = CashPieces.none
        for d in CashUnit.denominations {
            let have = status.inventory[d]
            if have * 10 >= CashUnit.capacity(of: d) * 9, have > float[d] { collect[d] = have - float[d] }
            if have < CashUnit.lowMark(of: d), float[d] > have { replenish[d] = float[d] - have }
        }
        guard collect.total > .zero || replenish.total > .zero else { return }
        let now = machine.clock.now(), id = machine.terminal.id
        do {
            if collect.total > .zero { try ledger.collect(terminalId: id, pieces: collect, staff: StoreDay.clerk, limits: CashUnit.limits, at: now) }
            if replenish.total > .zero { try ledger.replenish(terminalId: id, pieces: replenish, staff: StoreDay.clerk, limits: CashUnit.limits, at: now) }
        } catch {
            // The machine carries on with the cash it has; the ledger said why it would not move.
            return
        }
        machine.kiosk.runtime.open(storeId: machine.terminal.storeId, terminalId: id)
    }

    /// Where the documents of a day's machines are rendered and written, off the ledger's path.
    static let printing = DispatchQueue(label: "StoreDay.printing", qos: .userInitiated, attributes: .concurrent)

    /// Whose name a simulated day's cash work is journaled under.
    public static let clerk = "Store clerk (simulated)"

    /// Which customer began which transaction: the machine's journal says so as it writes.
    private func note(_ effect: Effect, at machine: Machine) {
        guard case .journal(let id?, let steps) = effect, case .customer(let v) = machine.occupant,
              steps.contains(where: { if case .begin = $0 { return true } else { return false } }) else { return }
        record.visits[v].transactions.append(id)
    }

    /// Reads back from the ledger how this day's transactions ended.
    private func settle() throws {
        var summary = StoreDay.Summary()
        summary.customers = record.visits.count
        var byId: [String: Int] = [:]
        for (v, visit) in record.visits.enumerated() {
            visit.transactions.forEach { byId[$0] = v }
            switch visit.outcome {
            case .balked: summary.balked += 1
            case .gaveUp: summary.gaveUp += 1
            case .served where visit.transactions.isEmpty: summary.noTransaction += 1
            case .served, .waiting: break
            }
        }
        summary.slipsPrinted = slipsPrinted
        summary.slipsPaid = desks.values.map(\.paid).reduce(0, +)
        let registers = desks.values.compactMap { $0.machine.runtime.state.machine?.terminal.id }
        for terminal in Set(machines.map(\.terminal.id) + registers).sorted() {
            for t in try ledger.transactions(terminalId: terminal) {
                guard let v = byId[t.id] else { continue }
                var sold = false
                switch t.status {
                case .completed: summary.completed += 1; sold = true
                case .cancelled: summary.cancelled += 1
                case .refunded: summary.refunded += 1
                case .refundDue:
                    summary.refundsDue += 1
                    // Cash the machine could not give back for a top-up the carrier did credit.
                    sold = t.paymentMethod == .cash && t.cashInYen >= t.amountYen && (try? ledger.hostTopUp(txnId: t.id)) != nil
                case .failed: summary.failed += 1
                case .open: break
                }
                if sold {
                    summary.sales += Yen(t.amountYen)
                    record.visits[v].spent += Yen(t.amountYen)
                }
            }
        }
        record.summary = summary
    }
}

extension StoreDay {
    /// The terminals a day can serve customers at: in service and taking cash.
    public static func usableTerminals(in catalogue: Catalogue) -> [Terminal] {
        catalogue.terminals.filter { $0.inService && $0.payments.contains(.cash) }
    }

    /// A store's day starts at its opening time in Japan today, or just after the ledger's
    /// last entry when it carries on from a later moment.
    public static func openingTime(of store: Store, ledger: Ledger, today: Date) throws -> Date {
        let noon = JapanTime.parse(JapanTime.date(today))!
        let opens = noon.addingTimeInterval(store.opensAt - 12 * 3600)
        guard let last = try ledger.lastEntryTime() else { return opens }
        return max(opens, last.addingTimeInterval(60))
    }
}

extension StoreDay {
    /// The terminals grouped into one queue per store, in the order given, each store with
    /// its own arrivals (its profile, unless `arrivals` says otherwise) and opening time.
    public static func queues(of terminals: [Terminal], catalogue: Catalogue, fixtures: DayFixtures,
                              arrivals: ArrivalRate? = nil, ledger: Ledger, today: Date) throws -> [Queue] {
        var order: [String] = []
        for t in terminals where !order.contains(t.storeId) { order.append(t.storeId) }
        return try order.map { storeId in
            guard let store = catalogue.stores.first(where: { $0.id == storeId }) else {
                throw DayFixtureError(description: "There is no store \(storeId) in stores.csv.")
            }
            let rate = try arrivals ?? .profile(fixtures.profile(store.arrivalProfile))
            return Queue(storeId: storeId, terminals: terminals.filter { $0.storeId == storeId }, arrivals: rate,
                         opens: try openingTime(of: store, ledger: ledger, today: today))
        }
    }
}
