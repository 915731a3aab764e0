import Foundation
import GRDB
import Money

/// The entries of one `record` call, applied inside its write transaction: each becomes a
/// chained journal row, then changes `transactions`, `cash_movements` and `cash_inventory`.
struct Commit {
    let db: Database
    private(set) var receipts: [String: Int] = [:]
    private var headSeq: Int64
    private var headHash: String
    /// The transactions this commit has read or changed: a write's steps name the same one.
    private var known: [String: TransactionState] = [:]

    /// Reads the chain's head inside the write transaction, so that processes sharing the
    /// file extend one chain.
    init(db: Database) throws {
        self.db = db
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")) {
            // By position, as selected: every commit reads the head.
            headSeq = row[0]
            headHash = row[1]
        } else {
            headSeq = 0
            headHash = Chain.genesis
        }
    }

    /// The receipt numbers assigned since the last call, for one machine's write of a group.
    mutating func takeReceipts() -> [String: Int] {
        defer { receipts = [:] }
        return receipts
    }

    mutating func append(_ entry: Entry) throws {
        let stored = try StoredStep(entry.step)
        try EntryRules.check(entry, payload: stored.payload)
        let txnId: String?
        if case .begin(let start) = entry.step { txnId = start.id } else { txnId = entry.txnId }
        let txn = try transaction(for: entry)

        let seq = headSeq + 1
        let at = LedgerTime.text(entry.at)
        let kind = stored.kind
        let payload = stored.payloadText
        let hash = Chain.hash(prev: headHash, seq: seq, txnId: txnId, terminalId: entry.terminalId,
                              at: at, kind: kind, payload: payload)
        try db.executeCached(sql: """
            INSERT INTO journal (seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, txnId, entry.terminalId, at, kind, payload, headHash, hash])
        headSeq = seq
        headHash = hash
        try apply(entry, txn: txn, at: at)
    }

    // MARK: - Effects

    /// `txn` is only nil for steps that need no transaction: `transaction(for:)` has already
    /// refused any other step that names none.
    private mutating func apply(_ entry: Entry, txn: TransactionState?, at: String) throws {
        let terminal = entry.terminalId
        switch entry.step {
        case .begin(let s):
            try db.executeCached(sql: """
                INSERT INTO transactions (id, store_id, terminal_id, business_date, started_at, status,
                    sim_number, carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 0, 0)
                """, arguments: [s.id, s.storeId, s.terminalId, s.businessDate, at, s.simNumber,
                                 s.carrierId, s.planId, s.amountYen, s.taxYen, s.paymentMethod.rawValue])
            known[s.id] = TransactionState(id: s.id, terminalId: s.terminalId, status: .open, receiptNo: nil)
            if let slipNo = s.slipNo { try takeSlip(slipNo, for: s, at: entry.at) }
        case .slipIssued(let issue):
            try issueSlip(issue, at: entry.at)
        case .slipVoided(let slipNo):
            try voidSlip(slipNo, at: entry.at)
        case .cashIn(let denomination):
            let txn = try txn!.mustBeOpen()
            try move(.cashIn, [denomination: 1], terminal: terminal, at: at, txnId: txn.id)
            try db.executeCached(sql: "UPDATE transactions SET cash_in_yen = cash_in_yen + ? WHERE id = ?",
                           arguments: [denomination, txn.id])
        case .changeDispensed(let pieces):
            try move(.change, pieces, terminal: terminal, at: at, txnId: txn!.id)
            try db.executeCached(sql: "UPDATE transactions SET change_yen = change_yen + ? WHERE id = ?",
                           arguments: [pieces.total.amount, txn!.id])
        case .cashReturned(let pieces):
            try move(.refund, pieces, terminal: terminal, at: at, txnId: txn!.id)
        case .replenished(let pieces, _):
            try move(.replenish, pieces, terminal: terminal, at: at, txnId: txn?.id)
        case .collected(let pieces, _):
            try move(.collect, pieces, terminal: terminal, at: at, txnId: txn?.id)
        case .cardAuthorised(let brand, let last4, let authCode), .walletPaid(let brand, let last4, let authCode):
            try db.executeCached(sql: "UPDATE transactions SET card_brand = ?, card_last4 = ?, auth_code = ? WHERE id = ?",
                           arguments: [brand, last4, authCode, txn!.id])
        case .completed:
            try finish(txn!, as: .completed, at: at)
        case .refunded:
            try finish(txn!, as: .refunded, at: at)
        case .refundDue(let yen, let reason):
            try finish(txn!, as: .refundDue, at: at)
            try db.executeCached(sql: """
                INSERT INTO refunds_due (txn_id, terminal_id, yen, reason, at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [txn!.id, terminal, yen, reason.refundDueSentence, at])
        case .cancelled:
            try finish(txn!, as: .cancelled, at: at)
        case .failed:
            try finish(txn!, as: .failed, at: at)
        case .refundSettled(let yen, let staff):
            try settle(txn!.id, yen: yen, staff: staff, at: at)
        case .changeDue, .cashReturnDue, .cardAuthorisationRequested, .cardDeclined, .cardVoided, .cardCaptured,
             .walletPaymentRequested, .walletDeclined, .walletCancelled, .walletRefunded,
             .topUpRequested, .topUpApplied, .topUpFailed, .recovered, .staff, .zClosed:
            break
        }
    }

    /// Final status; completed and refund outcomes take the terminal's next receipt number.
    private mutating func finish(_ txn: TransactionState, as status: TransactionStatus, at: String) throws {
        _ = try txn.mustBeOpen()
        try db.executeCached(sql: "UPDATE transactions SET status = ?, finished_at = ? WHERE id = ?",
                       arguments: [status.rawValue, at, txn.id])
        try settleSlip(txnId: txn.id, as: status)
        known[txn.id] = TransactionState(id: txn.id, terminalId: txn.terminalId, status: status, receiptNo: txn.receiptNo)
        guard [.completed, .refunded, .refundDue].contains(status), txn.receiptNo == nil else { return }
        let next = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(receipt_no), 0) + 1 FROM transactions WHERE terminal_id = ?"),
                                    arguments: [txn.terminalId]) ?? 1
        try db.executeCached(sql: "UPDATE transactions SET receipt_no = ? WHERE id = ?", arguments: [next, txn.id])
        receipts[txn.id] = next
        known[txn.id] = TransactionState(id: txn.id, terminalId: txn.terminalId, status: status, receiptNo: next)
    }

    private func settle(_ txnId: String, yen: Int, staff: String, at: String) throws {
        guard let due = try Int.fetchOne(db.cachedStatement(sql: "SELECT yen FROM refunds_due WHERE txn_id = ? AND settled_at IS NULL"),
                                         arguments: [txnId]) else {
            throw LedgerError.noRefundDue(id: txnId)
        }
        guard due == yen else {
            throw LedgerError.invalidEntry("Transaction \(txnId) is owed ¥\(due), not ¥\(yen); settle the full amount.")
        }
        try db.executeCached(sql: "UPDATE refunds_due SET settled_at = ?, settled_by = ? WHERE txn_id = ?",
                       arguments: [at, staff, txnId])
    }

    /// One `cash_movements` row per denomination, and the same change to `cash_inventory`.
    private func move(_ kind: CashMovementKind, _ pieces: CashPieces, terminal: String, at: String, txnId: String?) throws {
        for (denomination, count) in pieces where count > 0 {
            try db.executeCached(sql: """
                INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [terminal, at, kind.rawValue, denomination, count, txnId])
            // Money coming in needs no look at what is there; money going out must be there.
            guard kind.sign < 0 else {
                try db.executeCached(sql: """
                    INSERT INTO cash_inventory (terminal_id, denomination, count) VALUES (?, ?, ?)
                    ON CONFLICT (terminal_id, denomination) DO UPDATE SET count = count + excluded.count
                    """, arguments: [terminal, denomination, count])
                continue
            }
            let have = try Int.fetchOne(db.cachedStatement(sql: "SELECT count FROM cash_inventory WHERE terminal_id = ? AND denomination = ?"),
                                        arguments: [terminal, denomination]) ?? 0
            guard have >= count else {
                throw LedgerError.notEnoughCash(terminal: terminal, denomination: denomination, have: have, want: count)
            }
            try db.executeCached(sql: """
                INSERT INTO cash_inventory (terminal_id, denomination, count) VALUES (?, ?, ?)
                ON CONFLICT (terminal_id, denomination) DO UPDATE SET count = excluded.count
                """, arguments: [terminal, denomination, have - count])
        }
    }

    // MARK: - The transaction an entry belongs to

    struct TransactionState {
        let id: String
        let terminalId: String
        let status: TransactionStatus
        let receiptNo: Int?

        func mustBeOpen() throws -> TransactionState {
            guard status == .open else { throw LedgerError.alreadyFinished(id: id, status: status) }
            return self
        }
    }

    /// The transaction the entry names (nil for a begin or for terminal-level steps without one).
    /// Steps about a customer's money or top-up must name an existing transaction of the same terminal.
    private mutating func transaction(for entry: Entry) throws -> TransactionState? {
        if case .begin(let start) = entry.step {
            if known[start.id] != nil { throw LedgerError.duplicateTransaction(id: start.id) }
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM transactions WHERE id = ?)"), arguments: [start.id]) == true {
                throw LedgerError.duplicateTransaction(id: start.id)
            }
            return nil
        }
        guard let id = entry.txnId else {
            switch entry.step {
            case .replenished, .collected, .recovered, .staff, .zClosed, .slipIssued, .slipVoided: return nil
            default: throw LedgerError.invalidEntry("A \(entry.step.kind) entry must name its transaction.")
            }
        }
        let txn: TransactionState
        if let seen = known[id] {
            txn = seen
        } else {
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT terminal_id, status, receipt_no FROM transactions WHERE id = ?"),
                                             arguments: [id]) else {
                throw LedgerError.unknownTransaction(id: id)
            }
            // By position, as selected: nearly every write looks its transaction up.
            txn = TransactionState(id: id, terminalId: row[0], status: TransactionStatus(rawValue: row[1]) ?? .failed, receiptNo: row[2])
            known[id] = txn
        }
        guard txn.terminalId == entry.terminalId else {
            throw LedgerError.invalidEntry("Transaction \(id) belongs to terminal \(txn.terminalId), not \(entry.terminalId).")
        }
        return txn
    }
}

extension Database {
    /// Runs a statement compiled once per connection: every customer flow repeats the same few.
    func executeCached(sql: String, arguments: StatementArguments = StatementArguments()) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
