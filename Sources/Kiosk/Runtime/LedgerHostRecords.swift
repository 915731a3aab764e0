import Foundation
import Ledger

/// The simulated carrier keeps its applied top-ups in the store's ledger file.
extension Ledger: HostRecords {
    public func applyTopUp(txnId: String, simNumber: String, planId: String, newExpiry: String, at: Date) throws -> String {
        try hostApply(txnId: txnId, simNumber: simNumber, planId: planId, newExpiry: newExpiry, at: at).newExpiry
    }

    public func appliedExpiry(txnId: String) throws -> String? {
        try hostTopUp(txnId: txnId)?.newExpiry
    }

    public func latestExpiry(simNumber: String) throws -> String? {
        try hostLatestExpiry(simNumber: simNumber)
    }
}

/// The simulated wallets keep their orders in the store's ledger file too.
extension Ledger: WalletRecords {}

/// The simulated card issuer counts wrong PINs in the store's ledger file.
extension Ledger: PINTryRecords {}
