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
        let opening = TerminalOpening(storeId: storeId, terminalId: terminalId, openingFloat: openingFloat, isRegister: isRegister)
        return try write { db in try opening.open(db, at: at) }
    }
}

/// A terminal's first opening on a ledger: its row, and its opening float journaled once.
/// Done in the same write as the staff action that needs it, so that an action refused
/// leaves the ledger as it was.
public struct TerminalOpening: Sendable {
    public var storeId: String
    public var terminalId: String
    public var openingFloat: CashPieces
    public var isRegister: Bool

    public init(storeId: String, terminalId: String, openingFloat: CashPieces, isRegister: Bool = false) {
        self.storeId = storeId
        self.terminalId = terminalId
        self.openingFloat = openingFloat
        self.isRegister = isRegister
    }

    /// True when the float was recorded now.
    @discardableResult
    func open(_ db: Database, at: Date) throws -> Bool {
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
