import Foundation
import GRDB
import Money

/// The sums of one terminal's period over the public tables: its transactions and its cash
/// movements each summed in one pass over their reports index, the rest by small aggregate
/// queries (so a report costs no more than the same totals by hand in the `sqlite3` shell).
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
        // Every transaction of the period in one pass over the reports index: the counts by
        // status, and the completed sales as paid at the machine; then the few sales that
        // paid a slip at a register, and the few refunds due whose top-up was applied.
        let groups = try PeriodGroups(db, terminalId: terminalId, from: from, to: to)
        var sales = Sales()
        var statuses: [TransactionStatus: Int] = [:]
        for group in groups.groups {
            guard let status = TransactionStatus(rawValue: group.status) else { continue }
            statuses[status, default: 0] += group.total.count
            guard status == .completed else { continue }
            sales.add(method: group.method, carrier: group.carrier, plan: group.plan, hours: group.hours, taxYen: group.taxYen)
        }
        try paidAtRegister(&sales)
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
                           transactions: statuses, sales: sales.total, taxYen: sales.tax, byPayment: sales.byPayment,
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

    /// Completed sales of the period that paid an application slip, moved from the machine
    /// to the register. Looked up from the slips this terminal took (a slip's `txn_id` and
    /// `register_id` are set together by the transaction that takes it), not row by row:
    /// CROSS JOIN keeps the slips the outer loop.
    private func paidAtRegister(_ sales: inout Sales) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT payment_method, count(*) AS n, sum(amount_yen) AS yen
            FROM (SELECT DISTINCT txn_id FROM register_slips WHERE register_id = ?1) s
            CROSS JOIN transactions t ON t.id = s.txn_id
            WHERE \(Self.period) AND t.status = 'completed'
            GROUP BY payment_method
            """, arguments: arguments) {
            sales.moveToRegister(method: row["payment_method"], ShiftReport.Tally(count: row["n"], yen: row["yen"]))
        }
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
            var hours = [ShiftReport.Tally](repeating: ShiftReport.Tally(), count: 24)
            hours[row["hour"] as Int] = tally
            add(method: row["payment_method"], carrier: row["carrier_id"], plan: row["plan_id"], hours: hours,
                taxYen: row["tax"], atRegister: row["at_register"])
        }

        /// Sales of one method and plan, by hour in Japan (`hours` has 24 tallies).
        mutating func add(method: String?, carrier: String, plan: String, hours: [ShiftReport.Tally], taxYen: Int,
                          atRegister: Bool = false) {
            let tally = hours.reduce(ShiftReport.Tally(), +)
            total = total + tally
            tax += taxYen
            let payment = method ?? "unknown"
            byPayment[payment] = (byPayment[payment] ?? ShiftReport.Tally()) + tally
            let place = ShiftReport.PaidAt.of(method: method, atRegister: atRegister)
            byPlace[place] = (byPlace[place] ?? ShiftReport.Tally()) + tally
            let key = Plan(carrier: carrier, plan: plan)
            byPlan[key] = (byPlan[key] ?? ShiftReport.Tally()) + tally
            for (hour, sales) in hours.enumerated() where sales.count > 0 {
                byHour[hour] = (byHour[hour] ?? ShiftReport.Tally()) + sales
            }
        }

        /// Sales already added as paid at the machine that paid a slip at a register instead.
        mutating func moveToRegister(method: String?, _ tally: ShiftReport.Tally) {
            let machine = ShiftReport.PaidAt.of(method: method, atRegister: false)
            let left = (byPlace[machine] ?? ShiftReport.Tally()) - tally
            // A place appears only when some sale was paid there.
            byPlace[machine] = left.count == 0 ? nil : left
            let register = ShiftReport.PaidAt.of(method: method, atRegister: true)
            byPlace[register] = (byPlace[register] ?? ShiftReport.Tally()) + tally
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
        // Summed here, in one pass over the reports index, rather than sorted by kind first.
        var yen = [Int](repeating: 0, count: CashMovementKind.allCases.count)
        let kinds = CashMovementKind.allCases.map { Array($0.rawValue.utf8) }
        try RawRows.each(db, sql: """
            SELECT kind, denomination, count FROM cash_movements WHERE terminal_id = ?1 AND at > ?2 AND at <= ?3
            """, arguments: arguments) { row in
            guard let kind = row.text(0), let k = kinds.firstIndex(where: { $0.elementsEqual(kind) }) else { return }
            yen[k] += row.int(1) * row.int(2)
        }
        for (k, kind) in CashMovementKind.allCases.enumerated() {
            switch kind {
            case .cashIn: cash.inYen = yen[k]
            case .change: cash.changeOutYen = yen[k]
            case .refund: cash.refundedYen = yen[k]
            case .replenish: cash.replenishedYen = yen[k]
            case .collect: cash.collectedYen = yen[k]
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
