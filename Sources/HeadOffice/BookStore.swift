import Foundation
import Ledger
import Logging
import Money
import PostgresNIO

/// HQ's books of one ledger in PostgreSQL: loads what a batch touches into `Books`, and
/// writes back what the batch changed, inside the caller's transaction.
struct BookStore {
    let db: PostgresConnection
    let store: StoreID
    let ledger: LedgerID
    let logger: Logger

    private var s: String { store.rawValue }
    private var l: String { ledger.rawValue }

    /// The transactions, refunds due and last receipt numbers the rows need.
    func load(touchedBy rows: [VerifiedRow]) async throws -> Books {
        var books = Books()
        let ids = Array(Set(rows.compactMap(\.row.txnId)))
        let terminals = Array(Set(rows.map(\.row.terminalId)))
        for transaction in try await transactions(where: ids) { books.transactions[transaction.record.id] = transaction.record
            if transaction.topUpApplied { books.topUpApplied.insert(transaction.record.id) }
        }
        for due in try await refundsDue(where: ids) { books.refundsDue[due.txnId] = due }
        for try await (terminal, last) in try await db.query("""
            SELECT terminal_id, max(receipt_no) FROM transactions
            WHERE store_id = \(s) AND ledger_id = \(l) AND terminal_id = ANY(\(terminals)) AND receipt_no IS NOT NULL
            GROUP BY terminal_id
            """, logger: logger).decode((String, Int64).self) {
            books.lastReceipt[terminal] = Int(last)
        }
        return books
    }

    /// This ledger's transactions (those named, or all when `ids` is nil).
    func transactions(where ids: [String]?) async throws -> [(record: TransactionRecord, topUpApplied: Bool)] {
        let rows = try await db.query("""
            SELECT txn_id, terminal_id, business_date, started_at, finished_at, status, sim_number, carrier_id, plan_id,
                   amount_yen, tax_yen, payment_method, cash_in_yen, change_yen, card_brand, card_last4, auth_code,
                   receipt_no, top_up_applied
            FROM transactions WHERE store_id = \(s) AND ledger_id = \(l) AND (\(ids == nil) OR txn_id = ANY(\(ids ?? [])))
            ORDER BY txn_id
            """, logger: logger)
        var out: [(TransactionRecord, Bool)] = []
        for try await row in rows {
            let r = row.makeRandomAccess()
            func text(_ name: String) throws -> String { try r[name].decode(String.self) }
            func optional(_ name: String) throws -> String? { try r[name].decode(String?.self) }
            func yen(_ name: String) throws -> Int { Int(try r[name].decode(Int64.self)) }
            let id = try text("txn_id")
            func time(_ t: String) throws -> Date {
                guard let d = StoredTime.date(t) else { throw HQFailure("HQ's transaction \(id) has the time \"\(t)\", which is not a ledger time.") }
                return d
            }
            guard let status = TransactionStatus(rawValue: try text("status")) else {
                throw HQFailure("HQ's transaction \(id) has an unknown status.")
            }
            let method = try optional("payment_method").map { text -> PaymentMethod in
                guard let m = PaymentMethod(rawValue: text) else { throw HQFailure("HQ's transaction \(id) has an unknown payment method.") }
                return m
            }
            let record = TransactionRecord(
                id: id, storeId: s, terminalId: try text("terminal_id"), businessDate: try text("business_date"),
                startedAt: try time(try text("started_at")), finishedAt: try optional("finished_at").map(time),
                status: status, simNumber: try text("sim_number"), carrierId: try text("carrier_id"), planId: try text("plan_id"),
                amountYen: try yen("amount_yen"), taxYen: try yen("tax_yen"), paymentMethod: method,
                cashInYen: try yen("cash_in_yen"), changeYen: try yen("change_yen"), cardBrand: try optional("card_brand"),
                cardLast4: try optional("card_last4"), authCode: try optional("auth_code"),
                receiptNo: try r["receipt_no"].decode(Int64?.self).map { Int($0) })
            out.append((record, try r["top_up_applied"].decode(Bool.self)))
        }
        return out
    }

