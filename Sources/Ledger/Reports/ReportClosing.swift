import Foundation
import Money
import GRDB

/// X and Z reports. Both cover what a terminal did since its last Z; an X only reads, a Z
/// closes that period: numbered 1, 2, 3… per terminal, its JSON stored in `z_reports` with
/// its hash (never changed again), and journaled with the staff member's name. A period
/// with nothing in it still closes, as an empty numbered Z.
extension Ledger {
    /// Interim report of one terminal up to `at`; `counted` is the cash staff counted in it.
    public func xReport(terminalId: String, at: Date = Date(), counted: CashPieces? = nil) throws -> ShiftReport {
        let at = try xReportEnd(at)
        return try read { db in
            try Self.terminalReport(db, path: path, kind: .x, terminalId: terminalId, at: at,
                                    countedYen: counted.map { $0.total.amount })
        }
    }

    /// Interim report of every terminal of the store, summed.
    public func xReport(storeId: String, at: Date = Date()) throws -> ShiftReport {
        let at = try xReportEnd(at)
        return try read { db in
            let reports = try storeTerminals(db, storeId: storeId).map {
                try Self.terminalReport(db, path: path, kind: .x, terminalId: $0, at: at, countedYen: nil)
            }
            return ShiftReport.store(storeId, kind: .x, to: reports.map(\.to).max() ?? LedgerTime.stored(at), of: reports)
        }
    }

    /// Closes the terminal's period at `at` and returns its Z report.
    @discardableResult
    public func closeZ(terminalId: String, staff: String, at: Date = Date(), counted: CashPieces? = nil) throws -> ShiftReport {
        try checkStaffName(staff)
        return try write { db in
            try closeTerminal(db, terminalId: terminalId, staff: staff, at: at, counted: counted)
        }
    }

    /// Closes every terminal of the store at `at`, each with its own Z number, all in one
    /// commit; returns the store's total.
    @discardableResult
    public func closeZ(storeId: String, staff: String, at: Date = Date()) throws -> ShiftReport {
        try checkStaffName(staff)
        return try write { db in
            let reports = try storeTerminals(db, storeId: storeId).map {
                try closeTerminal(db, terminalId: $0, staff: staff, at: at, counted: nil)
            }
            return ShiftReport.store(storeId, kind: .z, to: reports.map(\.to).max() ?? LedgerTime.stored(at), of: reports)
        }
    }

    /// The store a terminal belongs to, when it has opened on this ledger.
    public func storeId(ofTerminal terminalId: String) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT store_id FROM terminals WHERE terminal_id = ?", arguments: [terminalId])
        }
    }

    /// Terminals that have opened on this ledger (of one store, or all), by id.
    public func terminalIds(storeId: String? = nil) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT terminal_id FROM terminals WHERE ?1 IS NULL OR store_id = ?1 ORDER BY terminal_id",
                                arguments: [storeId])
        }
    }

    // MARK: - Inside a transaction

    private func closeTerminal(_ db: Database, terminalId: String, staff: String, at: Date, counted: CashPieces?) throws -> ShiftReport {
        let countedYen = counted.map { $0.total.amount }
        let report = try Self.closePeriod(db, path: path, terminalId: terminalId, at: at, countedYen: countedYen)
        var commit = try Commit(db: db)
        try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at,
                                step: .zClosed(number: report.number!, periodEnd: LedgerTime.text(report.to),
                                               countedYen: countedYen, staff: staff)))
        return report
    }

    /// The terminal's Z up to `at`, numbered and stored in `z_reports`, so the next period
    /// starts after it. The journal row is the caller's: a replay already has it.
    /// An interim report shows everything recorded so far: a simulated day may run ahead of
    /// the clock (a store that opens at 07:00, simulated at 01:00), and its sales are recorded.
    private func xReportEnd(_ at: Date) throws -> Date {
        max(at, try lastEntryTime() ?? at)
    }

    static func closePeriod(_ db: Database, path: String, terminalId: String, at: Date, countedYen: Int?) throws -> ShiftReport {
        var report = try terminalReport(db, path: path, kind: .z, terminalId: terminalId, at: at, countedYen: countedYen)
        let number = try ZReportRow.nextNumber(db, terminalId: terminalId)
        report.number = number
        try ZReportRow.insert(db, number: number, storeId: report.storeId, terminalId: terminalId,
                              businessDate: LedgerTime.japanDate(report.to), closedAt: report.to, body: report.json)
        return report
    }

    static func terminalReport(_ db: Database, path: String, kind: ShiftReport.Kind, terminalId: String, at: Date,
                               countedYen: Int?) throws -> ShiftReport {
        guard let row = try Row.fetchOne(db, sql: "SELECT store_id, is_register FROM terminals WHERE terminal_id = ?",
                                         arguments: [terminalId]) else {
            throw LedgerError.invalidEntry("Terminal \(terminalId) has never opened on this ledger, so it has nothing to report.")
        }
        let storeId: String = row["store_id"]
        let lastZ = try String.fetchOne(db, sql: "SELECT MAX(closed_at) FROM z_reports WHERE terminal_id = ?", arguments: [terminalId])
        let to = try periodEnd(db, path: path, terminalId: terminalId, at)
        let from = try lastZ.map { try storedTime($0, path: path) }
        if let from, from >= to {
            throw LedgerError.invalidEntry("Terminal \(terminalId) was last closed at \(lastZ!), after \(LedgerTime.text(to)).")
        }
        let totals = ReportTotals(db: db, terminalId: terminalId, from: lastZ ?? "", to: LedgerTime.text(to))
        var report = try totals.report(kind: kind, storeId: storeId, fromDate: from, toDate: to, counted: countedYen)
        report.isRegister = row["is_register"]
        return report
    }

    /// A report runs to `at`, or to the terminal's newest sale or cash movement if that is
    /// later: a simulated day may be journaled ahead of the wall clock, and a report still
    /// covers all of it. Both lookups are the last entry of a report index.
    private static func periodEnd(_ db: Database, path: String, terminalId: String, _ at: Date) throws -> Date {
        let newest = try [
            String.fetchOne(db, sql: "SELECT MAX(finished_at) FROM transactions WHERE terminal_id = ?", arguments: [terminalId]),
            String.fetchOne(db, sql: "SELECT MAX(at) FROM cash_movements WHERE terminal_id = ?", arguments: [terminalId]),
        ].compactMap { $0 }.map { try storedTime($0, path: path) }
        return LedgerTime.stored(([at] + newest).max()!)
    }

    private func storeTerminals(_ db: Database, storeId: String) throws -> [String] {
        let ids = try String.fetchAll(db, sql: "SELECT terminal_id FROM terminals WHERE store_id = ? ORDER BY terminal_id",
                                      arguments: [storeId])
        guard !ids.isEmpty else {
            throw LedgerError.invalidEntry("Store \(storeId) has no terminal that has opened on this ledger.")
        }
        return ids
    }

    private func checkStaffName(_ staff: String) throws {
        guard !staff.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError.invalidEntry("A Z report is closed in the name of a member of staff.")
        }
    }
}
