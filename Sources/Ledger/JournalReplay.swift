import Foundation
import GRDB

/// What a journal's rows give when they are applied from the start, as `Ledger.record`
/// applies them: the same `Commit`, in a ledger in memory. A book kept elsewhere from the same
/// rows (the head office's) is checked against this, so the rules stay in one place.
///
/// ```swift
/// let books = try JournalReplay(rows: try ledger.journalRows(after: 0, limit: .max))
/// books.transactions == try ledger.transactions()   // for an intact ledger
/// ```
public struct JournalReplay: Sendable {
    /// Every transaction, by id.
    public let transactions: [TransactionRecord]
    /// Every cash movement, in the order they happened (`id` numbers them from 1).
    public let cashMovements: [CashMovementRecord]

    /// The first row that cannot be replayed, and why.
    public struct Fault: Error, Equatable, CustomStringConvertible {
        public let seq: Int64
        public let reason: String
        public var description: String { "row \(seq) \(reason)" }
    }

    /// Throws a `Fault` for the first row whose step or time cannot be read, or that the ledger's
    /// own rules refuse (a cash movement the machine could not have made, a step of an unknown
    /// transaction…).
    public init(rows: [JournalRow]) throws {
        let db = try DatabaseQueue()
        (transactions, cashMovements) = try db.write { db in
            for migration in Schema.migrations { try db.execute(sql: migration.sql) }
            var commit = try Commit(db: db)
            for row in rows {
                guard let at = row.time, let step = row.step else {
                    throw Fault(seq: row.seq, reason: "holds a step that cannot be read")
                }
                do {
                    try commit.append(Entry(txnId: row.txnId, terminalId: row.terminalId, at: at, step: step))
                } catch {
                    throw Fault(seq: row.seq, reason: "cannot be applied: \(error)")
                }
            }
            let transactions = try Row.fetchAll(db, sql: "SELECT * FROM transactions ORDER BY id")
                .map { try TransactionRecord(row: $0, path: "the replayed journal") }
            let movements = try Row.fetchAll(db, sql: "SELECT * FROM cash_movements ORDER BY id").map { row in
                // The table's CHECK admits only the kinds `CashMovementKind` names.
                CashMovementRecord(id: row["id"], terminalId: row["terminal_id"],
                                   at: try storedTime(row["at"], path: "the replayed journal"),
                                   kind: CashMovementKind(rawValue: row["kind"])!, denomination: row["denomination"],
                                   count: row["count"], txnId: row["txn_id"])
            }
            return (transactions, movements)
        }
    }
}
