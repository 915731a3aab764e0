import Foundation

/// How many customers an hour come to a store's machines, hour by hour of the day in Japan:
/// a profile from `fixtures/arrivals.csv` (airport, station…).
public struct ArrivalProfile: Equatable, Sendable {
    public var name: String
    /// Customers per hour, from 00:00 to 23:00 Japan time.
    public var perHour: [Double]

    public init(name: String, perHour: [Double]) {
        precondition(perHour.count == 24, "a profile has a rate for each hour of the day")
        self.name = name
        self.perHour = perHour
    }
}

/// When customers arrive: a non-homogeneous Poisson process whose rate follows the clock.
public enum ArrivalRate: Equatable, Sendable {
    case profile(ArrivalProfile)
    /// The same number of customers every hour (`--arrivals N`).
    case constant(perHour: Double)

    /// Customers an hour, a profile's or `--arrivals`: more than one machine could ever see.
    public static let mostPerHour = 10_000.0

    /// Customers per hour at that moment.
    public func perHour(at time: Date) -> Double {
        switch self {
        case .constant(let n): return n
        case .profile(let p): return p.perHour[JapanTime.hour(time)]
        }
    }

    /// The busiest hour's rate.
    public var peakPerHour: Double {
        switch self {
        case .constant(let n): return n
        case .profile(let p): return p.perHour.max() ?? 0
        }
    }

    /// The next arrival after `time`, by thinning (Lewis and Shedler): candidates come at the
    /// peak rate and each is kept with the share of the peak that the clock's rate is then.
    /// Nil when the rate is zero all day.
    public func next(after time: Date, using random: inout SeededRandom) -> Date? {
        let peak = peakPerHour / 3600
        guard peak > 0 else { return nil }
        var t = time
        while true {
            t += -log(1 - Double.random(in: 0..<1, using: &random)) / peak
            if case .constant = self { return t }
            if Double.random(in: 0..<1, using: &random) * peakPerHour < perHour(at: t) { return t }
        }
    }
}
