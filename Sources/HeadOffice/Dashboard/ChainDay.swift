import Foundation
import PostgresNIO

/// One business day of a chain as the dashboard shows it: the chain report of that day (the
/// numbers `kiosk hq report` gives), its sales by hour, and when each store last pushed.
public struct ChainDay: Sendable {
    public var chainId: String
    public var day: String
    public var report: ChainReport
    /// Sales by hour of the day in Japan (0–23) when the sale began.
    public var byHour: [Int: ChainReport.Tally]
    /// Each store's latest push, over all its ledgers; absent for a store that never pushed.
    public var lastPush: [StoreID: Date]
    public var silentHours: Int { report.silentHours }

    /// Pushed nothing for longer than `silentHours`, or never: the chain report's rule.
    public func isSilent(_ store: StoreID) -> Bool {
        report.silent.contains { $0.store == store.rawValue }
    }
}

extension HeadOffice {
    /// The dashboard's numbers for `stores` on `day`.
    public func chainDay(chainId: String, stores: [StoreID], day: String, silentHours: Int) async throws -> ChainDay {
        let report = try await report(title: "Chain \(chainId)", stores: stores, from: day, to: day, silentHours: silentHours)
        let ids = stores.map(\.rawValue)
        return try await reachable { [self] in
            var chain = ChainDay(chainId: chainId, day: day, report: report, byHour: [:], lastPush: [:])
            chain.byHour = try await salesByHour(ids, day: day)
            for try await (store, at) in try await client.query("""
                SELECT store_id, extract(epoch FROM max(last_push_at))::float8 FROM ledgers WHERE store_id = ANY(\(ids)) GROUP BY store_id
                """, logger: logger).decode((String, Double).self) {
                if let id = StoreID(rawValue: store) { chain.lastPush[id] = Date(timeIntervalSince1970: at) }
            }
            return chain
        }
    }

    /// Sales of `stores` on `day` by the hour (in Japan) each began, counted as the chain report counts them.
    func salesByHour(_ stores: [String], day: String) async throws -> [Int: ChainReport.Tally] {
        var hours: [Int: ChainReport.Tally] = [:]
        for try await (hour, n, yen, tax) in try await client.query("""
            SELECT (substr(started_at, 12, 2)::int + 9) % 24, count(*), sum(amount_yen)::bigint, sum(tax_yen)::bigint
            FROM transactions
            WHERE store_id = ANY(\(stores)) AND business_date = \(day) AND \(unescaped: ChainReport.saleCondition())
            GROUP BY 1
            """, logger: logger).decode((Int32, Int64, Int64, Int64).self) {
            hours[Int(hour), default: .init()].add(count: Int(n), yen: Int(yen), tax: Int(tax))
        }
        return hours
    }

    /// The latest business day on which any of `stores` sold anything; nil when none did.
    public func latestBusinessDay(_ stores: [StoreID]) async throws -> String? {
        try await reachable { [self] in
            var day: String?
            for try await d in try await client.query("""
                SELECT max(business_date) FROM transactions WHERE store_id = ANY(\(stores.map(\.rawValue)))
                """, logger: logger).decode(String?.self) { day = d }
            return day
        }
    }

    /// Changes whenever any store's push stores rows: the dashboard's pages poll it to refresh.
    public func pushMark() async throws -> String {
        try await reachable { [self] in
            var mark = ""
            for try await (n, at) in try await client.query("""
                SELECT count(*), COALESCE(extract(epoch FROM max(last_push_at)), 0)::float8 FROM ledgers
                """, logger: logger).decode((Int64, Double).self) { mark = "\(n)-\(at)" }
            return mark
        }
    }
}
