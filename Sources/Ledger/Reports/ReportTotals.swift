import Foundation
import GRDB
import Money

/// The sums of one terminal's period, each a single aggregate query over the public tables
/// (so a report costs what the same totals cost by hand in the `sqlite3` shell).
struct ReportTotals {
    let db: Database
    let terminalId: String
    /// Stored times; `from` is exclusive ("" when there was no Z before), `to` inclusive.
    let from: String
    let to: String

    private static let period = "t.terminal_id = ?1 AND t.finished_at > ?2 AND t.finished_at <= ?3"
    /// The hour in Japan straight from the stored UTC text (`…THH:…Z`), nine hours on.
    private static let hour = "(CAST(substr(t.finished_at, 12, 2) AS INTEGER) + 9) % 24"

    /// Whether the sale paid an application slip at a register.
    private static let atRegister = "EXISTS (SELECT 1 FROM register_slips s WHERE s.txn_id = t.id) AS at_register"

    private var arguments: StatementArguments { [terminalId, from, to] }

    func report(kind: ShiftReport.Kind, storeId: String, fromDate: Date?, toDate: Date, counted: Int?) throws -> ShiftReport {
        var sales = Sales()
        // Completed sales in one pass over the reports index, grouped as finely as any part
        // of the report needs; then the few refunds due whose top-up was applied.
        for row in try Row.fetchAll(db, sql: """
            SELECT payment_method, carrier_id, plan_id, \(Self.hour) AS hour, \(Self.atRegister),
                   count(*) AS n, sum(amount_yen) AS yen, sum(tax_yen) AS tax
            FROM transactions t WHERE \(Self.period) AND t.status = 'completed'
            GROUP BY payment_method, carrier_id, plan_id, hour, at_register
            """, arguments: arguments) {
            sales.add(row)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT payment_method, carrier_id, plan_id, \(Self.hour) AS hour, \(Self.atRegister), 1 AS n, amount_yen AS yen, tax_yen AS tax
            FROM transactions t WHERE \(Self.period) AND t.status = 'refund_due'
              AND EXISTS (SELECT 1 FROM journal j WHERE j.txn_id = t.id AND j.kind = 'top_up_applied')
            """, arguments: arguments) {
            sales.add(row)
        }
        var cash = try cashTotals()
        cash.countedYen = counted
        var report = ShiftReport(kind: kind, number: nil, storeId: storeId, terminalId: terminalId, from: fromDate, to: toDate,
                           transactions: try statuses(), sales: sales.total, taxYen: sales.tax, byPayment: sales.byPayment,
                           byPlan: sales.byPlan.keys.sorted { ($0.carrier, $0.plan) < ($1.carrier, $1.plan) }.map {
                               ShiftReport.PlanSales(carrierId: $0.carrier, planId: $0.plan, sales: sales.byPlan[$0]!)
                           },
                           byHour: sales.byHour.keys.sorted().map { ShiftReport.HourSales(hour: $0, sales: sales.byHour[$0]!) },
                           cash: cash, refundsDue: try refundsDue())
        report.byBrand = try brands()
        report.byPlace = sales.byPlace
        report.slips = try slips()
        return report
    }

    /// Card and wallet sales by brand: the rows themselves (the brand is not in the reports
    /// index), but only those paid by card or wallet.
    private func brands() throws -> [String: ShiftReport.Tally] {
        var out: [String: ShiftReport.Tally] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT card_brand, count(*) AS n, sum(amount_yen) AS yen FROM transactions t
            WHERE \(Self.period) AND t.payment_method IN ('card', 'wallet') AND (t.status = 'completed'
              OR (t.status = 'refund_due' AND EXISTS (SELECT 1 FROM journal j WHERE j.txn_id = t.id AND j.kind = 'top_up_applied')))
            GROUP BY card_brand
            """, arguments: arguments) {
            out[row["card_brand"] ?? "unknown"] = ShiftReport.Tally(count: row["n"], yen: row["yen"])
        }
        return out
    }

