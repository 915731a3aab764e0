import Foundation

/// A waiting target for planning: the share of served customers (as a percentile) who wait
/// at most so many seconds, written `p95-wait<=120`.
public struct WaitTarget: Equatable, Sendable, CustomStringConvertible {
    public var percentile: Int
    public var seconds: Double

    public static let form = "pNN-wait<=SECONDS with NN from 1 to 99 and SECONDS from 0 to 86400 (a day), for example p95-wait<=120"
    /// No customer waits longer than a day: a target beyond it says nothing.
    public static let longest = 86_400.0

    public init(percentile: Int, seconds: Double) {
        self.percentile = percentile
        self.seconds = seconds
    }

    public init(spec: String) throws {
        let parts = spec.replacingOccurrences(of: " ", with: "").components(separatedBy: "-wait<=")
        guard parts.count == 2, parts[0].hasPrefix("p"), let p = Int(parts[0].dropFirst()), (1...99).contains(p),
              let s = Double(parts[1]), s >= 0, s <= WaitTarget.longest else {
            throw WaitTargetError(spec: spec)
        }
        self.init(percentile: p, seconds: s)
    }

    /// The wait that this share of the customers did not exceed.
    public func wait(of sortedWaits: [Double]) -> Double {
        DayStatistics.percentile(sortedWaits, Double(percentile) / 100)
    }

    public var description: String {
        "p\(percentile) wait ≤ \(seconds.asTyped) s"
    }
}

public struct WaitTargetError: Error, CustomStringConvertible {
    public let spec: String
    public var description: String { "\"\(spec)\" is not a waiting target; write \(WaitTarget.form)" }
}

/// How many machines a store needs: the same days (the same seeds, so the same customers)
/// run with 1, 2, … machines, and the fewest that keep the waits within the target.
public struct MachinePlan: Sendable {
    public struct Row: Sendable {
        public var machines: Int
        public var days: Int
        /// Customers over all the days.
        public var customers = 0
        /// The target's percentile of all served customers' waits, pooled over the days.
        public var wait = 0.0
        public var waitMean = 0.0
        public var waitMax = 0.0
        /// Balked or gave up, per day.
        public var lostPerDay = 0.0
        public var salesPerDay = Yen.zero
        public var salesLostPerDay = Yen.zero
        public var utilisation = 0.0
        public var meets = false
    }

    public var target: WaitTarget
    public var rows: [Row]

    public init(target: WaitTarget, rows: [Row]) {
        self.target = target
        self.rows = rows
    }

    /// The fewest machines that meet the target, if any does.
    public var recommended: Row? { rows.first(where: \.meets) }

    /// One row from the days run with that many machines.
    public static func row(machines: Int, days records: [DayRecord], target: WaitTarget) -> Row {
        var row = Row(machines: machines, days: records.count)
        let visits = records.flatMap(\.visits)
        let waits = visits.filter { $0.outcome == .served }.map(\.wait).sorted()
        let days = Double(max(1, records.count))
        row.customers = visits.count
        row.wait = target.wait(of: waits)
        row.waitMean = waits.isEmpty ? 0 : waits.reduce(0, +) / Double(waits.count)
        row.waitMax = waits.last ?? 0
        let lost = visits.filter { $0.outcome == .balked || $0.outcome == .gaveUp }
        row.lostPerDay = Double(lost.count) / days
        row.salesPerDay = Yen(Int((Double(visits.reduce(Yen.zero) { $0 + $1.spent }.amount) / days).rounded()))
        row.salesLostPerDay = Yen(Int((Double(lost.reduce(Yen.zero) { $0 + $1.wanted }.amount) / days).rounded()))
        let shares = records.flatMap { DayStatistics($0).machines.map(\.utilisation) }
        row.utilisation = shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count)
        row.meets = !waits.isEmpty && row.wait <= target.seconds
        return row
    }
}
