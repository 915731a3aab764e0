import Foundation
import Ledger

/// Everything that can happen to the machine: the customer's keys and touches, money and
/// cards at the devices, the clock, and the answers to the effects the runtime performed.
public enum Event: Equatable {
    case tick(Date)
    case tap(ButtonID)
    case key(Key)
    case cashInserted(Int)
    case cardPresented(pan: String, expiry: String)
    /// The scanner read a payment code from the customer's phone.
    case codeScanned(String)
    /// The register's scanner read an application slip's barcode.
    case slipScanned(String)
    /// Ctrl-C or a stop: give back what was inserted first.
    case shutdown
    /// Carry on a sale rebuilt from its journal after a restart (`KioskState.resuming`).
    case resume

    // Answers from the runtime
    case statusesLoaded([String: MachineStatus])
    case machineReady(MachineStatus)
    /// The chosen machine is held by another process.
    case machineInUse
    /// There is no ledger to open the machine on; the sentence for staff says why (damaged, say).
    case ledgerUnusable(String)
    case journaled(receiptNo: Int?)
    case ledgerFailed(String)
    /// The ledger refused a register's commit because its slip can no longer be paid (another
    /// register took it, or it was voided or expired since the scan); nothing was written.
    case slipRefused(slipNo: String, SlipRefusal)
    case accountLookedUp(AccountLookup)
    case slipLookedUp(SlipLookup)
    case cardAnswered(CardAuthorisation)
    case cardCaptured
    case cardVoided
    case walletAnswered(WalletAnswer)
    /// The wallet's order as it stands when the machine asks by transaction id.
    case walletStatus(WalletAnswer)
    case walletCancelled
    case walletRefunded
    case topUpAnswered(TopUpResult)
    case topUpStatus(newExpiry: String?)
    case changeDispensed
    case cashGivenBack
    case cashJammed
    case printed(files: [String])
    case printFailed(PrinterFault)
    /// The names of the ledger's staff, to choose from at sign-in.
    case staffListed([String])
    case staffSignedIn(String)
    case staffRefused(String)
    /// What a staff task did, and the machine's devices after it.
    case staffTaskDone(message: String, status: MachineStatus?)
}

extension Event {
    /// An answer to an effect the runtime performed, which the machine must be waiting for
    /// (`KioskState.expects`).
    public var isAnswer: Bool {
        switch self {
        case .journaled, .ledgerFailed, .slipRefused, .accountLookedUp, .slipLookedUp, .cardAnswered, .cardCaptured, .cardVoided,
             .walletAnswered, .walletStatus, .walletCancelled, .walletRefunded,
             .topUpAnswered, .topUpStatus, .changeDispensed, .cashGivenBack, .cashJammed, .printed, .printFailed:
            return true
        case .tick, .tap, .key, .cashInserted, .cardPresented, .codeScanned, .slipScanned, .shutdown, .resume, .statusesLoaded, .machineReady,
             .machineInUse, .ledgerUnusable, .staffListed, .staffSignedIn, .staffRefused, .staffTaskDone:
            return false
        }
    }
}

extension Event {
    /// A commit that wrote nothing: no effect queued after it may happen (write-ahead).
    var isRefusedCommit: Bool {
        switch self {
        case .ledgerFailed, .slipRefused: return true
        default: return false
        }
    }
}

/// A key that is not a button's own key: digits and the editing keys.
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter
    case escape
    case backspace
}
