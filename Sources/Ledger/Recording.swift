import Foundation
import Money
import GRDB

extension Ledger {
    /// Appends the entries as ONE durable commit: all of them, with their effects, or none
    /// (anything invalid throws and rolls the whole list back).
    @discardableResult
    public func record(_ entries: [Entry]) throws -> Recorded {
        try write { db in
            var commit = try Commit(db: db)
            for entry in entries {
                try commit.append(entry)
            }
            return Recorded(receiptNumbers: commit.receipts)
        }
    }

    /// Registers the terminal and, when it has never moved cash, records its opening float
    /// as `replenished(staff: "opening float")`. True when the float was recorded now.
    @discardableResult
    public func ensureTerminal(storeId: String, terminalId: String, openingFloat: CashPieces, at: Date,
                               isRegister: Bool = false) throws -> Bool {
        try write { db in
            try db.execute(sql: """
                INSERT INTO terminals (terminal_id, store_id, opened_at, is_register) VALUES (?, ?, ?, ?)
                ON CONFLICT (terminal_id) DO NOTHING
                """, arguments: [terminalId, storeId, LedgerTime.text(at), isRegister])
            let hasMoved = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM cash_movements WHERE terminal_id = ?)",
                                             arguments: [terminalId]) ?? false
            guard !hasMoved, openingFloat.counts.values.contains(where: { $0 > 0 }) else { return false }
            var commit = try Commit(db: db)
            try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at,
                                    step: .replenished(pieces: openingFloat, staff: "opening float")))
            return true
        }
    }
}
