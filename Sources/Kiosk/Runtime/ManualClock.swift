import Foundation

/// Time for headless runs and simulated days: it starts where it is told and moves only
/// when told, so a script or a seed repeats exactly.
public final class ManualClock {
    public private(set) var time: Date
    public init(start: Date) { time = start }
    public func now() -> Date { time }
    public func advance(by seconds: TimeInterval) { time += seconds }
    /// To that moment, earlier or later: a store's register serves customers who come from
    /// machines whose simulated clocks run apart.
    public func move(to moment: Date) { time = moment }
    /// Moves on to that moment; never back.
    public func advance(to moment: Date) { time = max(time, moment) }
}
