import Foundation
import GRDB

/// An application slip (申込券): a machine that takes no money prints one, and the store's
/// register takes the money for it. What `slipIssued` writes into `register_slips`.
public struct SlipIssue: Hashable, Sendable, Codable {
    public var slipNo: String
    public var storeId: String
    /// The machine that printed it.
    public var terminalId: String
    public var simNumber: String
    public var carrierId: String
    public var planId: String
    public var amountYen: Int
    /// How long after it is printed the register still takes it.
    public var validMinutes: Int
    /// The customer's language, so that the register's receipt speaks it too.
    public var language: String?

    public init(slipNo: String, storeId: String, terminalId: String, simNumber: String, carrierId: String,
                planId: String, amountYen: Int, validMinutes: Int, language: String?) {
        self.slipNo = slipNo
        self.storeId = storeId
        self.terminalId = terminalId
        self.simNumber = simNumber
        self.carrierId = carrierId
        self.planId = planId
        self.amountYen = amountYen
        self.validMinutes = validMinutes
        self.language = language
    }
}

/// Where a slip stands. `paying` while a register's transaction for it is open; a payment
/// that fails (a card declined) gives the slip back as `issued`.
public enum SlipStatus: String, Sendable, Codable, CaseIterable {
    case issued, paying, paid, refunded, voided

    /// Where a `paying` slip stands once the register's transaction for it ended.
    public static func after(_ status: TransactionStatus) -> SlipStatus {
        switch status {
        case .completed, .refundDue: return .paid
        case .refunded: return .refunded
        case .cancelled, .failed, .open: return .issued
        }
    }
}

/// Why the register cannot take a slip.
public enum SlipRefusal: Equatable, Sendable {
    case unknown
    /// A register has taken it already (paid, being paid, or refunded).
    case alreadyPaid
    case voided
    /// Nobody paid it in time.
    case expired(at: Date)

    public func sentence(slipNo: String) -> String {
        switch self {
        case .unknown: return "There is no slip \(slipNo) in the ledger."
        case .alreadyPaid: return "Slip \(slipNo) is already paid."
        case .voided: return "Slip \(slipNo) was voided and cannot be paid."
        case .expired(let at):
            return "Slip \(slipNo) expired at \(LedgerTime.japanTime(at)) JST; the customer can print a new one at the machine."
        }
    }
}

/// A row of `register_slips`.
public struct SlipRecord: Equatable, Sendable {
    public var issue: SlipIssue
    public var issuedAt: Date
    public var expiresAt: Date
    public var status: SlipStatus
    /// The register's transaction, once one took it.
    public var txnId: String?
    public var registerId: String?

    /// Why a register cannot take it at `now`; nil when it can. The ledger refuses a payment
    /// by this same rule inside its write transaction.
    public func refusal(at now: Date) -> SlipRefusal? {
        switch status {
        case .issued: return now > expiresAt ? .expired(at: expiresAt) : nil
        case .paying, .paid, .refunded: return .alreadyPaid
        case .voided: return .voided
        }
    }
}

extension Ledger {
    /// The slip with this number, as the register scans it.
    public func slip(_ slipNo: String) throws -> SlipRecord? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM register_slips WHERE slip_no = ?", arguments: [slipNo]).map(SlipRecord.init(row:))
        }
    }

    /// How many slips this machine has printed: the next slip's number follows.
    public func slipCount(terminalId: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM register_slips WHERE terminal_id = ?", arguments: [terminalId]) ?? 0
        }
    }
}

extension SlipRecord {
    init(row: Row) {
        issue = SlipIssue(slipNo: row["slip_no"], storeId: row["store_id"], terminalId: row["terminal_id"],
                          simNumber: row["sim_number"], carrierId: row["carrier_id"], planId: row["plan_id"],
                          amountYen: row["amount_yen"], validMinutes: row["valid_minutes"], language: row["language"])
        issuedAt = LedgerTime.date(row["issued_at"]) ?? Date(timeIntervalSince1970: 0)
        expiresAt = LedgerTime.date(row["expires_at"]) ?? Date(timeIntervalSince1970: 0)
        status = SlipStatus(rawValue: row["status"]) ?? .voided
        txnId = row["txn_id"]
        registerId = row["register_id"]
    }
}

/// What the slip steps, and a register's transaction for a slip, do to `register_slips`.
/// Inside the commit's write transaction, so that two registers scanning one slip at the same
/// moment cannot both take it: the second finds it taken.
extension Commit {
    func issueSlip(_ s: SlipIssue, at: Date) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM register_slips WHERE slip_no = ?)", arguments: [s.slipNo]) == true {
            throw LedgerError.invalidEntry("Slip \(s.slipNo) has already been printed.")
        }
        try db.executeCached(sql: """
            INSERT INTO register_slips (slip_no, store_id, terminal_id, sim_number, carrier_id, plan_id, amount_yen,
                valid_minutes, language, issued_at, expires_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued')
            """, arguments: [s.slipNo, s.storeId, s.terminalId, s.simNumber, s.carrierId, s.planId, s.amountYen,
                             s.validMinutes, s.language, LedgerTime.text(at),
                             LedgerTime.text(at.addingTimeInterval(Double(s.validMinutes) * 60))])
    }

    /// The slip as it stands, refused unless it can still be paid at `at`.
    func payableSlip(_ slipNo: String, at: Date) throws -> SlipRecord {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM register_slips WHERE slip_no = ?", arguments: [slipNo]) else {
            throw LedgerError.slipRefused(slipNo, .unknown)
        }
        let slip = SlipRecord(row: row)
        if let why = slip.refusal(at: at) { throw LedgerError.slipRefused(slipNo, why) }
        return slip
    }

    /// A register's transaction takes the slip: it must be for the same SIM, plan and amount.
    func takeSlip(_ slipNo: String, for s: TransactionStart, at: Date) throws {
        let slip = try payableSlip(slipNo, at: at).issue
        guard slip.storeId == s.storeId, slip.simNumber == s.simNumber, slip.planId == s.planId, slip.amountYen == s.amountYen else {
            throw LedgerError.invalidEntry("Transaction \(s.id) does not match slip \(slipNo) (store, SIM, plan or amount).")
        }
        try db.executeCached(sql: "UPDATE register_slips SET status = 'paying', txn_id = ?, register_id = ? WHERE slip_no = ?",
                       arguments: [s.id, s.terminalId, slipNo])
    }

    /// Only a slip nobody has taken is voided; one past its time may still be.
    func voidSlip(_ slipNo: String, at: Date) throws {
        _ = try payableSlip(slipNo, at: .distantPast)
        try db.executeCached(sql: "UPDATE register_slips SET status = 'voided' WHERE slip_no = ?", arguments: [slipNo])
    }

    /// A register's transaction ended: its slip is paid, refunded, or (the payment failed)
    /// there to be paid again.
    func settleSlip(txnId: String, as status: TransactionStatus) throws {
        try db.executeCached(sql: "UPDATE register_slips SET status = ? WHERE txn_id = ? AND status = 'paying'",
                       arguments: [SlipStatus.after(status).rawValue, txnId])
    }
}
