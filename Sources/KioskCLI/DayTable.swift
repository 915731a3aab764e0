import Foundation
import Kiosk

/// A simulated day as a table for people: one row an hour with a bar of who came (█ served,
/// ░ balked or gave up), then the day, each machine's share of it busy, and the machines
/// that went out of service.
enum DayTable {
    static func text(_ s: DayStatistics) -> String {
        let most = max(1, s.hours.map(\.arrivals).max() ?? 1)
        let barWidth = 24
        var lines = ["", header]
        for h in s.hours {
            let servedCells = h.served * barWidth / most
            let lostCells = (h.balked + h.gaveUp) * barWidth / most
            let bar = String(repeating: "█", count: servedCells) + String(repeating: "░", count: lostCells)
            lines.append(row(JapanTime.clock(h.start), h) + "  " + bar)
        }
        lines.append(row("day  ", s.day))
        lines.append("")
        lines.append("machine      busy")
        for m in s.machines {
            let cells = Int((m.utilisation * 30).rounded())
            lines.append(m.terminalId.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + percent(m.utilisation) + "  "
                         + String(repeating: "█", count: cells))
        }
        lines.append(String(format: "%.0f%% of served customers waited; mean wait %.0f s.", s.day.waitedShare * 100, s.day.waitMean))
        lines += outOfService(s.outOfService)
        return lines.joined(separator: "\n")
    }

    /// Each machine that went out of service: when (Japan time) and why, in its screen's words.
    private static func outOfService(_ stops: [DayRecord.OutOfService]) -> [String] {
        stops.map { stop in
            let why = stop.reason.isEmpty ? "its screen gives no reason." : stop.reason
            return "\(stop.terminalId) went out of service at \(JapanTime.clock(stop.at)) JST: \(why)"
        }
    }

    // Every column is right-aligned to the width of its header, or of ¥99,999,999 for money.
    private static let header = "hour " + r("came", 7) + r("served", 8) + r("balked", 8) + r("gave up", 9) + r("sales", 13)
        + r("lost", 13) + r("wait p50", 10) + r("p95", 5) + r("max (s)", 9) + r("queue max", 11) + r("busy", 6)

    private static func r(_ v: Any, _ w: Int) -> String {
        let t = "\(v)"
        return String(repeating: " ", count: max(0, w - t.count)) + t
    }

    private static func row(_ label: String, _ p: DayStatistics.Period) -> String {
        func sec(_ v: Double) -> String { String(Int(v.rounded())) }
        return label + r(p.arrivals, 7) + r(p.served, 8) + r(p.balked, 8) + r(p.gaveUp, 9) + r(p.sales.description, 13)
            + r(p.salesLost.description, 13) + r(sec(p.waitP50), 10) + r(sec(p.waitP95), 5) + r(sec(p.waitMax), 9)
            + r(p.queueMax, 11) + "  " + percent(p.utilisation)
    }

    private static func percent(_ v: Double) -> String {
        let t = "\(Int((v * 100).rounded()))%"
        return String(repeating: " ", count: max(0, 4 - t.count)) + t
    }
}
