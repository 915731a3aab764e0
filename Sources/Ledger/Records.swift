import Foundation
import Money

/// What one durable commit produced.
public struct Recorded: Equatable, Sendable {
    /// Transaction id → receipt number assigned in this commit.
    public var receiptNumbers: [String: Int]

    public init(receiptNumbers: [String: Int] = [:]) {
        self.receiptNumbers = receiptNumbers
    }
}

public enum TransactionStatus: String, Codable, Sendable, CaseIterable {
    case open, completed, cancelled, refunded, refundDue = "refund_due", failed
}

/// One row of `transactions`.
public struct TransactionRecord: Equatable, Codable, Sendable {
    public var id: String
    public var storeId: String
    public var terminalId: String
    public var businessDate: String
    public var startedAt: Date
    public var finishedAt: Date?
    public var status: TransactionStatus
    public var simNumber: String
    public var carrierId: String
    public var planId: String
    public var amountYen: Int
    public var taxYen: Int
    public var paymentMethod: PaymentMethod?
    public var cashInYen: Int
    public var changeYen: Int
    public var cardBrand: String?
    public var cardLast4: String?
    public var authCode: String?
    public var receiptNo: Int?

    public init(id: String, storeId: String, terminalId: String, businessDate: String,
                startedAt: Date, finishedAt: Date?, status: TransactionStatus,
                simNumber: String, carrierId: String, planId: String, amountYen: Int, taxYen: Int,
                paymentMethod: PaymentMethod?, cashInYen: Int, changeYen: Int,
                cardBrand: String?, cardLast4: String?, authCode: String?, receiptNo: Int?) {
        self.id = id
        self.storeId = storeId
        self.terminalId = terminalId
        self.businessDate = businessDate
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.simNumber = simNumber
        self.carrierId = carrierId
        self.planId = planId
        self.amountYen = amountYen
        self.taxYen = taxYen
        self.paymentMethod = paymentMethod
        self.cashInYen = cashInYen
        self.changeYen = changeYen
        self.cardBrand = cardBrand
        self.cardLast4 = cardLast4
        self.authCode = authCode
        self.receiptNo = receiptNo
    }
}

public enum CashMovementKind: String, Codable, Sendable, CaseIterable {
    case cashIn = "in", change, refund, replenish, collect

    /// +1 when the kind adds pieces to the terminal's inventory, −1 when it takes them out.
    public var sign: Int {
        switch self {
        case .cashIn, .replenish: return 1
        case .change, .refund, .collect: return -1
        }
    }
}

/// One row of `cash_movements`.
public struct CashMovementRecord: Equatable, Codable, Sendable {
    public var id: Int64
    public var terminalId: String
    public var at: Date
    public var kind: CashMovementKind
    public var denomination: Int
    public var count: Int
    public var txnId: String?

    public init(id: Int64, terminalId: String, at: Date, kind: CashMovementKind,
                denomination: Int, count: Int, txnId: String?) {
        self.id = id
        self.terminalId = terminalId
        self.at = at
        self.kind = kind
        self.denomination = denomination
        self.count = count
        self.txnId = txnId
    }
}

/// One row of `journal`, its step decoded.
public struct JournalRecord: Equatable, Sendable {
    public var seq: Int64
    public var txnId: String?
    public var terminalId: String
    public var at: Date
    public var step: Step

    public init(seq: Int64, txnId: String?, terminalId: String, at: Date, step: Step) {
        self.seq = seq
        self.txnId = txnId
        self.terminalId = terminalId
        self.at = at
        self.step = step
    }
}

/// The carrier host's record of a plan applied, keyed by the kiosk's transaction id.
public struct HostTopUp: Equatable, Sendable {
    public var txnId: String
    public var simNumber: String
    public var planId: String
    public var newExpiry: String
    public var appliedAt: Date

    public init(txnId: String, simNumber: String, planId: String, newExpiry: String, appliedAt: Date) {
        self.txnId = txnId
        self.simNumber = simNumber
        self.planId = planId
        self.newExpiry = newExpiry
        self.appliedAt = appliedAt
    }
}

/// Money the machine kept and owes the customer, until staff settle it.
public struct RefundDueRecord: Equatable, Sendable {
    public var txnId: String
    public var terminalId: String
    public var yen: Int
    public var reason: String
    public var at: Date

    public init(txnId: String, terminalId: String, yen: Int, reason: String, at: Date) {
        self.txnId = txnId
        self.terminalId = terminalId
        self.yen = yen
        self.reason = reason
        self.at = at
    }
}

/// A closed business day of one terminal; its body never changes once stored.
public struct ZReportRecord: Equatable, Sendable {
    public var number: Int
    public var storeId: String
    public var terminalId: String
    public var businessDate: String
    public var closedAt: Date
    public var body: String
    /// Hex SHA-256 of `body`.
    public var hash: String

    public init(number: Int, storeId: String, terminalId: String, businessDate: String,
                closedAt: Date, body: String, hash: String) {
        self.number = number
        self.storeId = storeId
        self.terminalId = terminalId
        self.businessDate = businessDate
        self.closedAt = closedAt
        self.body = body
        self.hash = hash
    }
}

public enum VerifyReport: Equatable, Sendable {
    case ok(rows: Int, zReports: Int)
    /// The first journal row whose chain is broken, and why.
    case broken(seq: Int64, reason: String)
    case zReportChanged(number: Int, terminalId: String)
    /// SQLite's own integrity check failed: its first complaint.
    case damaged(String)
    /// A table derived from the journal no longer agrees with it: the first row that differs.
    case tableDisagrees(table: String, detail: String)

    /// What is wrong, as one sentence; nil when the ledger is intact.
    public var problem: String? {
        switch self {
        case .ok: return nil
        case .broken(let seq, let reason): return "The journal is broken at seq \(seq): \(reason)."
        case .zReportChanged(let number, let terminal): return "Z report \(number) of terminal \(terminal) was changed after it was closed."
        case .damaged(let complaint): return "The ledger file is damaged: SQLite's integrity check says \"\(complaint)\"."
        case .tableDisagrees(let table, let detail): return "The \(table) table disagrees with the journal: \(detail)."
        }
    }
}

public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, json, hledger
}
