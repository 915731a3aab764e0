import Foundation

/// Why the ledger refused to open or to record. Each reads as one plain sentence for staff.
public enum LedgerError: Error, CustomStringConvertible, Equatable, Sendable {
    case isDirectory(path: String)
    /// The file exists but is not a kiosk ledger (not SQLite, or another program's database).
    /// It is never modified.
    case notALedger(path: String)
    case readOnly(path: String)
    /// Another connection held the write lock for longer than the time-out.
    case busy(path: String)
    case diskFull(path: String)
    case cannotOpen(path: String, reason: String)
    case corrupt(path: String)
    /// The file was migrated by a newer kiosk than this one.
    case newerLedger(path: String, migration: String)
    case ioFailure(path: String, reason: String)
    case database(path: String, reason: String)
    case unknownTransaction(id: String)
    case duplicateTransaction(id: String)
    case alreadyFinished(id: String, status: TransactionStatus)
    case notEnoughCash(terminal: String, denomination: Int, have: Int, want: Int)
    case noRefundDue(id: String)
    /// An entry that breaks a rule of the ledger; the reason is a sentence.
    case invalidEntry(String)
    /// A stored journal row whose step can no longer be read.
    case unreadableJournalRow(seq: Int64)
    case wrongPIN(attemptsLeft: Int)
    /// Too many wrong PINs in a row: staff mode opens again at `until`.
    case staffLocked(until: Date)
    case staffExists(name: String)
    case unknownStaff(name: String)
    /// An application slip the register cannot take, and why.
    case slipRefused(String, SlipRefusal)

    public var description: String {
        switch self {
        case .isDirectory(let path):
            return "The ledger path \(path) is a folder; give the path of a ledger file instead."
        case .notALedger(let path):
            return "The file \(path) is not a Conbini Kiosk ledger, so it was left untouched."
        case .readOnly(let path):
            return "The ledger \(path) is read-only, so nothing can be recorded in it."
        case .busy(let path):
            return "The ledger \(path) stayed locked by another program for too long."
        case .diskFull(let path):
            return "The ledger \(path) cannot grow because the disk is full."
        case .cannotOpen(let path, let reason):
            return "The ledger \(path) cannot be opened: \(reason)."
        case .corrupt(let path):
            return "The ledger \(path) is damaged (it fails SQLite's own check), so nothing more is written to it; restore it from a copy."
        case .newerLedger(let path, let migration):
            return "The ledger \(path) was updated by a newer kiosk (schema step \(migration))."
        case .ioFailure(let path, let reason):
            return "The ledger \(path) could not be written to disk: \(reason)."
        case .database(let path, let reason):
            return "The ledger \(path) reported an error: \(reason)."
        case .unknownTransaction(let id):
            return "There is no transaction \(id) in the ledger."
        case .duplicateTransaction(let id):
            return "Transaction \(id) has already begun."
        case .alreadyFinished(let id, let status):
            return "Transaction \(id) is already \(status.rawValue) and cannot be finished again."
        case .notEnoughCash(let terminal, let denomination, let have, let want):
            return "Terminal \(terminal) holds \(have) of ¥\(denomination), fewer than the \(want) to pay out."
        case .noRefundDue(let id):
            return "Transaction \(id) has no unsettled refund due."
        case .invalidEntry(let reason):
            return reason
        case .unreadableJournalRow(let seq):
            return "Journal row \(seq) holds a step this kiosk cannot read."
        case .wrongPIN(let left):
            return "That PIN is not right; \(left) more wrong \(left == 1 ? "try locks" : "tries lock") staff mode for five minutes."
        case .staffLocked(let until):
            return "Staff mode is locked after \(Ledger.pinAttempts) wrong PINs in a row; try again after \(LedgerTime.japanTime(until)) JST."
        case .staffExists(let name):
            return "There is already a member of staff called \(name)."
        case .unknownStaff(let name):
            return "There is no member of staff called \(name); add them with `kiosk staff add --name \(name)`."
        case .slipRefused(let no, let why):
            return why.sentence(slipNo: no)
        }
    }
}
