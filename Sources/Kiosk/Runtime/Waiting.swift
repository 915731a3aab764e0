import Foundation

extension KioskRuntime {
    /// Lets `seconds` pass on `clock` with nobody at the machine, in whole seconds as on the
    /// screen. Only the inactivity time-out moves the machine while nobody touches it, so the
    /// clock jumps from one time-out to the next instead of ticking each second: a day's wait
    /// costs a few steps. Returns how many steps it took.
    @discardableResult
    public func wait(_ seconds: Int, on clock: ManualClock) -> Int {
        var left = seconds, steps = 0
        while left > 0 {
            let step = min(left, max(1, state.secondsLeft ?? left))
            clock.advance(by: TimeInterval(step))
            tick()
            left -= step
            steps += 1
        }
        return steps
    }
}
