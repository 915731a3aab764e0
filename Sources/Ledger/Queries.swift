import Foundation
import Money
import GRDB

// The busiest reads decode each row at the cursor (`fetchCursor(…).map`): a copied row
// (`fetchAll`, `fetchOne`) lower-cases every column name at each look-up by name, where the
// cursor's row finds it through the statement's own index.
extension Ledger {
    /// Denomination → count held by the terminal (denominations it holds none of are absent).
    public func cashInventory(terminalId: String) throws -> CashPieces {
        try read { db in
            var counts: CashPieces = [:]
            // Cached statements: these are read during every customer flow.
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT denomination, count FROM cash_inventory WHERE terminal_id = ? AND count > 0"),
                                        arguments: [terminalId]) {
                counts[row["denomination"]] = row["count"]
            }
            return counts
        }
    }

    public func transaction(id: String) throws -> TransactionRecord? {
        try read { db in
            try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM transactions WHERE id = ?"), arguments: [id])
                .map { try TransactionRecord(row: $0, path: self.path) }.next()
        }
    }

    /// In the order they began.
    public func transactions(terminalId: String? = nil, status: TransactionStatus? = nil) throws -> [TransactionRecord] {
        try read { db in
            try Array(Row.fetchCursor(db.cachedStatement(sql: """
                SELECT * FROM transactions
                WHERE (?1 IS NULL OR terminal_id = ?1) AND (?2 IS NULL OR status = ?2)
                ORDER BY started_at, rowid
                """), arguments: [terminalId, status?.rawValue]).map { try TransactionRecord(row: $0, path: self.path) })
        }
    }

    /// Transactions still `open`: what recovery must resolve after a crash.
    public func openTransactions(terminalId: String? = nil) throws -> [TransactionRecord] {
        try transactions(terminalId: terminalId, status: .open)
    }

    /// The transaction's journal rows in `seq` order, steps decoded.
    public func journal(txnId: String) throws -> [JournalRecord] {
        try read { db in
            try Array(Row.fetchCursor(db.cachedStatement(sql: "SELECT seq, txn_id, terminal_id, at, kind, payload FROM journal WHERE txn_id = ? ORDER BY seq"),
                                      arguments: [txnId]).map(journalRecord))
        }
    }

    /// Journal rows after `seq` (all of them by default), in order, for any terminal.
    public func journal(after seq: Int64 = 0, limit: Int = Int.max) throws -> [JournalRecord] {
        try read { db in
            try Array(Row.fetchCursor(db.cachedStatement(sql: "SELECT seq, txn_id, terminal_id, at, kind, payload FROM journal WHERE seq > ? ORDER BY seq LIMIT ?"),
                                      arguments: [seq, Int64(clamping: limit)]).map(journalRecord))
        }
    }

    /// Refunds due that staff have not settled yet, oldest first.
    public func refundsDue(terminalId: String? = nil) throws -> [RefundDueRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT txn_id, terminal_id, yen, reason, at FROM refunds_due
                WHERE settled_at IS NULL AND (?1 IS NULL OR terminal_id = ?1) ORDER BY at, rowid
                """, arguments: [terminalId])
                .map { row in
                    RefundDueRecord(txnId: row["txn_id"], terminalId: row["terminal_id"], yen: row["yen"],
                                    reason: row["reason"], at: try storedTime(row["at"], path: path))
                }
        }
    }

    /// Cash movements in the order they happened.
    public func cashMovements(terminalId: String? = nil) throws -> [CashMovementRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM cash_movements WHERE (?1 IS NULL OR terminal_id = ?1) ORDER BY id
                """, arguments: [terminalId])
                .map { row in
                    guard let kind = CashMovementKind(rawValue: row["kind"]) else {
                        throw LedgerError.database(path: path, reason: "cash movement \(row["id"] as Int64) has an unknown kind")
                    }
                    return CashMovementRecord(id: row["id"], terminalId: row["terminal_id"], at: try storedTime(row["at"], path: path),
                                              kind: kind, denomination: row["denomination"], count: row["count"], txnId: row["txn_id"])
                }
        }
    }

    private func journalRecord(_ row: Row) throws -> JournalRecord {
        let seq: Int64 = row["seq"]
        guard let step = StoredStep.step(kind: row["kind"], payloadText: row["payload"]),
              let at = LedgerTime.date(row["at"]) else {
            throw LedgerError.unreadableJournalRow(seq: seq)
        }
        return JournalRecord(seq: seq, txnId: row["txn_id"], terminalId: row["terminal_id"], at: at, step: step)
    }
}

/// A stored time, or one sentence naming the ledger when it was edited into something else.
func storedTime(_ text: String?, path: String) throws -> Date {
    guard let text, let date = LedgerTime.date(text) else {
        throw LedgerError.database(path: path, reason: "the stored time \"\(text ?? "")\" is not a UTC ISO 8601 time")
    }
    return date
}

extension TransactionRecord {
    init(row: Row, path: String) throws {
        guard let status = TransactionStatus(rawValue: row["status"]) else {
            throw LedgerError.database(path: path, reason: "transaction \(row["id"] as String) has an unknown status")
        }
        let finished: String? = row["finished_at"]
        let method: String? = row["payment_method"]
        let paymentMethod = try method.map { text in
            guard let known = PaymentMethod(rawValue: text) else {
                throw LedgerError.database(path: path, reason: "transaction \(row["id"] as String) has an unknown payment method")
            }
            return known
        }
        self.init(id: row["id"], storeId: row["store_id"], terminalId: row["terminal_id"],
                  businessDate: row["business_date"], startedAt: try storedTime(row["started_at"], path: path),
                  finishedAt: try finished.map { try storedTime($0, path: path) }, status: status,
                  simNumber: row["sim_number"], carrierId: row["carrier_id"], planId: row["plan_id"],
                  amountYen: row["amount_yen"], taxYen: row["tax_yen"], paymentMethod: paymentMethod,
                  cashInYen: row["cash_in_yen"], changeYen: row["change_yen"], cardBrand: row["card_brand"],
                  cardLast4: row["card_last4"], authCode: row["auth_code"], receiptNo: row["receipt_no"])
    }
}
