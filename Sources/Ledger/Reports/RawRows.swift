import GRDB
import GRDBSQLite

/// A query stepped on SQLite's own buffers, for a report that sums a million rows itself:
/// columns are read as integers and as bytes in place, with no `Row` or `String` made per
/// row. Only valid inside `each`'s body, for the row at hand.
struct RawRows {
    private let statement: SQLiteStatement

    /// Calls `body` once for every row of the query.
    static func each(_ db: Database, sql: String, arguments: StatementArguments, _ body: (RawRows) throws -> Void) throws {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let rows = RawRows(statement: statement.sqliteStatement)
        defer { sqlite3_reset(statement.sqliteStatement) }
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
            }
            try body(rows)
        }
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(statement, column))
    }

    /// The column's text as UTF-8, nil when it is NULL.
    func text(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        // The pointer first, then the length, as SQLite asks.
        guard let start = sqlite3_column_text(statement, column) else { return nil }
        return UnsafeBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement, column)))
    }
}
