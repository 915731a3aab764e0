import Ledger

/// Work the runtime performs for the flow. Each answers with at most one event.
public enum Effect: Equatable {
    /// One durable commit → `.journaled`, `.ledgerFailed`, or `.slipRefused` when a register's slip was taken meanwhile.
    case journal(txnId: String?, [Step])
    /// Open the chosen terminal (its opening float, recovery, cash counts) → `.machineReady`.
    case openMachine(storeId: String, terminalId: String)
    case lookUpAccount(SIMNumber)
    /// At a register: the slip as the ledger has it now → `.slipLookedUp`.
    case lookUpSlip(String)
    /// Push a coin or bill straight back out; it was never kept. No answer.
    case rejectCash(Int)
    /// Pay out change → `.changeDispensed` or `.cashJammed`.
    case dispenseChange(CashPieces)
    /// Give the customer's cash back → `.cashGivenBack` or `.cashJammed`.
    case giveBack(CashPieces)
    /// → `.cardAnswered`. `pin` only for a card that asked for one.
    case authoriseCard(pan: String, expiry: String, amount: Yen, txnId: String, pin: PIN? = nil)
    /// Send the scanned payment code for the amount → `.walletAnswered`.
    case chargeWallet(code: String, amount: Yen, txnId: String)
    /// The order's state by transaction id → `.walletStatus`.
    case askWallet(txnId: String)
    /// Cancel (reverse) an order that is not to be paid → `.walletCancelled`.
    case cancelWallet(txnId: String)
    /// Give a paid order back → `.walletRefunded`.
    case refundWallet(tradeNo: String, amount: Yen, txnId: String)
    case captureCard(authCode: String, txnId: String)
    case voidCard(authCode: String, txnId: String)
    case topUp(txnId: String, sim: SIMNumber, planId: String)
    case askTopUp(txnId: String)
    /// Print the receipt or refund slip of a finished transaction → `.printed` or `.printFailed`.
    case print(txnId: String)
    /// Print an application slip from the ledger → `.printed` or `.printFailed`.
    case printSlip(slipNo: String)
    /// → `.staffListed`.
    case listStaff
    /// The PIN of the member who chose their name → `.staffSignedIn` or `.staffRefused`.
    case checkStaffPIN(member: String, pin: String)
    /// → `.staffTaskDone`.
    case staffTask(StaffDeskTask, staff: String)
}
