import Foundation
import Ledger

/// The promises the ledger keeps after any day, crash or fault storm: no transaction left
/// open, every cash sale balanced, tax as the law computes it, cash counts equal to the
/// movements, no top-up credited without payment, every wallet order either in a completed
/// sale or undone (refunded, cancelled), no money move made twice, and an intact hash chain.
public enum Invariants {
    /// Each broken promise as a sentence; empty when all hold. With `terminals`, only those
    /// terminals' transactions and cash are checked (other kiosks may be mid-flow on the file).
    /// Everything is read in one snapshot, so another process writing meanwhile cannot make
    /// the movements and the inventory seem to disagree.
    public static func check(_ ledger: Ledger, terminals: [String]? = nil) throws -> [String] {
        try ledger.snapshot { try brokenPromises(ledger, terminals: terminals) }
    }

    private static func brokenPromises(_ ledger: Ledger, terminals: [String]?) throws -> [String] {
        var broken: [String] = []
        let transactions = try terminals.map { try $0.flatMap { try ledger.transactions(terminalId: $0) } }
            ?? ledger.transactions()
        for t in transactions {
            if t.status == .open { broken.append("Transaction \(t.id) is still open.") }
            if t.taxYen != t.amountYen * 10 / 110 { broken.append("Transaction \(t.id) has tax ¥\(t.taxYen), not floor(¥\(t.amountYen) × 10 / 110).") }
            if t.status == .completed, t.paymentMethod == .cash, t.cashInYen - t.changeYen != t.amountYen {
                broken.append("Cash sale \(t.id) took ¥\(t.cashInYen) and gave ¥\(t.changeYen) change for ¥\(t.amountYen).")
            }
            let toppedUp = try ledger.hostTopUp(txnId: t.id) != nil
            if toppedUp && (t.status == .refunded || t.status == .cancelled || t.status == .failed) {
                broken.append("Transaction \(t.id) was \(t.status.rawValue) but the carrier credited its top-up.")
            }
            if !toppedUp && t.status == .completed {
                broken.append("Transaction \(t.id) is completed but the carrier has no top-up for it.")
            }
        }
        var moved: [String: CashPieces] = [:]
        var givenBack: [String: Int] = [:]
        let movements = try terminals.map { try $0.flatMap { try ledger.cashMovements(terminalId: $0) } }
            ?? ledger.cashMovements()
        for m in movements {
            moved[m.terminalId, default: .none][m.denomination] += m.kind.sign * m.count
            if m.kind == .refund, let txn = m.txnId { givenBack[txn, default: 0] += m.denomination * m.count }
        }
        // Every yen a customer put in is in a sale, back in their hand, or owed to them.
        for t in transactions where t.paymentMethod == .cash && (t.status == .refunded || t.status == .cancelled) {
            if givenBack[t.id, default: 0] != t.cashInYen {
                broken.append("Transaction \(t.id) took ¥\(t.cashInYen) but gave back ¥\(givenBack[t.id, default: 0]).")
            }
        }
        for (terminal, counts) in moved {
            let inventory = try ledger.cashInventory(terminalId: terminal)
            if inventory != counts {
                broken.append("Terminal \(terminal)'s cash inventory \(inventory) differs from its movements \(counts).")
            }
        }
        broken += try walletAndOnceOnly(ledger, transactions)
        if let problem = try ledger.verify().problem { broken.append(problem) }
        return broken
    }

    /// A wallet's order is charged only for a completed sale; every other wallet sale's order
    /// is refunded, cancelled, declined or was never made, and none is left waiting in the
    /// app. A payment, capture, void, refund or cancel is journaled once per sale at most.
    private static func walletAndOnceOnly(_ ledger: Ledger, _ transactions: [TransactionRecord]) throws -> [String] {
        var broken: [String] = []
        for t in transactions where t.paymentMethod == .wallet && t.status != .open {
            let order = try ledger.walletOrder(txnId: t.id)
            let charged = order?.state == .paid && order?.refunded == false
            switch t.status {
            case .completed:
                if !charged { broken.append("Wallet sale \(t.id) is completed but the wallet holds no payment for it.") }
            case .refunded:
                if order?.refunded != true { broken.append("Wallet sale \(t.id) is refunded but its wallet order is not.") }
            default:
                if charged { broken.append("Wallet sale \(t.id) is \(t.status.rawValue) but its wallet order stays charged.") }
            }
            if order?.state == .pending { broken.append("Wallet sale \(t.id) is \(t.status.rawValue) but its order still waits in the app.") }
        }
        let ids = Set(transactions.map(\.id))
        var seen: [String: [String: Int]] = [:]
        for row in try ledger.journal() {
            guard let txn = row.txnId, ids.contains(txn), let kind = Self.onceOnly(row.step) else { continue }
            seen[txn, default: [:]][kind, default: 0] += 1
        }
        for (txn, kinds) in seen.sorted(by: { $0.key < $1.key }) {
            for (kind, n) in kinds.sorted(by: { $0.key < $1.key }) where n > 1 {
                broken.append("Transaction \(txn) has its \(kind) journaled \(n) times.")
            }
        }
        return broken
    }

    /// The money moves a sale makes at most once, by name.
    private static func onceOnly(_ step: Step) -> String? {
        switch step {
        case .walletPaid: return "wallet payment"
        case .walletRefunded: return "wallet refund"
        case .walletCancelled: return "wallet cancel"
        case .cardAuthorised: return "card authorisation"
        case .cardCaptured: return "card capture"
        case .cardVoided: return "card void"
        case .topUpApplied: return "top-up"
        case .cashReturned: return "cash return"
        case .changeDispensed: return "change"
        default: return nil
        }
    }
}
