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
        var slipNos: [String] = []
        for verified in rows {
            switch verified.step {
            case .begin(let start): if let number = start.slipNo { slipNos.append(number) }
            case .slipIssued(let issue): slipNos.append(issue.slipNo)
            case .slipVoided(let number): slipNos.append(number)
            default: break
            }
        }
        for slip in try await slips(numbered: slipNos, orPaying: ids) { books.slips[slip.issue.slipNo] = slip }
        // Each terminal's last receipt number is in its state: no scan of its transactions.
        for state in try await terminalStates(where: terminals) {
            books.terminals[state.terminalId] = state
            if let last = state.lastReceiptNo { books.lastReceipt[state.terminalId] = last }
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

    /// This ledger's slips with these numbers or taken by these transactions (all when both are nil).
    func slips(numbered numbers: [String]?, orPaying ids: [String]?) async throws -> [HQSlip] {
        var out: [HQSlip] = []
        let all = numbers == nil && ids == nil
        for try await row in try await db.query("""
            SELECT slip_no, terminal_id, sim_number, carrier_id, plan_id, amount_yen, valid_minutes, language,
                   issued_at, expires_at, status, txn_id, register_id
            FROM register_slips WHERE store_id = \(s) AND ledger_id = \(l)
              AND (\(all) OR slip_no = ANY(\(numbers ?? [])) OR txn_id = ANY(\(ids ?? [])))
            ORDER BY slip_no
            """, logger: logger) {
            let r = row.makeRandomAccess()
            let number = try r["slip_no"].decode(String.self)
            guard let status = SlipStatus(rawValue: try r["status"].decode(String.self)) else {
                throw HQFailure("HQ's slip \(number) has an unknown status.")
            }
            let issue = SlipIssue(slipNo: number, storeId: s, terminalId: try r["terminal_id"].decode(String.self),
                                  simNumber: try r["sim_number"].decode(String.self), carrierId: try r["carrier_id"].decode(String.self),
                                  planId: try r["plan_id"].decode(String.self), amountYen: Int(try r["amount_yen"].decode(Int64.self)),
                                  validMinutes: Int(try r["valid_minutes"].decode(Int32.self)), language: try r["language"].decode(String?.self))
            out.append(HQSlip(issue: issue, issuedAt: try r["issued_at"].decode(String.self), expiresAt: try r["expires_at"].decode(String.self),
                              status: status, txnId: try r["txn_id"].decode(String?.self), registerId: try r["register_id"].decode(String?.self)))
        }
        return out
    }

    /// This ledger's terminals (those named, or all when `ids` is nil).
    func terminalStates(where ids: [String]?) async throws -> [HQTerminalState] {
        var out: [HQTerminalState] = []
        for try await row in try await db.query("""
            SELECT terminal_id, last_seq, last_row_at, last_sale_at, last_receipt_no, paper_loaded_at, paper_loaded_sheets,
                   receipts_since_paper, last_z_number, last_z_at, last_recovered_at, open_refunds, open_refunds_yen
            FROM terminal_state WHERE store_id = \(s) AND ledger_id = \(l) AND (\(ids == nil) OR terminal_id = ANY(\(ids ?? [])))
            ORDER BY terminal_id
            """, logger: logger) {
            let r = row.makeRandomAccess()
            var t = HQTerminalState(terminalId: try r["terminal_id"].decode(String.self))
            t.lastSeq = try r["last_seq"].decode(Int64.self)
            t.lastRowAt = try r["last_row_at"].decode(String.self)
            t.lastSaleAt = try r["last_sale_at"].decode(String?.self)
            t.lastReceiptNo = try r["last_receipt_no"].decode(Int64?.self).map { Int($0) }
            t.paperLoadedAt = try r["paper_loaded_at"].decode(String?.self)
            t.paperLoadedSheets = try r["paper_loaded_sheets"].decode(Int32?.self).map { Int($0) }
            t.receiptsSincePaper = Int(try r["receipts_since_paper"].decode(Int32.self))
            t.lastZNumber = try r["last_z_number"].decode(Int32?.self).map { Int($0) }
            t.lastZAt = try r["last_z_at"].decode(String?.self)
            t.lastRecoveredAt = try r["last_recovered_at"].decode(String?.self)
            t.openRefunds = Int(try r["open_refunds"].decode(Int32.self))
            t.openRefundsYen = Int(try r["open_refunds_yen"].decode(Int64.self))
            out.append(t)
        }
        return out
    }

    /// Each terminal's cash unit, by denomination.
    func terminalCash() async throws -> [String: [Int: Int]] {
        var out: [String: [Int: Int]] = [:]
        for try await (terminal, denomination, count) in try await db.query("""
            SELECT terminal_id, denomination, count FROM terminal_cash WHERE store_id = \(s) AND ledger_id = \(l)
            """, logger: logger).decode((String, Int32, Int32).self) {
            out[terminal, default: [:]][Int(denomination)] = Int(count)
        }
        return out
    }

    /// The batch's rows by one COPY, so a push costs a few round trips to PostgreSQL, not
    /// one a row, and PostgreSQL reads the rows as its own bulk load does.
    func insertJournal(_ rows: [JournalRow]) async throws {
        try await copy(rows, into: "journal", ["seq", "txn_id", "terminal_id", "at", "kind", "payload", "prev_hash", "hash"]) { copy, r in
            copy.integer(r.seq)
            copy.text(r.txnId)
            copy.text(r.terminalId)
            copy.text(r.at)
            copy.text(r.kind)
            copy.text(r.payload)
            copy.text(r.prevHash)
            copy.text(r.hash)
        }
    }

    /// New rows of this ledger by COPY, `columns` after `store_id` and `ledger_id`. They go in
    /// pieces, so that PostgreSQL stores the first while the next is written out.
    private func copy<Row>(_ rows: [Row], into table: String, _ columns: [String],
                           _ write: (inout CopyText, Row) -> Void) async throws {
        guard !rows.isEmpty else { return }
        try await db.copyFrom(table: table, columns: ["store_id", "ledger_id"] + columns, logger: logger) { writer in
            for start in stride(from: 0, to: rows.count, by: Self.rowsPerCopyPiece) {
                let piece = rows[start..<min(rows.count, start + Self.rowsPerCopyPiece)]
                var copy = CopyText(capacity: piece.count * 512)
                for row in piece {
                    copy.text(s)
                    copy.text(l)
                    write(&copy, row)
                    copy.endRow()
                }
                try await writer.write(copy.buffer)
            }
        }
    }

    private static let rowsPerCopyPiece = 1_000

    /// Writes what the rows applied to `books` changed. `existing` are the transactions HQ
    /// stored before these rows; the others are new, and go in by COPY.
    func save(_ books: Books, existing: Set<String>) async throws {
        let changed = books.changedTransactions.sorted()
        try await copy(changed.filter { !existing.contains($0) }.map { books.transactions[$0]! }, into: "transactions", [
            "txn_id", "terminal_id", "business_date", "started_at", "finished_at", "status", "sim_number", "carrier_id", "plan_id",
            "amount_yen", "tax_yen", "payment_method", "cash_in_yen", "change_yen", "card_brand", "card_last4", "auth_code",
            "receipt_no", "top_up_applied",
        ]) { copy, t in
            copy.text(t.id)
            copy.text(t.terminalId)
            copy.text(t.businessDate)
            copy.text(StoredTime.text(t.startedAt))
            copy.text(t.finishedAt.map(StoredTime.text))
            copy.text(t.status.rawValue)
            copy.text(t.simNumber)
            copy.text(t.carrierId)
            copy.text(t.planId)
            copy.integer(Int64(t.amountYen))
            copy.integer(Int64(t.taxYen))
            copy.text(t.paymentMethod?.rawValue)
            copy.integer(Int64(t.cashInYen))
            copy.integer(Int64(t.changeYen))
            copy.text(t.cardBrand)
            copy.text(t.cardLast4)
            copy.text(t.authCode)
            copy.integer(t.receiptNo.map(Int64.init))
            copy.boolean(books.topUpApplied.contains(t.id))
        }
        let t = changed.filter(existing.contains).map { books.transactions[$0]! }
        if !t.isEmpty {
            try await db.query("""
                INSERT INTO transactions (store_id, ledger_id, txn_id, terminal_id, business_date, started_at, finished_at,
                    status, sim_number, carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen,
                    card_brand, card_last4, auth_code, receipt_no, top_up_applied)
                SELECT \(s), \(l), id, terminal, day, started, NULLIF(finished, ''), status, sim, carrier, plan, amount, tax,
                       NULLIF(method, ''), cash_in, change, NULLIF(brand, ''), NULLIF(last4, ''), NULLIF(auth, ''),
                       NULLIF(receipt, -1), applied
                FROM unnest(\(t.map(\.id))::text[], \(t.map(\.terminalId))::text[], \(t.map(\.businessDate))::text[],
                            \(t.map { StoredTime.text($0.startedAt) })::text[], \(t.map { $0.finishedAt.map(StoredTime.text) ?? "" })::text[],
                            \(t.map(\.status.rawValue))::text[], \(t.map(\.simNumber))::text[], \(t.map(\.carrierId))::text[],
                            \(t.map(\.planId))::text[], \(t.map { Int64($0.amountYen) })::bigint[], \(t.map { Int64($0.taxYen) })::bigint[],
                            \(t.map { $0.paymentMethod?.rawValue ?? "" })::text[], \(t.map { Int64($0.cashInYen) })::bigint[],
                            \(t.map { Int64($0.changeYen) })::bigint[], \(t.map { $0.cardBrand ?? "" })::text[],
                            \(t.map { $0.cardLast4 ?? "" })::text[], \(t.map { $0.authCode ?? "" })::text[],
                            \(t.map { Int64($0.receiptNo ?? -1) })::bigint[], \(t.map { books.topUpApplied.contains($0.id) })::boolean[])
                     AS t(id, terminal, day, started, finished, status, sim, carrier, plan, amount, tax, method, cash_in, change,
                          brand, last4, auth, receipt, applied)
                ON CONFLICT (store_id, ledger_id, txn_id) DO UPDATE SET
                    finished_at = excluded.finished_at, status = excluded.status, cash_in_yen = excluded.cash_in_yen,
                    change_yen = excluded.change_yen, card_brand = excluded.card_brand, card_last4 = excluded.card_last4,
                    auth_code = excluded.auth_code, receipt_no = excluded.receipt_no, top_up_applied = excluded.top_up_applied
                """, logger: logger)
        }
        try await copy(books.movements, into: "cash_movements", ["seq", "denomination", "terminal_id", "at", "kind", "count", "txn_id"]) { copy, m in
            copy.integer(m.seq)
            copy.integer(Int64(m.denomination))
            copy.text(m.terminalId)
            copy.text(m.at)
            copy.text(m.kind.rawValue)
            copy.integer(Int64(m.count))
            copy.text(m.txnId)
        }
        let slips = books.changedSlips.sorted().map { books.slips[$0]! }
        if !slips.isEmpty {
            try await db.query("""
                INSERT INTO register_slips (store_id, ledger_id, slip_no, terminal_id, sim_number, carrier_id, plan_id, amount_yen,
                    valid_minutes, language, issued_at, expires_at, status, txn_id, register_id)
                SELECT \(s), \(l), number, terminal, sim, carrier, plan, amount, minutes, CASE WHEN has_language THEN language END,
                       issued, expires, status, NULLIF(txn, ''), NULLIF(register, '')
                FROM unnest(\(slips.map(\.issue.slipNo))::text[], \(slips.map(\.issue.terminalId))::text[],
                            \(slips.map(\.issue.simNumber))::text[], \(slips.map(\.issue.carrierId))::text[],
                            \(slips.map(\.issue.planId))::text[], \(slips.map { Int64($0.issue.amountYen) })::bigint[],
                            \(slips.map { Int32($0.issue.validMinutes) })::integer[], \(slips.map { $0.issue.language ?? "" })::text[],
                            \(slips.map { $0.issue.language != nil })::boolean[],
                            \(slips.map(\.issuedAt))::text[], \(slips.map(\.expiresAt))::text[], \(slips.map(\.status.rawValue))::text[],
                            \(slips.map { $0.txnId ?? "" })::text[], \(slips.map { $0.registerId ?? "" })::text[])
                     AS p(number, terminal, sim, carrier, plan, amount, minutes, language, has_language, issued, expires, status, txn, register)
                ON CONFLICT (store_id, ledger_id, slip_no) DO UPDATE SET
                    status = excluded.status, txn_id = excluded.txn_id, register_id = excluded.register_id
                """, logger: logger)
        }
        for id in books.terminals.keys.sorted() {
            let t = books.terminals[id]!
            try await db.query("""
                INSERT INTO terminal_state (store_id, ledger_id, terminal_id, last_seq, last_row_at, last_sale_at, last_receipt_no,
                    paper_loaded_at, paper_loaded_sheets, receipts_since_paper, last_z_number, last_z_at, last_recovered_at,
                    open_refunds, open_refunds_yen)
                VALUES (\(s), \(l), \(id), \(t.lastSeq), \(t.lastRowAt), \(t.lastSaleAt), \(t.lastReceiptNo.map(Int64.init)),
                    \(t.paperLoadedAt), \(t.paperLoadedSheets.map(Int32.init)), \(Int32(t.receiptsSincePaper)),
                    \(t.lastZNumber.map(Int32.init)), \(t.lastZAt), \(t.lastRecoveredAt), \(Int32(t.openRefunds)), \(Int64(t.openRefundsYen)))
                ON CONFLICT (store_id, ledger_id, terminal_id) DO UPDATE SET
                    last_seq = excluded.last_seq, last_row_at = excluded.last_row_at, last_sale_at = excluded.last_sale_at,
                    last_receipt_no = excluded.last_receipt_no, paper_loaded_at = excluded.paper_loaded_at,
                    paper_loaded_sheets = excluded.paper_loaded_sheets, receipts_since_paper = excluded.receipts_since_paper,
                    last_z_number = excluded.last_z_number, last_z_at = excluded.last_z_at,
                    last_recovered_at = excluded.last_recovered_at, open_refunds = excluded.open_refunds,
                    open_refunds_yen = excluded.open_refunds_yen
                """, logger: logger)
        }
        let cash = books.cashChange.keys.sorted().flatMap { terminal in
            books.cashChange[terminal]!.sorted(by: { $0.key < $1.key }).filter { $0.value != 0 }.map { (terminal, $0.key, $0.value) }
        }
        if !cash.isEmpty {
            try await db.query("""
                INSERT INTO terminal_cash (store_id, ledger_id, terminal_id, denomination, count)
                SELECT \(s), \(l), terminal, denomination, change
                FROM unnest(\(cash.map(\.0))::text[], \(cash.map { Int32($0.1) })::integer[], \(cash.map { Int32($0.2) })::integer[])
                     AS c(terminal, denomination, change)
                ON CONFLICT (store_id, ledger_id, terminal_id, denomination) DO UPDATE SET count = terminal_cash.count + excluded.count
                """, logger: logger)
        }
        // After the movements and transactions, which a Z's figures are computed from.
        for close in books.zCloses {
            try await insert(try await ZFigures(db: db, store: store, ledger: ledger, logger: logger).report(of: close))
        }
        let dues = books.changedRefunds.sorted().map { books.refundsDue[$0]! }
        if !dues.isEmpty {
            try await db.query("""
                INSERT INTO refunds_due (store_id, ledger_id, txn_id, terminal_id, yen, reason, at, settled_at, settled_by)
                SELECT \(s), \(l), txn, terminal, yen, reason, at, CASE WHEN settled THEN settled_at END,
                       CASE WHEN settled THEN settled_by END
                FROM unnest(\(dues.map(\.txnId))::text[], \(dues.map(\.terminalId))::text[], \(dues.map { Int64($0.yen) })::bigint[],
                            \(dues.map(\.reason.rawValue))::text[], \(dues.map(\.at))::text[], \(dues.map { $0.settledAt ?? "" })::text[],
                            \(dues.map { $0.settledBy ?? "" })::text[], \(dues.map { $0.settledAt != nil })::boolean[])
                     AS d(txn, terminal, yen, reason, at, settled_at, settled_by, settled)
                ON CONFLICT (store_id, ledger_id, txn_id) DO UPDATE SET
                    settled_at = excluded.settled_at, settled_by = excluded.settled_by
                """, logger: logger)
        }
    }
}
