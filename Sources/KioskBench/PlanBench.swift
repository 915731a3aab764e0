import ChildProcess
import Foundation

/// `kiosk plan` for the airport store as a planner runs it: six machine counts, three
/// simulated days each, every customer through the real machine. Beside it, one of those
/// days alone (three machines), so the ratio shows what the sweep costs over a day.
enum PlanBench {
    static func rows(folder: URL) throws -> [BenchRow] {
        guard let binary = ProcessInfo.processInfo.environment["KIOSK_BIN"] else { return [] }
        let plan = try Bench.seconds {
            let result = try ChildProcess.run(binary, ["plan", "--store", "lw-haneda-t3", "--target", "p95-wait<=120", "--days", "3"],
                                              timeout: 600)
            guard result.output.contains("Recommendation:") else { throw BenchFailure("kiosk plan gave no recommendation: \(result.errors)") }
        }
        let ledger = folder.appendingPathComponent("plan-day.sqlite").path
        let day = try Bench.seconds {
            let result = try ChildProcess.run(binary, ["simulate", "--store", "lw-haneda-t3", "--terminals", "3", "--ledger", ledger,
                                                       "--receipts", folder.appendingPathComponent("plan-receipts").path], timeout: 600)
            guard result.status == 0 else { throw BenchFailure("kiosk simulate failed: \(result.errors)") }
        }
        return [BenchRow(name: "kiosk plan --store lw-haneda-t3 --days 3", value: plan, unit: "s", goal: "≤ 60 s",
                         baseline: String(format: "%.1f s one day, 3 machines", day), ratio: String(format: "%.1f×", plan / day),
                         met: plan <= 60)]
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
