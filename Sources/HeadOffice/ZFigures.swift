import Foundation
import Ledger
import Logging
import PostgresNIO

/// A closed Z as HQ keeps it: the period, its sales, and its cash with the over/short, by the
/// rules of the store's own Z (`ShiftReport.Cash`).
public struct HQZReport: Equatable, Sendable {
    public var terminalId: String
    public var number: Int
    public var seq: Int64
    public var businessDate: String
    /// Where the terminal's previous Z ended (exclusive); nil for its first.
    public var periodStart: String?
    public var periodEnd: String
    public var closedAt: String
    public var staff: String
    public var salesCount: Int
    public var salesYen: Int
    public var taxYen: Int
    public var cash: ShiftReport.Cash

    public var overShortYen: Int? { cash.overShortYen }
}

/// The figures of one Z from HQ's transactions and cash movements, counted as the ledger's
/// `ReportTotals` counts them: sales finished in the period (completed, or a refund due whose
/// top-up was applied), the cash unit's movements journaled before the Z, and opening cash
/// as all movements up to the period's start.
struct ZFigures {
    let db: PostgresConnection
    let store: StoreID
    let ledger: LedgerID
    let logger: Logger

    func report(of close: HQZClose) async throws -> HQZReport {
        let (s, l, t) = (store.rawValue, ledger.rawValue, close.terminalId)
        var start: String?
        for try await end in try await db.query("""
            SELECT period_end FROM z_reports WHERE store_id = \(s) AND ledger_id = \(l) AND terminal_id = \(t) AND seq < \(close.seq)
            ORDER BY seq DESC LIMIT 1
            """, logger: logger).decode(String.self) { start = end }
        let from = start ?? ""
        guard let end = StoredTime.date(close.periodEnd) else {
            throw HQFailure("Z report \(close.number) of terminal \(t) ends at \"\(close.periodEnd)\", which is not a ledger time.")
        }
        var report = HQZReport(terminalId: t, number: close.number, seq: close.seq, businessDate: StoredTime.japanDate(end),
                               periodStart: start, periodEnd: close.periodEnd, closedAt: close.closedAt, staff: close.staff,
                               salesCount: 0, salesYen: 0, taxYen: 0, cash: ShiftReport.Cash(countedYen: close.countedYen))
        for try await (n, yen, tax) in try await db.query("""
            SELECT count(*), COALESCE(sum(amount_yen), 0)::bigint, COALESCE(sum(tax_yen), 0)::bigint FROM transactions
            WHERE store_id = \(s) AND ledger_id = \(l) AND terminal_id = \(t)
              AND finished_at > \(from) AND finished_at <= \(close.periodEnd)
              AND (status = 'completed' OR (status = 'refund_due' AND top_up_applied))
            """, logger: logger).decode((Int64, Int64, Int64).self) {
            (report.salesCount, report.salesYen, report.taxYen) = (Int(n), Int(yen), Int(tax))
        }
        for try await (opening, kind, yen) in try await db.query("""
            SELECT at <= \(from), kind, sum(denomination * count)::bigint FROM cash_movements
            WHERE store_id = \(s) AND ledger_id = \(l) AND terminal_id = \(t) AND seq < \(close.seq) AND at <= \(close.periodEnd)
            GROUP BY 1, 2
            """, logger: logger).decode((Bool, String, Int64).self) {
            guard let kind = CashMovementKind(rawValue: kind) else { continue }
            let yen = Int(yen)
            if opening {
                report.cash.openingYen += Books.sign(kind) * yen
                continue
            }
            switch kind {
            case .cashIn: report.cash.inYen = yen
            case .change: report.cash.changeOutYen = yen
            case .refund: report.cash.refundedYen = yen
            case .replenish: report.cash.replenishedYen = yen
            case .collect: report.cash.collectedYen = yen
            }
        }
        return report
    }
}

extension BookStore {
    func insert(_ z: HQZReport) async throws {
        let c = z.cash
        try await db.query("""
            INSERT INTO z_reports (store_id, ledger_id, terminal_id, number, seq, business_date, period_start, period_end, closed_at,
                staff, sales_count, sales_yen, tax_yen, opening_yen, in_yen, change_yen, refunded_yen, replenished_yen,
                collected_yen, expected_yen, counted_yen, over_short_yen)
            VALUES (\(store.rawValue), \(ledger.rawValue), \(z.terminalId), \(Int32(z.number)), \(z.seq), \(z.businessDate),
                \(z.periodStart), \(z.periodEnd), \(z.closedAt), \(z.staff), \(Int32(z.salesCount)), \(Int64(z.salesYen)),
                \(Int64(z.taxYen)), \(Int64(c.openingYen)), \(Int64(c.inYen)), \(Int64(c.changeOutYen)), \(Int64(c.refundedYen)),
                \(Int64(c.replenishedYen)), \(Int64(c.collectedYen)), \(Int64(c.expectedYen)), \(c.countedYen.map(Int64.init)),
                \(z.overShortYen.map(Int64.init)))
            """, logger: logger)
    }

    /// This ledger's Z reports, in journal order.
    func zReports() async throws -> [HQZReport] {
        var out: [HQZReport] = []
        for try await row in try await db.query("""
            SELECT terminal_id, number, seq, business_date, period_start, period_end, closed_at, staff, sales_count, sales_yen,
                   tax_yen, opening_yen, in_yen, change_yen, refunded_yen, replenished_yen, collected_yen, expected_yen,
                   counted_yen, over_short_yen
            FROM z_reports WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue) ORDER BY seq
            """, logger: logger) {
            out.append(try Self.zReport(row.makeRandomAccess()))
        }
        return out
    }

    /// A `z_reports` row; its stored expected cash and over/short must be what its movements
    /// and count give, or the row is not HQ's.
    static func zReport(_ r: PostgresRandomAccessRow) throws -> HQZReport {
        func int(_ name: String) throws -> Int { Int(try r[name].decode(Int64.self)) }
        let cash = ShiftReport.Cash(openingYen: try int("opening_yen"), inYen: try int("in_yen"), changeOutYen: try int("change_yen"),
                                    refundedYen: try int("refunded_yen"), replenishedYen: try int("replenished_yen"),
                                    collectedYen: try int("collected_yen"),
                                    countedYen: try r["counted_yen"].decode(Int64?.self).map { Int($0) })
        let z = HQZReport(terminalId: try r["terminal_id"].decode(String.self), number: Int(try r["number"].decode(Int32.self)),
                          seq: try r["seq"].decode(Int64.self), businessDate: try r["business_date"].decode(String.self),
                          periodStart: try r["period_start"].decode(String?.self), periodEnd: try r["period_end"].decode(String.self),
                          closedAt: try r["closed_at"].decode(String.self), staff: try r["staff"].decode(String.self),
                          salesCount: Int(try r["sales_count"].decode(Int32.self)), salesYen: try int("sales_yen"),
                          taxYen: try int("tax_yen"), cash: cash)
        guard try int("expected_yen") == cash.expectedYen, try r["over_short_yen"].decode(Int64?.self).map({ Int($0) }) == z.overShortYen else {
            throw HQFailure("HQ's Z report \(z.number) of terminal \(z.terminalId) has an expected cash or over/short its own figures do not give.")
        }
        return z
    }
}
