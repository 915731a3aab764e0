import Foundation
import PostgresNIO

/// One store on one business day: its report, sales by hour, and each terminal as its last
/// pushed rows left it.
public struct StoreOnDay: Sendable {
    public struct Terminal: Sendable, Equatable {
        public var id: String
        /// The time of the terminal's last journal row HQ holds (UTC, as the ledger writes it).
        public var lastRowAt: String?
        public var lastSaleAt: String?
        public var openRefunds = ChainReport.Tally()
    }

    public var store: StoreID
    public var day: String
    public var report: ChainReport
    public var byHour: [Int: ChainReport.Tally]
    public var terminals: [Terminal]
    public var lastPush: Date?
}

extension HeadOffice {
    public func storeOnDay(_ store: StoreID, day: String) async throws -> StoreOnDay {
        let report = try await report(title: "Store \(store)", stores: [store], from: day, to: day)
        let s = store.rawValue
        return try await reachable { [self] in
            var view = StoreOnDay(store: store, day: day, report: report, byHour: [:], terminals: [], lastPush: nil)
            view.byHour = try await salesByHour([s], day: day)
            var terminals: [String: StoreOnDay.Terminal] = [:]
            for try await (terminal, at) in try await client.query("""
                SELECT terminal_id, max(at) FROM journal WHERE store_id = \(s) GROUP BY terminal_id
                """, logger: logger).decode((String, String).self) {
                terminals[terminal, default: .init(id: terminal)].lastRowAt = at
            }
            for try await (terminal, at) in try await client.query("""
                SELECT terminal_id, max(finished_at) FROM transactions
                WHERE store_id = \(s) AND \(unescaped: ChainReport.saleCondition) GROUP BY terminal_id
                """, logger: logger).decode((String, String?).self) {
                terminals[terminal, default: .init(id: terminal)].lastSaleAt = at
            }
            for try await (terminal, n, yen) in try await client.query("""
                SELECT terminal_id, count(*), sum(yen)::bigint FROM refunds_due
                WHERE store_id = \(s) AND settled_at IS NULL GROUP BY terminal_id
                """, logger: logger).decode((String, Int64, Int64).self) {
                terminals[terminal, default: .init(id: terminal)].openRefunds = .init(count: Int(n), yen: Int(yen), taxYen: 0)
            }
            view.terminals = terminals.keys.sorted().map { terminals[$0]! }
            for try await at in try await client.query("""
                SELECT extract(epoch FROM max(last_push_at))::float8 FROM ledgers WHERE store_id = \(s)
                """, logger: logger).decode(Double?.self) {
                view.lastPush = at.map { Date(timeIntervalSince1970: $0) }
            }
            return view
        }
    }
}