    func refundsDue(where ids: [String]?) async throws -> [HQRefundDue] {
        var out: [HQRefundDue] = []
        for try await (id, terminal, yen, reason, at, settledAt, settledBy) in try await db.query("""
            SELECT txn_id, terminal_id, yen, reason, at, settled_at, settled_by FROM refunds_due
            WHERE store_id = \(s) AND ledger_id = \(l) AND (\(ids == nil) OR txn_id = ANY(\(ids ?? [])))
            ORDER BY txn_id
            """, logger: logger).decode((String, String, Int64, String, String, String?, String?).self) {
            guard let code = StopReason(rawValue: reason) else { throw HQFailure("HQ's refund due of \(id) has an unknown reason.") }
            out.append(HQRefundDue(txnId: id, terminalId: terminal, yen: Int(yen), reason: code, at: at,
                                   settledAt: settledAt, settledBy: settledBy))
        }
        return out
    }

    func movements() async throws -> [HQCashMovement] {
        var out: [HQCashMovement] = []
        for try await (seq, terminal, at, kind, denomination, count, txnId) in try await db.query("""
            SELECT seq, terminal_id, at, kind, denomination, count, txn_id FROM cash_movements
            WHERE store_id = \(s) AND ledger_id = \(l) ORDER BY seq, denomination DESC
            """, logger: logger).decode((Int64, String, String, String, Int32, Int32, String?).self) {
            guard let kind = CashMovementKind(rawValue: kind) else { throw HQFailure("HQ's cash movement of seq \(seq) has an unknown kind.") }
            out.append(HQCashMovement(seq: seq, terminalId: terminal, at: at, kind: kind, denomination: Int(denomination),
                                      count: Int(count), txnId: txnId))
        }
        return out
    }

    func insertJournal(_ rows: [VerifiedRow]) async throws {
        for verified in rows {
            let r = verified.row
            try await db.query("""
                INSERT INTO journal (store_id, ledger_id, seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash)
                VALUES (\(s), \(l), \(r.seq), \(r.txnId), \(r.terminalId), \(r.at), \(r.kind), \(r.payload), \(r.prevHash), \(r.hash))
                """, logger: logger)
        }
    }

    /// Writes what the rows applied to `books` changed.
    func save(_ books: Books) async throws {
        for id in books.changedTransactions.sorted() {
            let t = books.transactions[id]!
            try await db.query("""
                INSERT INTO transactions (store_id, ledger_id, txn_id, terminal_id, business_date, started_at, finished_at,
                    status, sim_number, carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen,
                    card_brand, card_last4, auth_code, receipt_no, top_up_applied)
                VALUES (\(s), \(l), \(t.id), \(t.terminalId), \(t.businessDate), \(StoredTime.text(t.startedAt)),
                    \(t.finishedAt.map(StoredTime.text)), \(t.status.rawValue), \(t.simNumber), \(t.carrierId), \(t.planId),
                    \(Int64(t.amountYen)), \(Int64(t.taxYen)), \(t.paymentMethod?.rawValue), \(Int64(t.cashInYen)),
                    \(Int64(t.changeYen)), \(t.cardBrand), \(t.cardLast4), \(t.authCode), \(t.receiptNo.map(Int64.init)),
                    \(books.topUpApplied.contains(id)))
                ON CONFLICT (store_id, ledger_id, txn_id) DO UPDATE SET
                    finished_at = excluded.finished_at, status = excluded.status, cash_in_yen = excluded.cash_in_yen,
                    change_yen = excluded.change_yen, card_brand = excluded.card_brand, card_last4 = excluded.card_last4,
                    auth_code = excluded.auth_code, receipt_no = excluded.receipt_no, top_up_applied = excluded.top_up_applied
                """, logger: logger)
        }
        for m in books.movements {
            try await db.query("""
                INSERT INTO cash_movements (store_id, ledger_id, seq, denomination, terminal_id, at, kind, count, txn_id)
                VALUES (\(s), \(l), \(m.seq), \(Int32(m.denomination)), \(m.terminalId), \(m.at), \(m.kind.rawValue),
                        \(Int32(m.count)), \(m.txnId))
                """, logger: logger)
        }
        for id in books.changedRefunds.sorted() {
            let d = books.refundsDue[id]!
            try await db.query("""
                INSERT INTO refunds_due (store_id, ledger_id, txn_id, terminal_id, yen, reason, at, settled_at, settled_by)
                VALUES (\(s), \(l), \(d.txnId), \(d.terminalId), \(Int64(d.yen)), \(d.reason.rawValue), \(d.at),
                        \(d.settledAt), \(d.settledBy))
                ON CONFLICT (store_id, ledger_id, txn_id) DO UPDATE SET
                    settled_at = excluded.settled_at, settled_by = excluded.settled_by
                """, logger: logger)
        }
    }
}
