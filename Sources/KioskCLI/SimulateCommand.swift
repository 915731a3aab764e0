import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// A whole store day: customers at several terminals, faults injected, then the checks.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a store day: customers through the real machine at several terminals, then check the ledger.")

    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "How many terminals serve customers side by side (the first in-service ones with cash).")
    var terminals: Int = 3

    @Option(name: .customLong("terminal"), help: "Use this terminal (repeat for several) instead of --terminals.")
    var terminalIds: [String] = []

    @Option(help: "How many customers come in.")
    var customers: Int = 100

    @Option(help: "The day's seed: the same seed gives the same day.")
    var seed: UInt64 = 1

    @Option(help: "Faults to inject, e.g. host-timeout=0.1,host-error=0.05,card-timeout=0.02,jam=0.01,paper-out=0.01.")
    var faults: String = ""

    @Option(help: "Where receipts are written (default var/receipts/<terminal>/).")
    var receipts: String?

    func run() throws {
        try reporting {
            try Bounds.check(customers, Bounds.customers, "--customers")
            try ReceiptsFolder.check(receipts)
            let faultSpec: Faults
            do { faultSpec = try Faults(spec: faults) } catch { throw Failure("\(error)") }
            let catalogue = try fixtureOptions.catalogue()
            let chosen: [Terminal]
            if terminalIds.isEmpty {
                let usable = StoreDay.usableTerminals(in: catalogue)
                guard (1...usable.count).contains(terminals) else {
                    throw Failure("--terminals must be from 1 to \(usable.count), the in-service terminals that take cash.")
                }
                chosen = Array(usable.prefix(terminals))
            } else {
                if let twice = terminalIds.first(where: { id in terminalIds.filter { $0 == id }.count > 1 }) {
                    throw Failure("Terminal \(twice) is named twice; name each terminal once, since one machine serves one customer at a time.")
                }
                chosen = try terminalIds.map { id in
                    guard let t = catalogue.terminal(id), t.inService else {
                        throw Failure("Unknown or out-of-service terminal \"\(id)\"; the terminals are \(catalogue.terminals.filter(\.inService).map(\.id).joined(separator: ", ")).")
                    }
                    return t
                }
            }
            try chosen.forEach { try ledgerOptions.hold($0.id) }
            let ledger = try ledgerOptions.open()
            let settings = KioskAssembly.Settings(ledgerPath: ledgerOptions.ledger, receipts: receipts, faults: faultSpec, seed: seed)
            let day = StoreDay(catalogue: catalogue, ledger: ledger, terminals: chosen, settings: settings,
                               start: try StoreDay.openingTime(ledger: ledger, today: Date()))
            let bar = ProgressBar(total: customers)
            let summary = try day.run(customers: customers) { bar.show($0) }
            bar.finish()
            print(Self.describe(summary, terminals: chosen.map(\.id)))
            let broken = try Invariants.check(ledger, terminals: chosen.map(\.id))
            if broken.isEmpty {
                print("Checks: no open transaction, every cash sale balanced, inventory equals movements, hash chain intact.")
            } else {
                broken.prefix(20).forEach { FileHandle.standardError.write(Data("Check failed: \($0)\n".utf8)) }
                throw ExitCode(1)
            }
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
          sales        \(s.sales)
          \(String(format: "%.1f", s.flowsPerSecond)) flows per second (\(String(format: "%.2f", s.seconds)) s)
        """
    }
}

/// A bar on stderr while customers are served, only when stderr is a terminal.
final class ProgressBar {
    private let total: Int
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = -1

    init(total: Int) { self.total = total }

    func show(_ done: Int) {
        guard enabled, total > 0 else { return }
        let width = 40, filled = done * width / total
        guard filled != last else { return }
        last = filled
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
