import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// How many machines a store needs to keep its queue within a waiting target.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Recommend how many machines a store needs: its day simulated with 1, 2, … machines against a waiting target.",
        discussion: """
        Each number of machines runs the same --days days (seeds --seed, --seed + 1, …, so the same \
        customers come), every customer through the real machine on a scratch ledger, receipts as text. \
        The table shows the target's percentile of the waits over all the days, the customers lost \
        (balked or gave up) and the sales lost per day; the recommendation is the fewest machines that \
        meet the target. Exits 1 when no number up to --max-machines does.

          kiosk plan --store lw-haneda-t3 --target 'p95-wait<=120'
          kiosk plan --store fm-shibuya-center --profile airport --target 'p95-wait<=60' --max-machines 2 --days 5
        """)

    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var dayOptions: DayOptions

    @Option(help: ArgumentHelp("The store to plan for.", valueName: "ID"))
    var store: String

    @Option(help: ArgumentHelp("The waiting target: \(WaitTarget.form).", valueName: "pNN-wait<=SECONDS"))
    var target: String

    @Option(help: "Try 1 up to this many machines (default: every in-service terminal of the store that takes cash).")
    var maxMachines: Int?

    @Option(help: "Days simulated for each number of machines.")
    var days: Int = 3

    @Option(help: "Hours of each day, from the store's opening.")
    var hours: Double = 24

    @Option(help: "The first day's seed; the others follow.")
    var seed: UInt64 = 1

    /// A bad value of a known option is a sentence and exit 1, checked before anything runs.
    private func check() throws -> WaitTarget {
        try dayOptions.check()
        let goal: WaitTarget
        do { goal = try WaitTarget(spec: target) } catch { throw Failure("Bad --target: \(error).") }
        try Bounds.check(days, 1...100, "--days")
        guard hours > 0 && hours <= 24 * 7 else { throw Failure("--hours must be above 0 and at most a week of hours (168), not \(hours.asTyped).") }
        // Above, it is held against the store's machines once the fixtures are read.
        if let maxMachines, maxMachines < 1 { throw Failure("--max-machines must be 1 or more, not \(maxMachines).") }
        return goal
    }

    func run() throws {
        try reporting {
            let goal = try check()
            var catalogue = try fixtureOptions.catalogue()
            let dayFixtures = try dayOptions.fixtures(in: fixtureOptions.fixtures)
            guard catalogue.stores.contains(where: { $0.id == store }) else {
                throw Failure("Unknown store \"\(store)\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
            }
            // The receipts are not the question here: text only, on scratch paper.
            catalogue.terminals = catalogue.terminals.map { var t = $0; t.receiptFormats = [.text]; return t }
            let terminals = StoreDay.usableTerminals(in: catalogue).filter { $0.storeId == store }
            let most = maxMachines ?? terminals.count
            guard !terminals.isEmpty else { throw Failure("Store \(store) has no in-service terminal that takes cash.") }
            guard most <= terminals.count else {
                throw Failure("--max-machines is \(most), but \(store) has \(terminals.count) in-service terminal\(terminals.count == 1 ? "" : "s") that take\(terminals.count == 1 ? "s" : "") cash (terminals.csv); add terminals or ask for fewer.")
            }
            let arrivals = try dayOptions.arrivalRate(dayFixtures)
            let rules = try dayOptions.rules(dayFixtures, hours: hours, customers: nil)
            try DayOptions.checkCustomers(rules, arrivals: arrivals, stores: [store], catalogue: catalogue, fixtures: dayFixtures, canCap: false)
            let scratch = try ScratchFolder()
            defer { scratch.remove() }
            let bar = ProgressBar(label: "planning ")
            let runs = (1...most).flatMap { m in (0..<days).map { (machines: m, day: $0) } }
            var records = [DayRecord?](repeating: nil, count: runs.count)
            var failure: Error?
            let lock = NSLock()
            var done = 0
            // Each day has its own ledger file, so the days run side by side.
            DispatchQueue.concurrentPerform(iterations: runs.count) { i in
                let run = runs[i]
                do {
                    let record = try Self.day(catalogue: catalogue, terminals: Array(terminals.prefix(run.machines)),
                                              fixtures: dayFixtures, arrivals: arrivals, rules: rules,
                                              seed: seed &+ UInt64(run.day), folder: scratch.url.appendingPathComponent("\(run.machines)-\(run.day)"))
                    lock.withLock {
                        records[i] = record
                        done += 1
                        bar.show(Double(done) / Double(runs.count), note: "\(done)/\(runs.count) days")
                    }
                } catch {
                    lock.withLock { failure = failure ?? error }
                }
            }
            bar.finish()
            if let failure { throw failure }
            let rows = (1...most).map { m in
                MachinePlan.row(machines: m, days: zip(runs, records).filter { $0.0.machines == m }.compactMap(\.1), target: goal)
            }
            let plan = MachinePlan(target: goal, rows: rows)
            print(Self.describe(plan, store: store, days: days))
            if plan.recommended == nil { throw ExitCode(1) }
        }
    }

    /// One day with that many machines, on its own scratch ledger; the ledger's checks must hold after it.
    static func day(catalogue: Catalogue, terminals: [Terminal], fixtures: DayFixtures, arrivals: ArrivalRate?,
                    rules: StoreDay.Rules, seed: UInt64, folder: URL) throws -> DayRecord {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try Ledger(path: path)
        defer { terminals.forEach { TerminalHold.release($0.id, ledgerPath: path) } }
        let settings = KioskAssembly.Settings(ledgerPath: path, receipts: folder.appendingPathComponent("receipts").path, seed: seed)
        let queues = try StoreDay.queues(of: terminals, catalogue: catalogue, fixtures: fixtures, arrivals: arrivals,
                                         ledger: ledger, today: Date())
        let record = try StoreDay(catalogue: catalogue, ledger: ledger, queues: queues, settings: settings, rules: rules).run()
        if let broken = try Invariants.check(ledger).first {
            throw Failure("A simulated day with \(terminals.count) machines broke the ledger's promises: \(broken)")
        }
        return record
    }

    static func describe(_ plan: MachinePlan, store: String, days: Int) -> String {
        let p = "p\(plan.target.percentile)"
        var lines = ["Machines for \(store), target \(plan.target), \(days) simulated day\(days == 1 ? "" : "s") each:", "",
                     "machines  \(p) wait   mean wait  max wait  lost/day  sales lost/day  sales/day    busy  meets"]
        for r in plan.rows {
            func c(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
            lines.append(c(String(r.machines), 8) + c(String(format: "%.0f s", r.wait), 11) + c(String(format: "%.0f s", r.waitMean), 12)
                         + c(String(format: "%.0f s", r.waitMax), 10) + c(String(format: "%.1f", r.lostPerDay), 10)
                         + c(r.salesLostPerDay.description, 16) + c(r.salesPerDay.description, 11)
                         + c("\(Int((r.utilisation * 100).rounded()))%", 8) + "  " + (r.meets ? "yes" : "no"))
        }
        lines.append("")
        if let best = plan.recommended {
            lines.append("Recommendation: \(best.machines) machine\(best.machines == 1 ? "" : "s"): \(p) wait \(String(format: "%.0f", best.wait)) s, \(String(format: "%.1f", best.lostPerDay)) customers and \(best.salesLostPerDay) lost a day.")
        } else if let last = plan.rows.last {
            lines.append("No number of machines up to \(last.machines) meets \(plan.target); with \(last.machines) the \(p) wait is \(String(format: "%.0f", last.wait)) s.")
        }
        return lines.joined(separator: "\n")
    }
}
