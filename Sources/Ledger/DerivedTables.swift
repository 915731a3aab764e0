import Foundation
import GRDB

/// The tables a ledger derives from its journal: `transactions`, `cash_movements`,
/// `cash_inventory`, `refunds_due` and `register_slips`. `verify` recomputes them by replaying the journal into
/// a new ledger in memory through the same `Commit` that wrote them (one rule, one place),
/// and compares the two row by row, so that a hand edit of any of them is found.
enum DerivedTables {
    struct Table {
        let name: String
        /// Every column, in an order both ledgers share.
        let sql: String
        /// The columns that name a row in a sentence.
        let key: [String]
    }

    static let tables = [
        Table(name: "transactions", sql: """
            SELECT id, store_id, terminal_id, business_date, started_at, finished_at, status, sim_number, carrier_id,
                   plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen, card_brand, card_last4,
                   auth_code, receipt_no
            FROM transactions ORDER BY id
            """, key: ["id"]),
        Table(name: "cash_movements", sql: """
            SELECT terminal_id, at, kind, denomination, count, txn_id FROM cash_movements ORDER BY id
            """, key: ["terminal_id", "at", "kind", "denomination"]),
        Table(name: "cash_inventory", sql: """
            SELECT terminal_id, denomination, count FROM cash_inventory ORDER BY terminal_id, denomination
            """, key: ["terminal_id", "denomination"]),
        Table(name: "refunds_due", sql: """
            SELECT txn_id, terminal_id, yen, reason, at, settled_at, settled_by FROM refunds_due ORDER BY txn_id
            """, key: ["txn_id"]),
        Table(name: "register_slips", sql: """
            SELECT slip_no, store_id, terminal_id, sim_number, carrier_id, plan_id, amount_yen, valid_minutes, language,
                   issued_at, expires_at, status, txn_id, register_id
            FROM register_slips ORDER BY slip_no
            """, key: ["slip_no"]),
    ]

    /// The first row where a derived table and the replayed journal disagree, as a sentence;
    /// nil when every table agrees. The journal's chain must already have been checked.
    static func firstDisagreement(_ db: Database) throws -> (table: String, detail: String)? {
        let replay = try DatabaseQueue()
        if let unreplayable = try replay.write({ try replayJournal(of: db, into: $0) }) {
            return ("journal", unreplayable)
        }
        return try replay.read { replayed in
            for table in tables {
                let stored = try Row.fetchAll(db, sql: table.sql)
                let derived = try Row.fetchAll(replayed, sql: table.sql)
                if let detail = difference(stored, derived, key: table.key) { return (table.name, detail) }
            }
            return nil
        }
    }

    /// Applies every journal row of `source` to the empty ledger `db`, as `record` would.
    private static func replayJournal(of source: Database, into db: Database) throws -> String? {
        for migration in Schema.migrations { try db.execute(sql: migration.sql) }
        var commit = try Commit(db: db)
        let rows = try Row.fetchCursor(source, sql: "SELECT seq, txn_id, terminal_id, at, kind, payload FROM journal ORDER BY seq")
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            guard let at = LedgerTime.date(row["at"]), let step = StoredStep.step(kind: row["kind"], payloadText: row["payload"]) else {
                return "row \(seq) holds a step that cannot be read"
            }
            do {
                try commit.append(Entry(txnId: row["txn_id"], terminalId: row["terminal_id"], at: at, step: step))
            } catch {
                return "row \(seq) cannot be applied again: \(error)"
            }
        }
        return nil
    }

    private static func difference(_ stored: [Row], _ derived: [Row], key: [String]) -> String? {
        for i in 0..<max(stored.count, derived.count) {
            guard i < stored.count else { return "\(name(derived[i], key)) is in the journal but missing from the table" }
            guard i < derived.count else { return "\(name(stored[i], key)) is in the table but not in the journal" }
            guard stored[i] != derived[i] else { continue }
            // A row taken out or slipped in shows as one row missing or extra, not as a shift of every row after it.
            if i + 1 < derived.count, stored[i] == derived[i + 1] {
                return "\(name(derived[i], key)) is in the journal but missing from the table"
            }
            if i + 1 < stored.count, stored[i + 1] == derived[i] {
                return "\(name(stored[i], key)) is in the table but not in the journal"
            }
            let column = stored[i].columnNames.first { stored[i][$0] as DatabaseValue != derived[i][$0] as DatabaseValue } ?? "a column"
            return "\(name(stored[i], key)) has \(column) \(stored[i][column] as DatabaseValue), but the journal gives \(derived[i][column] as DatabaseValue)"
        }
        return nil
    }

    private static func name(_ row: Row, _ key: [String]) -> String {
        "the row " + key.map { "\($0) \(row[$0] as DatabaseValue)" }.joined(separator: ", ")
    }
}
