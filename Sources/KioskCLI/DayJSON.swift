import Foundation
import Kiosk

/// A simulated day for tools. The keys stay stable: `customers`, `served`, `balked`,
/// `gave_up`, `sales_yen`, `sales_lost_yen`, `wait_mean_s`, `wait_p50_s`, `wait_p95_s`,
/// `wait_max_s`, `waited_share`, `queue_max`, `queue_mean`, `utilisation` (terminal → share
/// of the day busy), `transactions`, `out_of_service` (each machine that went out of service:
/// `terminal`, `at`, `reason`, empty when its screen gave none), and `by_hour` with the same keys for each hour.
enum DayJSON {
    static func text(_ s: DayStatistics, summary: StoreDay.Summary) -> String {
        var day = period(s.day)
        day["customers"] = .int(s.day.arrivals)
        day["start"] = .string(iso(s.day.start))
        day["utilisation"] = .object(Dictionary(uniqueKeysWithValues: s.machines.map { ($0.terminalId, .number($0.utilisation, 3)) }))
        day["transactions"] = .object([
            "completed": .int(summary.completed), "cancelled": .int(summary.cancelled), "refunded": .int(summary.refunded),
            "refund_due": .int(summary.refundsDue), "failed": .int(summary.failed), "none": .int(summary.noTransaction),
        ])
        day["out_of_service"] = .array(s.outOfService.map { stop in
            .object(["terminal": .string(stop.terminalId), "at": .string(iso(stop.at)), "reason": .string(stop.reason)])
        })
        day["by_hour"] = .array(s.hours.map { h in
            var o = period(h)
            o["hour"] = .string(JapanTime.clock(h.start))
            o["start"] = .string(iso(h.start))
            o["customers"] = .int(h.arrivals)
            o["utilisation"] = .number(h.utilisation, 3)
            return .object(o)
        })
        return Value.object(day).text("")
    }

    /// UTC ISO 8601, as the ledger stores times.
    private static func iso(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }

    private static func period(_ p: DayStatistics.Period) -> [String: Value] {
        [
            "served": .int(p.served), "balked": .int(p.balked), "gave_up": .int(p.gaveUp),
            "sales_yen": .int(p.sales.amount), "sales_lost_yen": .int(p.salesLost.amount),
            "wait_mean_s": .number(p.waitMean, 1), "wait_p50_s": .number(p.waitP50, 1),
            "wait_p95_s": .number(p.waitP95, 1), "wait_max_s": .number(p.waitMax, 1),
            "waited_share": .number(p.waitedShare, 3), "queue_max": .int(p.queueMax), "queue_mean": .number(p.queueMean, 2),
        ]
    }

    /// Just enough JSON: sorted keys, numbers with a fixed number of decimals.
    indirect enum Value {
        case int(Int)
        case number(Double, Int)
        case string(String)
        case array([Value])
        case object([String: Value])

        func text(_ indent: String) -> String {
            let inner = indent + "  "
            switch self {
            case .int(let n): return String(n)
            case .number(let v, let places): return String(format: "%.\(places)f", v)
            case .string(let s):
                let escaped = s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                return "\"\(escaped)\""
            case .array(let items):
                guard !items.isEmpty else { return "[]" }
                return "[\n" + items.map { inner + $0.text(inner) }.joined(separator: ",\n") + "\n\(indent)]"
            case .object(let fields):
                guard !fields.isEmpty else { return "{}" }
                return "{\n" + fields.keys.sorted().map { inner + Value.string($0).text(inner) + ": " + fields[$0]!.text(inner) }
                    .joined(separator: ",\n") + "\n\(indent)}"
            }
        }
    }
}
