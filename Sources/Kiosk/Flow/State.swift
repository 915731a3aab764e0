import Foundation
import Ledger
import Receipt

/// Everything the machine knows at one moment. `reduce` turns a state and an event into the
/// next state and the effects the runtime performs; nothing here does IO or reads a clock.
public struct KioskState: Equatable {
    public var catalogue: Catalogue
    public var screen: Screen
    public var language: Language
    /// The language the machine returns to between customers.
    public var homeLanguage: Language
    /// The store and terminal this machine is; nil while finding the machine.
    public var machine: Machine?
    /// What each terminal reported when the finder opened (cash, paper, service).
    public var statuses: [String: MachineStatus] = [:]
    /// A message shown on the current screen (a refused number, a returned bill, a decline).
    public var notice: Notice?
    /// The customer being served, from the number on.
    public var order: Order?
    /// What the machine waits for before it may move money or ask the host again.
    public var awaiting: Awaiting?
    public var now: Date
    public var lastActivity: Date
    public var timeout: TimeInterval
    /// Which page of the simulated devices panel shows, when its buttons do not all fit.
    public var panelPage = 0

    public init(catalogue: Catalogue, now: Date, language: Language = .en, timeout: TimeInterval = 60) {
        self.catalogue = catalogue
        self.screen = .findMachine(chainId: nil, storeId: nil, terminalId: nil)
        self.language = language
        self.homeLanguage = language
        self.now = now
        self.lastActivity = now
        self.timeout = timeout
    }

    /// A machine is chosen and not out of service.
    public var isInService: Bool {
        if case .outOfService = screen { return false }
        // The machine's tag alone, without a copy of what it holds.
        if case .some = machine { return true }
        return false
    }

    /// Seconds left before the inactivity time-out, when this screen has one.
    public var secondsLeft: Int? {
        // The clerk's register waits as long as the clerk does.
        guard screen.timesOut, awaiting == nil, machine?.terminal.isRegister != true else { return nil }
        let left = timeout - now.timeIntervalSince(lastActivity)
        return max(0, Int(left.rounded(.up)))
    }

    /// The countdown is shown in the last ten seconds.
    public var countdown: Int? {
        guard let s = secondsLeft, s <= 10 else { return nil }
        return s
    }

    public var today: String { JapanTime.date(now) }
}

/// The store and terminal a machine is, and its devices' state.
public struct Machine: Equatable {
    public var store: Store
    public var terminal: Terminal
    public var status: MachineStatus
}

/// A terminal's devices as the ledger and printer report them.
public struct MachineStatus: Equatable, Sendable {
    public var inventory: CashPieces
    public var paperSheets: Int
    /// The next transaction number on this terminal.
    public var nextSequence: Int
    /// The next application slip's number, at a machine that prints them.
    public var nextSlip: Int
    public var inService: Bool
    /// Money this terminal's customers are owed, until staff pay it from the counter.
    public var refundsOwed: [RefundOwed]

    public init(inventory: CashPieces, paperSheets: Int, nextSequence: Int, inService: Bool, refundsOwed: [RefundOwed] = [],
                nextSlip: Int = 1) {
        self.inventory = inventory
        self.paperSheets = paperSheets
        self.nextSequence = nextSequence
        self.nextSlip = nextSlip
        self.inService = inService
        self.refundsOwed = refundsOwed
    }

    public var isChangeLow: Bool { CashUnit.isChangeLow(inventory) }
    public var hasPaper: Bool { paperSheets > 0 }
}

public enum Screen: Equatable {
    case findMachine(chainId: String?, storeId: String?, terminalId: String?)
    case attract
    case enterNumber(digits: String)
    case lookingUp
    case accountFound
    case choosePlan
    case choosePayment
    case payingCash
    case payingCard
    /// A UnionPay debit card asks for its PIN; the screen shows only dots.
    case enteringPIN(PINPad)
    case payingWallet
    /// An application slip printed: take it to the register and pay there by its time.
    case slipIssued(SlipTicket)
    /// The register waits for the clerk to scan or type a slip's number.
    case registerScan(typed: String)
    /// The wallet's order waits for the customer to confirm it in their app, until then.
    case confirmInApp(until: Date)
    case processing(Processing)
    case done(Completion)
    case refund(RefundOutcome)
    case cancelled(returned: Yen)
    /// `reason` is for staff (the ledger's own words); `held` is money recorded on an open
    /// transaction, which staff return.
    case outOfService(reason: String, held: Yen = .zero)
    case staffPIN(StaffSignIn)
    case staffMenu(StaffDesk)

    /// Customer screens time out back to the attract screen; the machine's own work does not.
    public var timesOut: Bool {
        switch self {
        case .enterNumber, .accountFound, .choosePlan, .choosePayment, .payingCash, .payingCard, .enteringPIN, .payingWallet,
             .done, .refund, .cancelled, .staffPIN, .staffMenu, .slipIssued:
            return true
        case .findMachine, .attract, .lookingUp, .confirmInApp, .processing, .outOfService, .registerScan:
            return false
        }
    }
}

