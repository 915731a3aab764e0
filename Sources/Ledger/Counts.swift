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
    /// The latest time anything was journaled at, on any terminal (the rows of one group
    /// commit follow the machines, not the clock, so the last row need not be the latest).
    public func lastEntryTime() throws -> Date? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT max(at) FROM journal").flatMap(LedgerTime.date)
        }
    }
}
