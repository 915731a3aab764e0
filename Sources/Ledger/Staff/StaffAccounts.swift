import Foundation
import GRDB

/// A member of the store's staff, as staff mode knows them after a PIN check.
public struct StaffMember: Equatable, Sendable {
    public var name: String

    public init(name: String) {
        self.name = name
    }
}

/// Staff accounts and the PIN that opens staff mode.
///
/// Accounts live in `staff`; each terminal's run of wrong PINs in `staff_lockout`. What
/// happened (signed in, wrong PIN, locked out) is journaled as `staff` steps in the
/// hash-chained journal, beside the customers' steps of the same terminal: one ordered,
/// tamper-evident record for an auditor, where a separate log table could be edited
/// without a trace. The lockout table only holds the current state, for a quick check.
extension Ledger {
    /// Wrong PINs in a row that lock a terminal's staff mode, and for how long.
    public static let pinAttempts = 5
    public static let lockout: TimeInterval = 5 * 60

    /// Adds a member of staff. The PIN (4 to 8 digits) is stored salted and hashed. It is the
    /// member's own: staff sign in by choosing their name, then typing their PIN, so a PIN is
    /// never compared with another member's, and adding one never tells whose PIN it is.
    @discardableResult
    public func addStaff(name rawName: String, pin: String, at: Date = Date()) throws -> StaffMember {
        let name = try StaffName.normalised(rawName)
        try StaffPIN.check(pin)
        let existing = try staffHashes()
        if let same = existing.first(where: { StaffName.key($0.name) == StaffName.key(name) }) {
            throw LedgerError.staffExists(name: same.name)
        }
        let hash = try StaffPIN.hash(pin, cost: pinCost)
        try write { db in
            // Checked again under the write lock: another process may have added the same person meanwhile.
            if let same = try String.fetchAll(db, sql: "SELECT name FROM staff").first(where: { StaffName.key($0) == StaffName.key(name) }) {
                throw LedgerError.staffExists(name: same)
            }
            try db.execute(sql: "INSERT INTO staff (name, pin_hash, added_at) VALUES (?, ?, ?)",
                           arguments: [name, hash, LedgerTime.text(at)])
        }
        return StaffMember(name: name)
    }

    /// The member called `name`, however its case or width is typed; nil when there is none.
    public func staffMember(named name: String) throws -> StaffMember? {
        try staff().first { StaffName.key($0.name) == StaffName.key(name) }
    }

    /// Every member of staff, by name.
    public func staff() throws -> [StaffMember] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT name FROM staff ORDER BY name").map(StaffMember.init)
        }
    }

    /// Opens staff mode on a terminal for the named member when the PIN is theirs, journaled as
    /// signed in. A wrong PIN (or a name that is no member's) is journaled and throws
    /// `.wrongPIN`; the fifth in a row locks the terminal's staff mode for five minutes, during
    /// which every PIN throws `.staffLocked`.
    public func checkStaffPIN(_ pin: String, member name: String, terminalId: String, at: Date = Date()) throws -> StaffMember {
        guard !terminalId.isEmpty else { throw LedgerError.invalidEntry("A PIN check needs a terminal id.") }
        let (accounts, lockedUntil) = try read { db in
            (try staffHashes(db), try lockState(db, terminalId: terminalId, at: at).lockedUntil)
        }
        if let lockedUntil { throw LedgerError.staffLocked(until: lockedUntil) }
        guard !accounts.isEmpty else {
            throw LedgerError.invalidEntry("No staff are registered yet; add one with `kiosk staff add --name NAME`.")
        }
        let account = accounts.first { StaffName.key($0.name) == StaffName.key(name) }
        // The slow hash runs before the write lock is taken, so other kiosks keep journaling.
        let member = account.flatMap { StaffPIN.matches(pin, $0.hash) ? StaffMember(name: $0.name) : nil }
        let tried = account?.name ?? "unknown"
        let outcome: LedgerError? = try write { db in
            let state = try lockState(db, terminalId: terminalId, at: at)
            if let until = state.lockedUntil { return LedgerError.staffLocked(until: until) }
            var commit = try Commit(db: db)
            if let member {
                try setLockState(db, terminalId: terminalId, failures: 0, lockedUntil: nil)
                try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at, step: .staff(action: "signed in", name: member.name)))
                return nil
            }
            let failures = state.failures + 1
            if failures >= Ledger.pinAttempts {
                let until = LedgerTime.stored(at.addingTimeInterval(Ledger.lockout))
                try setLockState(db, terminalId: terminalId, failures: 0, lockedUntil: until)
                try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at, step: .staff(
                    action: "wrong PIN \(failures) of \(Ledger.pinAttempts); staff mode locked until \(LedgerTime.text(until))",
                    name: tried)))
                return LedgerError.staffLocked(until: until)
            }
            try setLockState(db, terminalId: terminalId, failures: failures, lockedUntil: nil)
            try commit.append(Entry(txnId: nil, terminalId: terminalId, at: at, step: .staff(
                action: "wrong PIN \(failures) of \(Ledger.pinAttempts)", name: tried)))
            return LedgerError.wrongPIN(attemptsLeft: Ledger.pinAttempts - failures)
        }
        if let outcome { throw outcome }
        return member!
    }

    /// Journals something a member of staff did that moves no money (a report printed, a
    /// device checked); actions that move money journal the name with the money.
    public func recordStaffAction(_ action: String, by staff: String, terminalId: String, at: Date = Date()) throws {
        try record([Entry(txnId: nil, terminalId: terminalId, at: at, step: .staff(action: action, name: staff))])
    }

    // MARK: - Stored state

    private func staffHashes() throws -> [(name: String, hash: String)] {
        try read { db in try staffHashes(db) }
    }

    private func staffHashes(_ db: Database) throws -> [(name: String, hash: String)] {
        try Row.fetchAll(db, sql: "SELECT name, pin_hash FROM staff ORDER BY name").map { ($0["name"], $0["pin_hash"]) }
    }

    /// Wrong PINs so far, and the end of a lockout still running at `at`. A lockout that has
    /// run out starts a new count.
    private func lockState(_ db: Database, terminalId: String, at: Date) throws -> (failures: Int, lockedUntil: Date?) {
        guard let row = try Row.fetchOne(db, sql: "SELECT failures, locked_until FROM staff_lockout WHERE terminal_id = ?",
                                         arguments: [terminalId]) else { return (0, nil) }
        let until: String? = row["locked_until"]
        if let until, let date = LedgerTime.date(until) {
            return date > at ? (0, date) : (0, nil)
        }
        return (row["failures"], nil)
    }

    private func setLockState(_ db: Database, terminalId: String, failures: Int, lockedUntil: Date?) throws {
        try db.execute(sql: """
            INSERT INTO staff_lockout (terminal_id, failures, locked_until) VALUES (?, ?, ?)
            ON CONFLICT (terminal_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until
            """, arguments: [terminalId, failures, lockedUntil.map(LedgerTime.text)])
    }
}
