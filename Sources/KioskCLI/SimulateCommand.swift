import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// A store day in simulated time: customers arrive, queue and are served at the real machine,
/// faults injected, then the day's numbers and the ledger's checks.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a store day: customers arrive, queue and are served through the real machine, then check the ledger.",
        discussion: """
        Customers arrive at each store as its arrival profile says (arrivals.csv), take a person's time \
        over each step (behaviour.csv), queue for the store's machines, balk at a long queue and give up \
        when their patience runs out. Without --customers or --hours the day is 24 hours from the store's \
        opening time; --customers N alone runs until N customers have come.

          kiosk simulate --store lw-haneda-t3 --terminals 3 --plot day.svg
          kiosk simulate --store lw-haneda-t3 --arrivals 40 --hours 2 --format json
          kiosk simulate --terminals 3 --customers 150 --seed 7
          kiosk simulate --stores all --ledger-dir var/stores --customers 500
        """)

    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var dayOptions: DayOptions

    @Option(help: "How many terminals serve customers (the first in-service ones with cash; with --store, of that store). Default 3, or all of the store's.")
    var terminals: Int?

    @Option(name: .customLong("terminal"), help: "Use this terminal (repeat for several) instead of --terminals.")
    var terminalIds: [String] = []

    @Option(help: ArgumentHelp("Simulate this store's machines and queue.", valueName: "ID"))
    var store: String?

    @Option(help: ArgumentHelp("Simulate these stores at once (ids joined by commas, or all), each on its own ledger in --ledger-dir and its own thread; --customers and --terminals are each store's.", valueName: "IDS"))
    var stores: String?

    @Option(help: ArgumentHelp("The folder of the stores' ledgers for --stores, one file each (<store>.sqlite), made when missing.", valueName: "DIR"))
    var ledgerDir: String?

    @Option(help: "At most this many customers come; alone, the day lasts until they have.")
    var customers: Int?

    @Option(help: "Hours from the store's opening during which customers come (default 24).")
    var hours: Double?

    @Option(help: "The day's seed: the same seed gives the same day.")
    var seed: UInt64 = 1

    @Option(help: "Faults to inject, e.g. host-timeout=0.1,host-error=0.05,card-timeout=0.02,jam=0.01,paper-out=0.01.")
    var faults: String = ""

    @Option(help: "Where receipts are written (default var/receipts/<terminal>/).")
    var receipts: String?

    @Option(help: "text (a table with bars) or json (stable keys for tools).")
    var format: DayFormat = .text

    @Option(help: ArgumentHelp("Draw the queue and the waits over the day into FILE (.svg or .pdf).", valueName: "FILE"))
    var plot: String?

    @Flag(help: "Commit each machine's journal write on its own instead of the machines' writes together (the same day, more fsyncs).")
    var noGroupCommit = false

    /// For crash tests: the process kills itself (SIGKILL) inside its Nth group commit, before it commits.
    @Option(help: .hidden)
    var crashInGroupCommit: Int?

    func validate() throws {
        if store != nil && !terminalIds.isEmpty { throw ValidationError("Give --store or --terminal, not both.") }
        if stores != nil {
            if store != nil || !terminalIds.isEmpty { throw ValidationError("Give --stores alone, without --store or --terminal.") }
            if ledgerDir == nil { throw ValidationError("--stores needs --ledger-dir DIR, the folder of the stores' ledgers.") }
            if plot != nil { throw ValidationError("--plot draws one store's day; give --store instead of --stores.") }
        } else if ledgerDir != nil {
            throw ValidationError("--ledger-dir is for --stores; give --ledger PATH for one ledger.")
        }
        if terminals != nil && !terminalIds.isEmpty { throw ValidationError("Give --terminals or --terminal, not both.") }
    }

    func run() throws {
        try reporting {
            // A bad value of a known option is a sentence and exit 1, before anything is read or written.
            try dayOptions.check()
            if let hours, !(hours > 0 && hours <= 24 * 366) { throw Failure("--hours must be above 0 and at most a year of hours (8784), not \(hours.asTyped).") }
            if let customers { try Bounds.check(customers, Bounds.customers, "--customers") }
            if let plot { try DayPlot.check(plot) }
            try ReceiptsFolder.check(receipts)
            let faultSpec: Faults
            do { faultSpec = try Faults(spec: faults) } catch { throw Failure("\(error)") }
            let catalogue = try fixtureOptions.catalogue()
            let dayFixtures = try dayOptions.fixtures(in: fixtureOptions.fixtures)
            if let stores, let ledgerDir {
                var rules = try dayOptions.rules(dayFixtures, hours: hours ?? (customers == nil ? 24 : nil), customers: customers)
                rules.groupCommit = !noGroupCommit
                let settings = KioskAssembly.Settings(ledgerPath: "", receipts: receipts, faults: faultSpec, seed: seed)
                let many = try StoresDay(spec: stores, folder: ledgerDir, terminals: terminals, catalogue: catalogue, fixtures: dayFixtures,
                                         arrivals: try dayOptions.arrivalRate(dayFixtures), rules: rules, settings: settings)
                try show(many)
                return
            }
            let chosen = try chooseTerminals(catalogue)
            let arrivals = try dayOptions.arrivalRate(dayFixtures)
            var rules = try dayOptions.rules(dayFixtures, hours: hours ?? (customers == nil ? 24 : nil), customers: customers)
            rules.groupCommit = !noGroupCommit
            try DayOptions.checkCustomers(rules, arrivals: arrivals, stores: chosen.map(\.storeId), catalogue: catalogue,
                                          fixtures: dayFixtures, canCap: true)
            try chosen.forEach { try ledgerOptions.hold($0.id) }
            let ledger = try ledgerOptions.open()
            let settings = KioskAssembly.Settings(ledgerPath: ledgerOptions.ledger, receipts: receipts, faults: faultSpec, seed: seed)
            let queues = try StoreDay.queues(of: chosen, catalogue: catalogue, fixtures: dayFixtures,
                                             arrivals: arrivals, ledger: ledger, today: Date())
            let day = StoreDay(catalogue: catalogue, ledger: ledger, queues: queues, settings: settings, rules: rules)
            if let crashInGroupCommit {
                day.beforeGroupCommit = { number in if number == crashInGroupCommit { kill(getpid(), SIGKILL) } }
            }
            let bar = ProgressBar()
            let record = try day.run { bar.show($0) }
            bar.finish()
            let statistics = DayStatistics(record)
            switch format {
            case .text:
                print(Self.describe(record.summary, terminals: chosen.map(\.id)))
                print(DayTable.text(statistics))
            case .json:
                print(DayJSON.text(statistics, summary: record.summary))
            }
            if let plot {
                let title = "\(queues.map(\.storeId).joined(separator: ", ")) · \(chosen.count) machine\(chosen.count == 1 ? "" : "s") · seed \(seed)"
                try DayPlot.write(record, statistics, title: title, to: plot)
            }
            let broken = try Invariants.check(ledger, terminals: chosen.map(\.id))
            if broken.isEmpty {
                if format == .text { print("Checks: no open transaction, every cash sale balanced, inventory equals movements, hash chain intact.") }
            } else {
                broken.prefix(20).forEach { FileHandle.standardError.write(Data("Check failed: \($0)\n".utf8)) }
                throw ExitCode(1)
            }
        }
    }

    /// Every store's day as `--store` prints it, then all of them together; exits 1 when a
    /// store's ledger broke a promise.
    private func show(_ many: StoresDay) throws {
        let (days, seconds) = try many.run()
        var json: [String] = []
        var broken: [String] = []
        for (store, record) in zip(many.stores, days) {
            let statistics = DayStatistics(record)
            switch format {
            case .text:
                print("\(store.id) (\(store.ledger.path))")
                print(Self.describe(record.summary, terminals: store.terminals.map(\.id)))
                print(DayTable.text(statistics))
            case .json:
                json.append("\"\(store.id)\": " + DayJSON.text(statistics, summary: record.summary))
            }
            broken += try Invariants.check(store.ledger, terminals: store.terminals.map(\.id)).map { "\(store.id): \($0)" }
        }
        let customers = days.map(\.summary.customers).reduce(0, +)
        let sales = days.map(\.summary.sales).reduce(.zero, +)
        switch format {
        case .text:
            print("All \(days.count) stores: \(customers) customers, sales \(sales), " +
                  String(format: "%.1f customers per second (%.2f s)", seconds > 0 ? Double(customers) / seconds : 0, seconds))
        case .json:
            print("{\"stores\": {" + json.joined(separator: ", ") + "}}")
        }
        if broken.isEmpty {
            if format == .text { print("Checks: no open transaction, every cash sale balanced, inventory equals movements, hash chain intact, in every store.") }
        } else {
            broken.prefix(20).forEach { FileHandle.standardError.write(Data("Check failed: \($0)\n".utf8)) }
            throw ExitCode(1)
        }
    }

    private func chooseTerminals(_ catalogue: Catalogue) throws -> [Terminal] {
        let usable = StoreDay.usableTerminals(in: catalogue)
        if let store {
            guard catalogue.stores.contains(where: { $0.id == store }) else {
                throw Failure("Unknown store \"\(store)\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
            }
            let ours = usable.filter { $0.storeId == store }
            guard !ours.isEmpty else { throw Failure("Store \(store) has no in-service terminal that takes cash.") }
            let n = terminals ?? ours.count
            guard (1...ours.count).contains(n) else {
                throw Failure("--terminals must be from 1 to \(ours.count), the in-service terminals of \(store) that take cash.")
            }
            return Array(ours.prefix(n))
        }
        if terminalIds.isEmpty {
            let n = terminals ?? 3
            guard (1...usable.count).contains(n) else {
                throw Failure("--terminals must be from 1 to \(usable.count), the in-service terminals that take cash.")
            }
            return Array(usable.prefix(n))
        }
        if let twice = terminalIds.first(where: { id in terminalIds.filter { $0 == id }.count > 1 }) {
            throw Failure("Terminal \(twice) is named twice; name each terminal once, since one machine serves one customer at a time.")
        }
        return try terminalIds.map { id in
            guard let t = catalogue.terminal(id), t.inService else {
                throw Failure("Unknown or out-of-service terminal \"\(id)\"; the terminals are \(catalogue.terminals.filter(\.inService).map(\.id).joined(separator: ", ")).")
            }
            return t
        }
    }

    static func describe(_ s: StoreDay.Summary, terminals: [String]) -> String {
        """
        Simulated \(s.customers) customers at \(terminals.joined(separator: ", ")):
          completed    \(s.completed)
          cancelled    \(s.cancelled)
          refunded     \(s.refunded)
          refunds due  \(s.refundsDue)
          failed       \(s.failed)
          no sale      \(s.noTransaction) (left before paying)
          balked       \(s.balked) (saw the queue and left)
          gave up      \(s.gaveUp) (left the queue)
          sales        \(s.sales)\(slips(s))
          journal      \(s.journalWrites) writes in \(s.journalCommits) commits (no fewer than \(s.fewestCommits) with the queue in the clock's order)
          \(String(format: "%.1f", s.flowsPerSecond)) customers per second (\(String(format: "%.2f", s.seconds)) s)
        """
    }

    /// Only a day at machines that print slips for the register has a line for them.
    private static func slips(_ s: StoreDay.Summary) -> String {
        guard s.slipsPrinted > 0 else { return "" }
        return "\n  slips        \(s.slipsPrinted) printed for the register, \(s.slipsPaid) paid there, the rest left to expire"
    }
}

enum DayFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
