import Foundation
import GRDB

/// The paper in each terminal's printer, kept in the ledger like the cash in its cash unit,
/// so that a printer that ran out is still out after a restart, until staff load paper.
///
/// Paper used is the printer's own count and is written as a device writes (see
/// `deviceWrite`); a roll loaded is staff's work, journaled with their name.
extension Ledger {
    /// Sheets left in the terminal's printer; nil while the ledger has no count for it (the
    /// roll it was set up with is still in, untouched).
    public func paperSheets(terminalId: String) throws -> Int? {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: "SELECT sheets FROM printer_paper WHERE terminal_id = ?"),
                             arguments: [terminalId])
        }
    }

    /// Takes `sheets` off the roll, which held `setUp` sheets if the ledger has no count for
    /// it yet; returns the sheets left (never below zero).
    @discardableResult
    public func usePaper(terminalId: String, sheets: Int, setUp: Int) throws -> Int {
        try deviceWrite { db in
            try db.executeCached(sql: """
                INSERT INTO printer_paper (terminal_id, sheets) VALUES (?1, max(0, ?2 - ?3))
                ON CONFLICT (terminal_id) DO UPDATE SET sheets = max(0, sheets - ?3)
                """, arguments: [terminalId, setUp, sheets])
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT sheets FROM printer_paper WHERE terminal_id = ?"),
                                    arguments: [terminalId]) ?? 0
        }
    }

    /// The printer found its roll empty, whatever the count said.
    public func runOutOfPaper(terminalId: String) throws {
        try deviceWrite { db in try Ledger.setPaper(db, terminalId: terminalId, sheets: 0) }
    }

    /// A member of staff loads a roll of `sheets`: one durable commit, journaled with their name.
    ///
    /// ```swift
    /// try ledger.loadPaper(terminalId: "FM-NMB-1", sheets: 400, staff: "Sato")
    /// ```
    public func loadPaper(terminalId: String, sheets: Int, staff: String, at: Date = Date()) throws {
        try Ledger.checkRoll(sheets)
        guard !staff.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError.invalidEntry("Paper is only loaded in the name of a member of staff.")
        }
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM terminals WHERE terminal_id = ?)", arguments: [terminalId]) == true else {
                throw LedgerError.invalidEntry("Terminal \(terminalId) has never opened on this ledger.")
            }
            var commit = try Commit(db: db)
            try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at,
                                    step: .staff(action: PaperLoad.action(sheets), name: staff)))
            try Ledger.setPaper(db, terminalId: terminalId, sheets: sheets)
        }
    }

    /// A roll holds from one sheet up to a long 80 mm roll of short receipts.
    public static func checkRoll(_ sheets: Int) throws {
        let largest = 10_000
        guard (1...largest).contains(sheets) else {
            throw LedgerError.invalidEntry("A roll of paper holds 1 to \(largest) sheets, not \(sheets).")
        }
    }

    private static func setPaper(_ db: Database, terminalId: String, sheets: Int) throws {
        try db.executeCached(sql: """
            INSERT INTO printer_paper (terminal_id, sheets) VALUES (?, ?)
            ON CONFLICT (terminal_id) DO UPDATE SET sheets = excluded.sheets
            """, arguments: [terminalId, sheets])
    }
}

/// How a roll loaded is written in the journal's staff row, and read back from it (the head
/// office keeps each terminal's last roll from the journal).
public enum PaperLoad {
    public static func action(_ sheets: Int) -> String { "loaded paper: \(sheets) sheets" }

    public static func sheets(loadedBy action: String) -> Int? {
        guard action.hasPrefix("loaded paper: "), action.hasSuffix(" sheets") else { return nil }
        return Int(action.dropFirst("loaded paper: ".count).dropLast(" sheets".count))
    }
}
