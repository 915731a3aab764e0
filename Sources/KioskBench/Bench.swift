import Foundation

/// One row of the benchmark table: what was measured, its goal, and the baseline measured
/// beside it in the same run (the machines are shared, so only same-run ratios mean much).
struct BenchRow {
    var name: String
    var value: Double
    var unit: String
    var goal: String
    var baseline: String = "—"
    var ratio: String = "—"
    var met: Bool?
}

enum Bench {
    /// Seconds per call of `body`, the best of a few rounds of `iterations` calls.
    static func secondsPerCall(iterations: Int, rounds: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<iterations { try body() }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, elapsed / Double(iterations))
        }
        return best
    }

    /// Seconds per call of `measured` and of its `baseline`, a round of each in turn (which
    /// goes first alternating), so that a neighbour's burst on a shared machine falls on both
    /// alike: the best round of each.
    static func secondsPerCall(iterations: Int, rounds: Int, _ measured: () throws -> Void,
                               beside baseline: () throws -> Void) rethrows -> (measured: Double, baseline: Double) {
        func round(_ body: () throws -> Void) rethrows -> Double { try secondsPerCall(iterations: iterations, rounds: 1, body) }
        var best = (measured: Double.infinity, baseline: Double.infinity)
        for n in 0..<rounds {
            if n % 2 == 1 { best.baseline = min(best.baseline, try round(baseline)) }
            best.measured = min(best.measured, try round(measured))
            if n % 2 == 0 { best.baseline = min(best.baseline, try round(baseline)) }
        }
        return best
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Resident memory of this process now, in megabytes (VmRSS from /proc).
    static func residentMB(of pid: String = "self") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    /// Peak resident memory of this process (or another), in megabytes (VmHWM from /proc).
    static func peakResidentMB(of pid: String = "self") -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    static func printTable(_ rows: [BenchRow]) {
        let header = ["benchmark", "measured", "goal", "baseline (same run)", "ratio", "met"]
        let cells = rows.map { row in
            [row.name, String(format: "%.3f %@", row.value, row.unit), row.goal, row.baseline, row.ratio,
             row.met.map { $0 ? "yes" : "NO" } ?? "—"]
        }
        let widths = header.indices.map { i in ([header[i]] + cells.map { $0[i] }).map(\.count).max()! }
        func line(_ values: [String]) -> String {
            values.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        print(line(header))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        cells.forEach { print(line($0)) }
    }
}
