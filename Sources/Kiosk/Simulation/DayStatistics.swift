import Foundation

/// A simulated day in numbers, for the day and hour by hour: who came, who was served, who
/// balked or gave up, sales made and lost, waits, the queue, and how busy each machine was.
/// Waits are those of the customers who reached a machine.
public struct DayStatistics: Sendable {
    public struct Period: Sendable {
        public var start: Date
        public var seconds: TimeInterval
        public var arrivals = 0
        public var served = 0
        public var balked = 0
        public var gaveUp = 0
        public var sales = Yen.zero
        public var salesLost = Yen.zero
        public var waitMean = 0.0
        public var waitP50 = 0.0
        public var waitP95 = 0.0
        public var waitMax = 0.0
        /// The share of served customers who found every machine busy and waited.
        public var waitedShare = 0.0
        public var queueMax = 0
        /// The queue's length averaged over the period's time.
        public var queueMean = 0.0
        /// The machines' busy share of the period, averaged over the machines.
        public var utilisation = 0.0
    }

    public var day: Period
    public var hours: [Period]
    /// Each machine's busy share of the whole day.
    public var machines: [(terminalId: String, utilisation: Double)]
    /// Machines that went out of service during the day, and why.
    public var outOfService: [DayRecord.OutOfService]

    public init(_ record: DayRecord) {
        let end = max(record.close, record.end)
        let span = max(1, end.timeIntervalSince(record.start))
        let count = max(1, Int((record.close.timeIntervalSince(record.start) / 3600).rounded(.up)))
        let queue = DayStatistics.totalQueue(record)
        func period(from start: Date, seconds: TimeInterval, visits: [DayRecord.Visit]) -> Period {
            var p = Period(start: start, seconds: seconds)
            p.arrivals = visits.count
            let served = visits.filter { $0.outcome == .served }
            p.served = served.count
            p.balked = visits.filter { $0.outcome == .balked }.count
            p.gaveUp = visits.filter { $0.outcome == .gaveUp }.count
            p.sales = visits.reduce(.zero) { $0 + $1.spent }
            p.salesLost = visits.filter { $0.outcome == .balked || $0.outcome == .gaveUp }.reduce(.zero) { $0 + $1.wanted }
            let waits = served.map(\.wait).sorted()
            if !waits.isEmpty {
                p.waitMean = waits.reduce(0, +) / Double(waits.count)
                p.waitP50 = DayStatistics.percentile(waits, 0.50)
                p.waitP95 = DayStatistics.percentile(waits, 0.95)
                p.waitMax = waits.last!
                p.waitedShare = Double(waits.filter { $0 > 0 }.count) / Double(waits.count)
            }
            let window = start...start.addingTimeInterval(seconds)
            (p.queueMax, p.queueMean) = DayStatistics.queue(queue, over: window)
            let busy = record.machines.map { DayStatistics.overlap($0.busy, window) }
            p.utilisation = busy.isEmpty ? 0 : busy.reduce(0, +) / Double(busy.count) / seconds
            return p
        }
        day = period(from: record.start, seconds: span, visits: record.visits)
        var byHour = [[DayRecord.Visit]](repeating: [], count: count)
        for visit in record.visits {
            byHour[min(count - 1, max(0, Int(visit.arrived.timeIntervalSince(record.start) / 3600)))].append(visit)
        }
        hours = byHour.enumerated().map { i, visits in
            period(from: record.start.addingTimeInterval(Double(i) * 3600), seconds: 3600, visits: visits)
        }
        machines = record.machines.map { ($0.terminalId, DayStatistics.overlap($0.busy, record.start...end) / span) }
        outOfService = record.outOfService
    }

    /// Nearest rank: the smallest wait that at least that share of customers did not exceed.
    public static func percentile(_ sorted: [Double], _ share: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((share * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    /// Everyone waiting, in every store, from each moment on.
    public static func totalQueue(_ record: DayRecord) -> [(at: Date, length: Int)] {
        var current: [String: Int] = [:]
        let ordered = record.queue.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
        return ordered.map { _, q in
            current[q.storeId] = q.length
            return (q.at, current.values.reduce(0, +))
        }
    }

    /// The longest queue and its time-average within the window.
    static func queue(_ series: [(at: Date, length: Int)], over window: ClosedRange<Date>) -> (Int, Double) {
        var longest = 0, area = 0.0
        var length = series.last(where: { $0.at <= window.lowerBound })?.length ?? 0
        var from = window.lowerBound
        longest = length
        for point in series where point.at > window.lowerBound && point.at < window.upperBound {
            area += Double(length) * point.at.timeIntervalSince(from)
            length = point.length
            from = point.at
            longest = max(longest, length)
        }
        area += Double(length) * window.upperBound.timeIntervalSince(from)
        let seconds = window.upperBound.timeIntervalSince(window.lowerBound)
        return (longest, seconds > 0 ? area / seconds : 0)
    }

    static func overlap(_ busy: [ClosedRange<Date>], _ window: ClosedRange<Date>) -> TimeInterval {
        busy.reduce(0) { total, range in
            let lo = max(range.lowerBound, window.lowerBound), hi = min(range.upperBound, window.upperBound)
            return total + max(0, hi.timeIntervalSince(lo))
        }
    }
}
