import Foundation
import Money

/// One step of a transaction (or of a terminal's cash handling), as the kiosk journals it.
/// A list of entries passed to `Ledger.record` is one durable commit: the journal rows
/// (hash-chained) and their effects on `transactions`, `cash_movements` and `cash_inventory`.
///
/// This declaration is also the step's stored form (`StoredStep`): `journal.kind` is the
/// case's name in snake_case and `journal.payload` its values, keys in snake_case. A new
/// step is a new case here and, when it changes a table, a branch of `Commit.apply`.
public enum Step: Hashable, Sendable, Codable {
    /// A customer flow reaches payment: the `transactions` row, status `open`.
    case begin(TransactionStart)
    /// A coin or bill kept by the cash unit: an `in` movement, `cash_in_yen` grows.
    case cashIn(denomination: Int)
    /// Change about to be paid out (intent; no movement yet).
    case changeDue(pieces: CashPieces)
    /// Change paid out: `change` movements, `change_yen` grows.
    case changeDispensed(pieces: CashPieces)
    /// Cash about to be given back to the customer (intent; no movement yet).
    case cashReturnDue(pieces: CashPieces)
    /// Cash given back to the customer on cancel, time-out or failure: `refund` movements.
    case cashReturned(pieces: CashPieces)
    /// The card reader is about to ask the acquirer (intent). Never a full card number.
    case cardAuthorisationRequested(brand: String, last4: String)
    case cardAuthorised(brand: String, last4: String, authCode: String)
    /// The acquirer's decline code (`insufficient_funds`, `do_not_honour`…), or `timeout`.
    case cardDeclined(reason: String)
    case cardVoided(authCode: String)
    case cardCaptured(authCode: String)
    /// A phone wallet's payment code is about to be sent to the wallet's acquirer (intent).
    /// The code itself is a one-time bearer token and is never kept.
    case walletPaymentRequested(brand: String)
    /// The wallet paid: its trade number, and the last four digits of it for the receipt.
    case walletPaid(brand: String, last4: String, tradeNo: String)
    /// The wallet's decline code (`balance`, `risk`); or the machine's decision to cancel the
    /// order: `not_confirmed` when the customer did not confirm in their app in time,
    /// `cancelled_by_customer` when they pressed Cancel, `machine_stopped` at shutdown.
    case walletDeclined(reason: String)
    /// The wallet's order cancelled: nothing it may have taken stays taken.
    case walletCancelled
    /// A paid wallet order refunded after the top-up failed.
    case walletRefunded(tradeNo: String)
    /// The carrier's host is about to be asked to apply the plan (intent).
    case topUpRequested(simNumber: String, planId: String)
    case topUpApplied(newExpiry: String)
    case topUpFailed(reason: StopReason)
    /// Final statuses. `completed` and the refund outcomes are given the terminal's next receipt number.
    case completed
    case cancelled(reason: StopReason)
    case refunded(reason: StopReason)
    /// Money kept that the machine could not give back: a refund-due record for staff.
    case refundDue(yen: Int, reason: StopReason)
    case failed(reason: StopReason)
    /// A refund due paid by staff.
    case refundSettled(yen: Int, staff: String)
    /// Staff cash handling and the opening float (recorded as `replenish`).
    case replenished(pieces: CashPieces, staff: String)
    case collected(pieces: CashPieces, staff: String)
    /// Recovery after a crash, with what it concluded.
    case recovered(resolution: String)
    /// Staff-mode events that carry no money (sign-in, lockout, report printed...).
    case staff(action: String, name: String)
    /// A terminal's Z report closed by staff: its number, the end of its period (a stored
    /// time; the period starts where the terminal's previous Z ended) and the cash staff
    /// counted, so that a book kept from the journal alone (the head office's) has the Z's
    /// over/short. Ledgers from before this step journal a Z as `staff("closed Z report N")`.
    case zClosed(number: Int, periodEnd: String, countedYen: Int?, staff: String)
    /// A machine that takes no money printed an application slip for the register: a
    /// `register_slips` row, status `issued`. A register pays it with a transaction whose
    /// `begin` names the slip.
    case slipIssued(SlipIssue)
    /// The register cancelled a slip nobody paid: it can no longer be paid.
    case slipVoided(slipNo: String)
}

/// What `begin` writes into `transactions`.
public struct TransactionStart: Hashable, Sendable, Codable {
    public var id: String
    public var storeId: String
    public var terminalId: String
    /// Business date in Japan (YYYY-MM-DD, Asia/Tokyo).
    public var businessDate: String
    public var simNumber: String
    public var carrierId: String
    public var planId: String
    public var amountYen: Int
    public var taxYen: Int
    public var paymentMethod: PaymentMethod
    /// The language the customer used, so that a reprint speaks it too.
    public var language: String?
    /// At a register: the application slip this transaction pays.
    public var slipNo: String?

    public init(id: String, storeId: String, terminalId: String, businessDate: String,
                simNumber: String, carrierId: String, planId: String,
                amountYen: Int, taxYen: Int, paymentMethod: PaymentMethod, language: String? = nil, slipNo: String? = nil) {
        self.id = id
        self.storeId = storeId
        self.terminalId = terminalId
        self.businessDate = businessDate
        self.simNumber = simNumber
        self.carrierId = carrierId
        self.planId = planId
        self.amountYen = amountYen
        self.taxYen = taxYen
        self.paymentMethod = paymentMethod
        self.language = language
        self.slipNo = slipNo
    }
}

/// One journal row to append: a step, who, where and when.
public struct Entry: Equatable, Sendable {
    public var txnId: String?
    public var terminalId: String
    public var at: Date
    public var step: Step

    public init(txnId: String?, terminalId: String, at: Date, step: Step) {
        self.txnId = txnId
        self.terminalId = terminalId
        self.at = at
        self.step = step
    }
}