public enum Processing: Equatable {
    case authorisingCard, payingByWallet, toppingUp, dispensingChange, returningCash, voidingCard, refundingWallet, printing
}

/// The PIN screen of a card that asks for one: the card as read, and the digits so far.
public struct PINPad: Equatable {
    public var pan: String
    public var expiry: String
    public var pin = PIN()
    /// After a wrong PIN, how many more tries the card has today.
    public var triesLeft: Int?
}

/// A finished sale as the done screen shows it.
public struct Completion: Equatable {
    public var txnId: String
    public var receiptNo: Int?
    public var newExpiry: String
    public var change: Yen
    /// Change the machine could not pay out, owed by staff.
    public var changeDue: Yen
    public var receiptFiles: [String]
    public var printProblem: String?
}

/// What happened to the customer's money when a top-up did not go through.
public struct RefundOutcome: Equatable {
    public var txnId: String
    public var returned: Yen
    public var due: Yen
    public var why: StopReason
    public var slipFiles: [String]
    public var printProblem: String?
}

/// The customer being served: their SIM, the plan chosen, and the payment so far.
public struct Order: Equatable {
    public var sim: SIMNumber
    public var account: Account
    public var plan: Plan?
    public var txnId: String?
    public var method: PaymentMethod?
    /// The `begin` step is in the ledger (it is written with the first money or card intent).
    public var begun = false
    public var inserted: CashPieces = [:]
    public var card: CardOnFile?
    public var wallet: WalletOnFile?
    public var newExpiry: String?
    public var change: CashPieces = [:]
    /// Rebuilt from the journal after a restart: the customer has gone and cannot confirm anything.
    public var resumed = false
    /// At a register: the application slip being paid.
    public var slip: SlipIssue?

    public var paid: Yen { inserted.total }
    public var amount: Yen { plan?.price ?? .zero }
    public var stillDue: Yen { amount - paid > .zero ? amount - paid : .zero }
}

/// The card as the machine may keep it: brand, last four, and the authorisation code.
public struct CardOnFile: Equatable {
    public var brand: String
    public var last4: String
    public var authCode: String?
}

/// A refund due to a customer of this terminal.
public struct RefundOwed: Equatable, Sendable {
    public var txnId: String
    public var yen: Yen

    public init(txnId: String, yen: Yen) {
        self.txnId = txnId
        self.yen = yen
    }
}

/// The wallet as the machine may keep it: its brand and the order's trade number.
public struct WalletOnFile: Equatable {
    public var brand: String
    public var tradeNo: String?
}

/// The journal commit or device answer the flow waits for, and what it does next.
public enum Awaiting: Equatable {
    case lookUp
    case cashIn(denomination: Int, covers: Bool)
    case cardIntent(pan: String, expiry: String, pin: PIN? = nil)
    case cardAnswer
    /// The answer for a card that asked for a PIN: a wrong PIN is asked for again.
    case pinAnswer(pan: String, expiry: String)
    /// A wrong PIN journaled: the PIN screen again.
    case pinRetryRecorded(PINPad)
    /// No answer from the acquirer: the decline is journaled, then whatever it may have
    /// authorised is reversed, then the attempt is closed.
    case reversalIntent
    case reversal
    case topUpIntent
    case topUpAnswer
    case topUpStatus
    case captureIntent
    case capture
    case changeIntent
    case change
    case returnIntent(CashBack)
    case cashBack(CashBack)
    case voidIntent(reason: StopReason)
    case void(reason: StopReason)
    case closing(Settlement)
    /// A payment attempt that failed (declined, not answered, given up) is being closed;
    /// then the customer chooses how to pay again, or is back at the start.
    case attemptFailed(backToStart: Bool = false)
    case walletIntent(code: String)
    case walletAnswer
    /// In progress until the customer confirms in their app: asked again every few seconds,
    /// cancelled at the limit.
    case walletPending(since: Date, asked: Date)
    case walletStatus(since: Date)
    /// The wallet's order is to be cancelled: not confirmed in time, the customer pressed
    /// Cancel, or the machine is stopping. The decision is journaled first.
    case walletCancelIntent(reason: StopReason)
    case walletCancel(reason: StopReason)
    /// A payment attempt the customer cancelled is being closed; then the machine says so.
    case attemptCancelled
    case walletRefundIntent(reason: StopReason)
    case walletRefund(reason: StopReason)
    case receipt
    /// An application slip is being journaled, then printed.
    case slipIntent(SlipIssue)
    case slipPrint
    /// The register asked the ledger about a scanned slip.
    case slipLookUp
    case slipVoid(slipNo: String)
    /// A sale resumed after a restart: the note that it was resumed, then its next step.
    indirect case resuming(OpenSale)
    /// Cash staff put in or took out, decided here and journaled before the counts change.
    case staffCash(StaffCash, staff: String)
}

/// How a transaction ends, once its money is settled.
public enum Settlement: Equatable {
    case completed
    case completedChangeOwed(Yen)
    case cancelled(StopReason)
    case refunded(StopReason)
    case refundDue(Yen, StopReason)
}
