import Ledger

/// A message on the current screen. Screens word it in the customer's language; the
/// English wording here is what logs and scripts print.
public enum Notice: Equatable {
    case simRejected(SIMNumberRejection)
    case accountRefused(AccountRefusal)
    case hostUnavailable
    case cashNotAccepted(Int)
    case cashUnitFull(Int)
    case cannotMakeChange(Int)
    case cardDeclined(CardDecline)
    case cardTimedOut
    /// A wrong PIN; the card may be tried again this many times today.
    case wrongPIN(triesLeft: Int)
    case walletCodeUnknown
    case walletDeclined(WalletDecline)
    case walletNotConfirmed
    case cardNotAccepted
    case noPaper
    case paymentUnavailable
    /// Another process drives the machine chosen in the finder.
    case machineInUse
    /// A staff sign-in refused (wrong PIN, locked): staff read the ledger's sentence as it is.
    case staff(String)
    /// At the register: a slip that cannot be paid, and why.
    case slipRefused(slipNo: String, SlipRefusal)
    case slipVoided(String)

    public var description: String {
        switch self {
        case .simRejected(let r): return r.description
        case .accountRefused(let r): return r.description
        case .hostUnavailable: return "The carrier cannot be reached just now. Please try again in a moment."
        case .cashNotAccepted(let d): return "\(Yen(d)) is not accepted and was returned. Please use ¥10–¥500 coins or ¥1,000, ¥5,000, ¥10,000 bills."
        case .cashUnitFull(let d): return "The machine cannot take more \(Yen(d)) just now; it was returned."
        case .cannotMakeChange(let d): return "The machine cannot give change for \(Yen(d)) just now; it was returned. Please use smaller bills or a card."
        case .cardDeclined(let r): return r.description + " Please choose another way to pay."
        case .cardTimedOut: return "The card payment did not go through (no answer). You have not been charged."
        case .wrongPIN(1): return "Wrong PIN. You can try once more."
        case .wrongPIN(let left): return "Wrong PIN. You can try \(left) more times."
        case .walletCodeUnknown: return "This payment code is not one this machine takes. Please show Alipay, WeChat Pay or PayPay."
        case .walletDeclined(let why): return why.description + " Please choose another way to pay."
        case .walletNotConfirmed: return "The payment was not confirmed in the app in time and was cancelled. You have not been charged."
        case .cardNotAccepted: return "This card cannot be used here."
        case .noPaper: return "The printer is out of paper: the top-up works, and staff can reprint your receipt."
        case .paymentUnavailable: return "This way of paying is not available on this machine."
        case .machineInUse: return "This machine is in use by another kiosk program; choose another machine or stop that one first."
        case .staff(let why): return why
        case .slipRefused(let no, let why): return why.sentence(slipNo: no)
        case .slipVoided(let no): return "Slip \(no) is voided; nobody can pay it now."
        }
    }
}