    /// The slips this terminal printed in the period, as they stand at its end.
    private func slips() throws -> ShiftReport.Slips {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS issued,
                   COALESCE(sum(status IN ('paid', 'refunded')), 0) AS paid,
                   COALESCE(sum(status = 'voided'), 0) AS voided,
                   COALESCE(sum(status = 'issued' AND expires_at < ?3), 0) AS expired
            FROM register_slips WHERE terminal_id = ?1 AND issued_at > ?2 AND issued_at <= ?3
            """, arguments: arguments)
        return ShiftReport.Slips(issued: row?["issued"] ?? 0, paid: row?["paid"] ?? 0,
                                 expired: row?["expired"] ?? 0, voided: row?["voided"] ?? 0)
    }

    /// Sales folded from grouped rows into each of the report's views.
    private struct Sales {
        struct Plan: Hashable { let carrier: String; let plan: String }
        var total = ShiftReport.Tally()
        var tax = 0
        var byPayment: [String: ShiftReport.Tally] = [:]
        var byPlan: [Plan: ShiftReport.Tally] = [:]
        var byHour: [Int: ShiftReport.Tally] = [:]
        var byPlace: [ShiftReport.PaidAt: ShiftReport.Tally] = [:]

        mutating func add(_ row: Row) {
            let tally = ShiftReport.Tally(count: row["n"], yen: row["yen"])
            total = total + tally
            tax += row["tax"] as Int
                let method: String = row["payment_method"] ?? "unknown"
            byPayment[method] = (byPayment[method] ?? ShiftReport.Tally()) + tally
            let place = ShiftReport.PaidAt.of(method: row["payment_method"], atRegister: row["at_register"])
            byPlace[place] = (byPlace[place] ?? ShiftReport.Tally()) + tally
            let plan = Plan(carrier: row["carrier_id"], plan: row["plan_id"])
            byPlan[plan] = (byPlan[plan] ?? ShiftReport.Tally()) + tally
            let hour: Int = row["hour"]
            byHour[hour] = (byHour[hour] ?? ShiftReport.Tally()) + tally
        }
    }

    private func statuses() throws -> [TransactionStatus: Int] {
        var out: [TransactionStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM transactions t WHERE \(Self.period) GROUP BY status",
                                    arguments: arguments) {
            if let status = TransactionStatus(rawValue: row["status"]) { out[status] = row["n"] }
        }
        return out
    }

    private func cashTotals() throws -> ShiftReport.Cash {
        var cash = ShiftReport.Cash()
        if !from.isEmpty {
            cash.openingYen = try Int.fetchOne(db, sql: """
                SELECT COALESCE(sum(CASE WHEN kind IN ('in', 'replenish') THEN 1 ELSE -1 END * denomination * count), 0)
                FROM cash_movements WHERE terminal_id = ?1 AND at <= ?2
                """, arguments: [terminalId, from]) ?? 0
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT kind, sum(denomination * count) AS yen FROM cash_movements
            WHERE terminal_id = ?1 AND at > ?2 AND at <= ?3 GROUP BY kind
            """, arguments: arguments) {
            let yen: Int = row["yen"]
            switch CashMovementKind(rawValue: row["kind"]) {
            case .cashIn: cash.inYen = yen
            case .change: cash.changeOutYen = yen
            case .refund: cash.refundedYen = yen
            case .replenish: cash.replenishedYen = yen
            case .collect: cash.collectedYen = yen
            case nil: break
            }
        }
        return cash
    }

    /// Owed at the end of the period: due by then and not settled by then.
    private func refundsDue() throws -> ShiftReport.Tally {
        let row = try Row.fetchOne(db, sql: """
            SELECT count(*) AS n, COALESCE(sum(yen), 0) AS yen FROM refunds_due
            WHERE terminal_id = ?1 AND at <= ?2 AND (settled_at IS NULL OR settled_at > ?2)
            """, arguments: [terminalId, to])
        return ShiftReport.Tally(count: row?["n"] ?? 0, yen: row?["yen"] ?? 0)
    }
}
