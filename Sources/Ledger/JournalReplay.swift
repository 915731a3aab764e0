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
            try Self.migrate(db)
            try Self.replay(rows, db) { _, _ in false }
            let transactions = try Row.fetchAll(db, sql: "SELECT * FROM transactions ORDER BY id")
                .map { try TransactionRecord(row: $0, path: Self.path) }
            let movements = try Row.fetchAll(db, sql: "SELECT * FROM cash_movements ORDER BY id").map { row in
                // The table's CHECK admits only the kinds `CashMovementKind` names.
                CashMovementRecord(id: row["id"], terminalId: row["terminal_id"],
                                   at: try storedTime(row["at"], path: Self.path),
                                   kind: CashMovementKind(rawValue: row["kind"])!, denomination: row["denomination"],
                                   count: row["count"], txnId: row["txn_id"])
            }
            return (transactions, movements)
        }
    }

    /// The terminal's Z report `number` as the store's ledger closed it: the rows replayed in
    /// order, each Z they journal closed as `closeZ` closes it (its period ending at the Z's
    /// end, with the cash counted then), up to the one asked for. Ledgers from before the
    /// `zClosed` step journal a Z as the staff action "closed Z report N": its period ends at
    /// that row, nothing counted. The journal does not say which store the terminal is in or
    /// whether it is a register (the store's fixtures do), so the caller names both. Throws a
    /// `Fault` as `init` does, or when the rows hold no such Z.
    public static func zReport(terminalId: String, number: Int, storeId: String, isRegister: Bool,
                               rows: [JournalRow]) throws -> ShiftReport {
        let found = try DatabaseQueue().write { db -> ShiftReport? in
            try migrate(db)
            try db.execute(sql: "INSERT INTO terminals (terminal_id, store_id, opened_at, is_register) VALUES (?, ?, ?, ?)",
                           arguments: [terminalId, storeId, rows.first?.at ?? "", isRegister])
            var found: ShiftReport?
            try replay(rows, db) { row, step in
                guard row.terminalId == terminalId, let (n, end, counted) = zClose(row, step) else { return false }
                let next = try ZReportRow.nextNumber(db, terminalId: terminalId)
                guard n == next else { throw Fault(seq: row.seq, reason: "closes Z report \(n) where the terminal's next is \(next)") }
                let report = try Ledger.closePeriod(db, path: path, terminalId: terminalId, at: end, countedYen: counted)
                guard n == number else { return false }
                found = report
                return true
            }
            return found
        }
        guard let found else {
            throw Fault(seq: rows.last?.seq ?? 0, reason: "is the last, and no row before it closes Z report \(number) of terminal \(terminalId)")
        }
        return found
    }

    private static let path = "the replayed journal"

    /// The Z a row closes: its number, where its period ends and the cash counted.
    private static func zClose(_ row: JournalRow, _ step: Step) -> (Int, Date, Int?)? {
        switch step {
        case .zClosed(let number, let end, let counted, _):
            return LedgerTime.date(end).map { (number, $0, counted) }
        case .staff(let action, _):
            guard action.hasPrefix("closed Z report "), let number = Int(action.dropFirst("closed Z report ".count)),
                  let at = row.time else { return nil }
            return (number, at, nil)
        default:
            return nil
        }
    }

    private static func migrate(_ db: Database) throws {
        for migration in Schema.migrations { try db.execute(sql: migration.sql) }
    }

    /// Applies `rows` to the new ledger in `db` with the ledger's `Commit`; `before` runs ahead
    /// of each row and stops the replay by returning true.
    private static func replay(_ rows: [JournalRow], _ db: Database,
                               before: (JournalRow, Step) throws -> Bool) throws {
        var commit = try Commit(db: db)
        for row in rows {
            guard let at = row.time, let step = row.step else {
                throw Fault(seq: row.seq, reason: "holds a step that cannot be read")
            }
            do {
                if try before(row, step) { return }
                try commit.append(Entry(txnId: row.txnId, terminalId: row.terminalId, at: at, step: step))
            } catch let fault as Fault {
                throw fault
            } catch {
                throw Fault(seq: row.seq, reason: "cannot be applied: \(error)")
            }
        }
    }
}
