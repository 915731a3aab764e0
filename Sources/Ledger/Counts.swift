import GRDB

extension Ledger {
    /// How many transactions a terminal has had; the next one's number follows.
    public func transactionCount(terminalId: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM transactions WHERE terminal_id = ?", arguments: [terminalId]) ?? 0
        }
    }
}
