import Foundation
import Money
import GRDB

/// Staff putting change into a terminal and taking cash out of it, by denomination.
/// Each is one commit: a `replenished` or `collected` journal row with the staff member's
/// name, `replenish` or `collect` rows in `cash_movements`, and the new inventory.
extension Ledger {
    /// Puts pieces into the terminal's cash unit; refuses more than the unit has room for.
    /// `opening`: the terminal opens first, in the same write, when it has never opened.
    public func replenish(terminalId: String, pieces: CashPieces, staff: String, limits: CashUnitLimits, at: Date = Date(),
                          opening: TerminalOpening? = nil) throws {
        try handleCash(terminalId: terminalId, pieces: pieces, staff: staff, limits: limits, at: at, opening: opening, verb: "replenish") { have, d, n in
            let room = (limits.capacities[d] ?? 0) - have
            guard n <= room else {
                throw LedgerError.invalidEntry("Terminal \(terminalId) has room for \(max(0, room)) more of ¥\(d), not \(n).")
            }
        } step: { .replenished(pieces: $0, staff: staff) }
    }

    /// Takes pieces out of the terminal's cash unit; refuses more than it holds.
    public func collect(terminalId: String, pieces: CashPieces, staff: String, limits: CashUnitLimits, at: Date = Date(),
                        opening: TerminalOpening? = nil) throws {
        try handleCash(terminalId: terminalId, pieces: pieces, staff: staff, limits: limits, at: at, opening: opening, verb: "collect") { have, d, n in
            guard n <= have else {
                throw LedgerError.invalidEntry("Terminal \(terminalId) holds \(have) of ¥\(d), fewer than the \(n) to collect.")
            }
        } step: { .collected(pieces: $0, staff: staff) }
    }

    /// Checks the whole request inside the write transaction, so nothing is recorded unless
    /// every denomination passes.
    private func handleCash(terminalId: String, pieces: CashPieces, staff: String, limits: CashUnitLimits, at: Date,
                            opening: TerminalOpening?, verb: String, check: (Int, Int, Int) throws -> Void, step: (CashPieces) -> Step) throws {
        let wanted = pieces
        guard !wanted.isEmpty else { throw LedgerError.invalidEntry("Give at least one count to \(verb), like 1000=20.") }
        guard !staff.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError.invalidEntry("Cash is only handled in the name of a member of staff.")
        }
        for (d, n) in wanted.byDenomination.reversed() {
            guard limits.capacities[d] != nil else {
                throw LedgerError.invalidEntry("The machine does not take ¥\(d); it takes \(limits.takenList).")
            }
            guard n > 0 else { throw LedgerError.invalidEntry("A count of ¥\(d) pieces cannot be negative (\(n)).") }
        }
        try write { db in
            try opening?.open(db, at: at)
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM terminals WHERE terminal_id = ?)", arguments: [terminalId]) == true else {
                throw LedgerError.invalidEntry("Terminal \(terminalId) has never opened on this ledger.")
            }
            for (d, n) in wanted.byDenomination.reversed() {
                let have = try Int.fetchOne(db, sql: "SELECT count FROM cash_inventory WHERE terminal_id = ? AND denomination = ?",
                                            arguments: [terminalId, d]) ?? 0
                try check(have, d, n)
            }
            var commit = try Commit(db: db)
            try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at, step: step(wanted)))
        }
    }
}
