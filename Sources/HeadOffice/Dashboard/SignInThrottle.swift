/// How long a staff name must wait before its next sign-in: the first five wrong passwords in
/// a row cost nothing more than the slow hash; from then on each attempt waits 15 s after the
/// last failure, doubling with every further failure up to 15 minutes. One wait per name (known
/// or not), kept in the database, so neither a second service nor a made-up name gets around it.
public enum SignInThrottle {
    public static let freeFailures = 5
    static let firstWait = 15
    static let longestWait = 15 * 60

    /// Seconds to wait after the last of `failures` failures in a row (0: try at once).
    public static func wait(afterFailures failures: Int) -> Int {
        guard failures >= freeFailures else { return 0 }
        let doublings = min(failures - freeFailures, 10)
        return min(firstWait << doublings, longestWait)
    }

    /// Seconds still to wait, `elapsed` seconds after the last failure.
    public static func remaining(failures: Int, elapsed: Double) -> Int {
        let left = Double(wait(afterFailures: failures)) - elapsed
        return left > 0 ? Int(left.rounded(.up)) : 0
    }
}
