import Foundation
import GRDB

extension Ledger {
    /// How many transactions a terminal has had; the next one's number follows.
    public func transactionCount(terminalId: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM transactions WHERE terminal_id = ?", arguments: [terminalId]) ?? 0
        }
    }
}

extension Ledger {
    /// When anything was last journaled, on any terminal.
    public func lastEntryTime() throws -> Date? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1").flatMap(LedgerTime.date)
        }
    }
}
