import Foundation
import GRDB

/// Closed business days. A Z report is numbered 1, 2, 3… per terminal, stored with the
/// SHA-256 of its body, and never changes afterwards (`verify` checks the hash).
extension Ledger {
    @discardableResult
    public func closeDay(storeId: String, terminalId: String, businessDate: String, closedAt: Date, body: String) throws -> ZReportRecord {
        guard EntryRules.isDate(businessDate) else {
            throw LedgerError.invalidEntry("The business date \"\(businessDate)\" is not a date like 2026-11-25.")
        }
        return try write { db in
            let number = try ZReportRow.nextNumber(db, terminalId: terminalId)
            return try ZReportRow.insert(db, number: number, storeId: storeId, terminalId: terminalId,
                                         businessDate: businessDate, closedAt: closedAt, body: body)
        }
    }

    /// The terminal's Z reports, by number.
    public func zReports(terminalId: String) throws -> [ZReportRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM z_reports WHERE terminal_id = ? ORDER BY number", arguments: [terminalId])
                .map { row in
                    ZReportRecord(number: row["number"], storeId: row["store_id"], terminalId: row["terminal_id"],
                                  businessDate: row["business_date"], closedAt: try storedTime(row["closed_at"], path: path),
                                  body: row["body"], hash: row["hash"])
                }
        }
    }
}

/// How a Z report is numbered and stored, inside the caller's write transaction.
enum ZReportRow {
    static func nextNumber(_ db: Database, terminalId: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM z_reports WHERE terminal_id = ?",
                         arguments: [terminalId]) ?? 1
    }

    @discardableResult
    static func insert(_ db: Database, number: Int, storeId: String, terminalId: String, businessDate: String,
                       closedAt: Date, body: String) throws -> ZReportRecord {
        let report = ZReportRecord(number: number, storeId: storeId, terminalId: terminalId, businessDate: businessDate,
                                   closedAt: LedgerTime.stored(closedAt), body: body, hash: Chain.sha256(body))
        try db.execute(sql: """
            INSERT INTO z_reports (number, store_id, terminal_id, business_date, closed_at, body, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [number, storeId, terminalId, businessDate, LedgerTime.text(closedAt), body, report.hash])
        return report
    }
}
