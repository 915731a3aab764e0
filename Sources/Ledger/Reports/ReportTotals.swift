import Foundation
import GRDB

/// The sums of one terminal's period, each a single aggregate query over the public tables
/// (so a report costs what the same totals cost by hand in the `sqlite3` shell).
struct ReportTotals {
    let db: Database
    let terminalId: String
    /// Stored times; `from` is exclusive ("" when there was no Z before), `to` inclusive.
    let from: String
    let to: String

    /// Transactions the report counts as sales; see `ShiftReport`.
    private static let sale = """
        (status = 'completed' OR (status = 'refund_due' AND EXISTS (
            SELECT 1 FROM journal j WHERE j.txn_id = t.id AND j.kind = 'top_up_applied')))
        """
    private static let period = "t.terminal_id = ?1 AND t.finished_at > ?2 AND t.finished_at <= ?3"

    private var arguments: StatementArguments { [terminalId, from, to] }

    func report(kind: ShiftReport.Kind, storeId: String, fromDate: Date?, toDate: Date, counted: Int?) throws -> ShiftReport {
        var byPayment: [String: ShiftReport.Tally] = [:]
        var sales = ShiftReport.Tally()
        var tax = 0
        for row in try Row.fetchAll(db, sql: """
            SELECT payment_method, count(*) AS n, sum(amount_yen) AS yen, sum(tax_yen) AS tax
            FROM transactions t WHERE \(Self.period) AND \(Self.sale) GROUP BY payment_method
            """, arguments: arguments) {
            let tally = ShiftReport.Tally(count: row["n"], yen: row["yen"])
            byPayment[row["payment_method"] ?? "unknown"] = tally
            sales = sales + tally
            tax += row["tax"] as Int
        }
        var cash = try cashTotals()
        cash.countedYen = counted
        return ShiftReport(kind: kind, number: nil, storeId: storeId, terminalId: terminalId, from: fromDate, to: toDate,
                           transactions: try statuses(), sales: sales, taxYen: tax, byPayment: byPayment,
                           byPlan: try plans(), byHour: try hours(), cash: cash, refundsDue: try refundsDue())
    }

    private func statuses() throws -> [TransactionStatus: Int] {
        var out: [TransactionStatus: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM transactions t WHERE \(Self.period) GROUP BY status",
                                    arguments: arguments) {
            if let status = TransactionStatus(rawValue: row["status"]) { out[status] = row["n"] }
        }
        return out
    }

    private func plans() throws -> [ShiftReport.PlanSales] {
        try Row.fetchAll(db, sql: """
            SELECT carrier_id, plan_id, count(*) AS n, sum(amount_yen) AS yen
            FROM transactions t WHERE \(Self.period) AND \(Self.sale) GROUP BY carrier_id, plan_id ORDER BY carrier_id, plan_id
            """, arguments: arguments).map { row in
            ShiftReport.PlanSales(carrierId: row["carrier_id"], planId: row["plan_id"],
                                  sales: ShiftReport.Tally(count: row["n"], yen: row["yen"]))
        }
    }

    /// The hour in Japan straight from the stored UTC text (`…THH:…Z`), nine hours on.
    private func hours() throws -> [ShiftReport.HourSales] {
        try Row.fetchAll(db, sql: """
            SELECT (CAST(substr(finished_at, 12, 2) AS INTEGER) + 9) % 24 AS hour, count(*) AS n, sum(amount_yen) AS yen
            FROM transactions t WHERE \(Self.period) AND \(Self.sale) GROUP BY hour ORDER BY hour
            """, arguments: arguments).map { row in
            ShiftReport.HourSales(hour: row["hour"], sales: ShiftReport.Tally(count: row["n"], yen: row["yen"]))
        }
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
