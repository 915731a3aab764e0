import Foundation
import Ledger
import Receipt

/// A simulated store day: customers walk up to the terminals, side by side, each through
/// the real state machine, runtime, ledger and printer. The same seed gives the same day.
public final class StoreDay {
    public struct Summary: Equatable {
        public var customers = 0
        public var completed = 0
        public var cancelled = 0
        public var refunded = 0
        public var refundsDue = 0
        public var failed = 0
        /// Customers who left before any money moved (refused SIM, changed their mind early).
        public var noTransaction = 0
        public var sales = Yen.zero
        public var seconds = 0.0

        public var flowsPerSecond: Double { seconds > 0 ? Double(customers) / seconds : 0 }
    }

    private let catalogue: Catalogue
    private let ledger: Ledger
    private let terminals: [Terminal]
    private let settings: KioskAssembly.Settings
    private let start: Date

    public init(catalogue: Catalogue, ledger: Ledger, terminals: [Terminal], settings: KioskAssembly.Settings, start: Date) {
        self.catalogue = catalogue
        self.ledger = ledger
        self.terminals = terminals
        self.settings = settings
        self.start = start
    }

    /// Runs the customers; `progress` is told how many have been served.
    public func run(customers count: Int, progress: (Int) -> Void = { _ in }) throws -> Summary {
        let began = Date()
        var random = SeededRandom(seed: settings.seed)
        var lanes: [Lane] = terminals.enumerated().map { i, terminal in
            var s = settings
            s.seed = settings.seed &+ UInt64(i + 1) &* 0x9E37_79B9
            let clock = ManualClock(start: start)
            let machine = KioskAssembly(catalogue: catalogue, ledger: ledger, settings: s, clock: clock.now)
            machine.runtime.open(storeId: terminal.storeId, terminalId: terminal.id)
            let tally = Tally()
            machine.runtime.observe = { effect in
                if case .journal(let id?, let steps) = effect, steps.contains(where: { if case .begin = $0 { true } else { false } }) {
                    tally.began.append(id)
                }
            }
            return Lane(machine: machine, clock: clock, random: SeededRandom(seed: s.seed), tally: tally)
        }
        var arrived = 0, served = 0
        while served < count {
            for i in lanes.indices {
                if lanes[i].customer == nil {
                    guard arrived < count, lanes[i].inService else { continue }
                    lanes[i].customer = Customer(catalogue: catalogue, random: &random)
                    lanes[i].beganBefore = lanes[i].tally.began.count
                    arrived += 1
                    lanes[i].pause(10...240)
                }
                if lanes[i].step() {
                    served += 1
                    progress(served)
                }
            }
            if lanes.allSatisfy({ !$0.inService && $0.customer == nil }) && served < count {
                throw StoreDayError(description: "Every terminal went out of service: \(lanes.first?.machine.runtime.state.summary ?? "")")
            }
        }
        var summary = Summary()
        summary.customers = count
        // Only this run's own sales: another process may be serving customers on the same file.
        let ours = Set(lanes.flatMap(\.tally.began))
        for t in try ledger.transactions() where ours.contains(t.id) {
            switch t.status {
            case .completed: summary.completed += 1; summary.sales += Yen(t.amountYen)
            case .cancelled: summary.cancelled += 1
            case .refunded: summary.refunded += 1
            case .refundDue:
                summary.refundsDue += 1
                if t.paymentMethod == .cash && t.cashInYen >= t.amountYen && (try? ledger.hostTopUp(txnId: t.id)) != nil {
                    summary.sales += Yen(t.amountYen)
                }
            case .failed: summary.failed += 1
            case .open: break
            }
        }
        summary.noTransaction = lanes.map(\.tally.customersWithoutSale).reduce(0, +)
        summary.seconds = Date().timeIntervalSince(began)
        return summary
    }

    /// The transactions one lane's machine began in this run, and the customers who left it before any.
    /// A customer may begin more than one (a second try after a refund), so neither count
    /// is derived from the other.
    private final class Tally {
        var began: [String] = []
        var customersWithoutSale = 0
    }

    /// One terminal and the customer at it.
    private struct Lane {
        let machine: KioskAssembly
        let clock: ManualClock
        var random: SeededRandom
        let tally: Tally
        var customer: Customer?
        /// How many transactions had begun when the customer came.
        var beganBefore = 0

        init(machine: KioskAssembly, clock: ManualClock, random: SeededRandom, tally: Tally) {
            self.machine = machine
            self.clock = clock
            self.random = random
            self.tally = tally
        }

        var inService: Bool {
            if case .outOfService = machine.runtime.state.screen { return false }
            return machine.runtime.state.machine != nil
        }

        mutating func pause(_ seconds: ClosedRange<Int>) {
            clock.advance(by: TimeInterval(Int.random(in: seconds, using: &random)))
            machine.runtime.tick()
        }

        /// The customer does one thing; true when they have left.
        mutating func step() -> Bool {
            guard var c = customer else { return false }
            let runtime = machine.runtime
            switch c.next(runtime.state) {
            case .event(let event):
                pause(1...4)
                runtime.send(event)
                customer = c
            case .wait(let seconds):
                clock.advance(by: seconds)
                runtime.tick()
                customer = c
            case .leave:
                // Whatever is left on the screen times out, returning any cash first.
                clock.advance(by: runtime.state.timeout + 1)
                runtime.tick()
                customer = nil
                if tally.began.count == beganBefore { tally.customersWithoutSale += 1 }
            }
            _ = machine.cash.emptyTray()
            return customer == nil
        }
    }
}

extension StoreDay {
    /// The terminals a day can serve customers at: in service and taking cash.
    public static func usableTerminals(in catalogue: Catalogue) -> [Terminal] {
        catalogue.terminals.filter { $0.inService && $0.payments.contains(.cash) }
    }

    /// A day starts at 08:00 in Japan, or after the ledger's last entry when it carries on.
    public static func openingTime(ledger: Ledger, today: Date) throws -> Date {
        let eight = JapanTime.parse(JapanTime.date(today))!.addingTimeInterval(-4 * 3600)
        return max(eight, (try ledger.lastEntryTime() ?? eight).addingTimeInterval(60))
    }
}

public struct StoreDayError: Error, CustomStringConvertible {
    public let description: String
}
