import Foundation
import Ledger
import PostgresNIO

/// One store on one business day: its report (sales, Z reports), sales by hour, and each
/// terminal as its last pushed rows left it (HQ's `terminal_state` and `terminal_cash`).
public struct StoreOnDay: Sendable {
    public struct Terminal: Sendable, Equatable {
        public var id: String
        /// The time of the terminal's last journal row HQ holds (UTC, as the ledger writes it).
        public var lastRowAt: String
        public var lastSaleAt: String?
        public var paperLoadedSheets: Int?
        public var receiptsSincePaper: Int
        public var openRefunds = ChainReport.Tally()
        /// The cash unit's count by denomination.
        public var cash: [Int: Int] = [:]
        public var changeLow: Bool
        /// Sheets left on the roll, when HQ knows how many it held.
        public var paperLeft: Int? { paperLoadedSheets.map { max(0, $0 - receiptsSincePaper) } }
    }

    public var store: StoreID
    public var day: String
    public var report: ChainReport
    public var byHour: [Int: ChainReport.Tally]
    public var terminals: [Terminal]
    public var lastPush: Date?
    public var now: Date

    /// In service as far as HQ can tell: the store pushed within the silent window and the
    /// terminal's paper is not known to be out (low change is shown beside it: the machine
    /// still sells, to cards and exact cash).
    public func inService(_ t: Terminal) -> Bool {
        guard let last = StoredTime.date(t.lastRowAt), let push = lastPush,
              now.timeIntervalSince(push) <= Double(report.silentHours) * 3600, last <= now else { return false }
        return t.paperLeft != 0
    }
}

extension HeadOffice {
    /// `changeLow` is the kiosk's own rule for a cash unit's counts.
    public func storeOnDay(_ store: StoreID, day: String, silentHours: Int,
                           changeLow: @escaping @Sendable ([Int: Int]) -> Bool) async throws -> StoreOnDay {
        let report = try await report(title: "Store \(store)", stores: [store], from: day, to: day, silentHours: silentHours)
        let s = store.rawValue
        return try await reachable { [self] in
            var view = StoreOnDay(store: store, day: day, report: report, byHour: [:], terminals: [], lastPush: nil, now: Date())
            view.byHour = try await salesByHour([s], day: day)
            var cash: [String: [Int: Int]] = [:]
            for try await (terminal, denomination, count) in try await client.query("""
                SELECT terminal_id, denomination, sum(count)::bigint FROM terminal_cash WHERE store_id = \(s) GROUP BY 1, 2
                """, logger: logger).decode((String, Int32, Int64).self) {
                cash[terminal, default: [:]][Int(denomination)] = Int(count)
            }
            for try await (terminal, lastRow, lastSale, sheets, since, refunds, refundsYen) in try await client.query("""
                SELECT terminal_id, max(last_row_at), max(last_sale_at), max(paper_loaded_sheets), sum(receipts_since_paper)::bigint,
                       sum(open_refunds)::bigint, sum(open_refunds_yen)::bigint
                FROM terminal_state WHERE store_id = \(s) GROUP BY terminal_id ORDER BY terminal_id
                """, logger: logger).decode((String, String, String?, Int32?, Int64, Int64, Int64).self) {
                let counts = cash[terminal] ?? [:]
                view.terminals.append(.init(id: terminal, lastRowAt: lastRow, lastSaleAt: lastSale, paperLoadedSheets: sheets.map(Int.init),
                                            receiptsSincePaper: Int(since), openRefunds: .init(count: Int(refunds), yen: Int(refundsYen), taxYen: 0),
                                            cash: counts, changeLow: changeLow(counts)))
            }
            for try await (at, now) in try await client.query("""
                SELECT extract(epoch FROM max(last_push_at))::float8, extract(epoch FROM now())::float8 FROM ledgers WHERE store_id = \(s)
                """, logger: logger).decode((Double?, Double).self) {
                view.lastPush = at.map { Date(timeIntervalSince1970: $0) }
                view.now = Date(timeIntervalSince1970: now)
            }
            return view
        }
    }

    /// One Z of a store's terminal as HQ holds it; nil when HQ has none of that number.
    public func zReport(store: StoreID, terminal: String, number: Int) async throws -> HQZReport? {
        try await reachable { [self] in
            for try await row in try await client.query("""
                SELECT store_id, terminal_id, number, seq, business_date, period_start, period_end, closed_at, staff, sales_count,
                       sales_yen, tax_yen, opening_yen, in_yen, change_yen, refunded_yen, replenished_yen, collected_yen,
                       expected_yen, counted_yen, over_short_yen
                FROM z_reports WHERE store_id = \(store.rawValue) AND terminal_id = \(terminal) AND number = \(Int32(clamping: number))
                ORDER BY seq DESC LIMIT 1
                """, logger: logger) {
                return try BookStore.zReport(row.makeRandomAccess())
            }
            return nil
        }
    }
}
