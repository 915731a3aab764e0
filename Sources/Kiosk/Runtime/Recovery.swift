import Foundation
import Ledger

/// Carries on what a stopped process left open. Each open transaction is rebuilt from its
/// journal (`OpenSale`) and handed to the reducer, which settles it by the rules of a live
/// sale; this runtime performs the effects. A terminal another process holds is left
/// alone: its sale may still be going on.
extension KioskRuntime {
    /// One line per open transaction: how it was settled, or why it was left open.
    @discardableResult
    public func recover(terminalId: String? = nil) throws -> [String] {
        guard let ledger else { return [] }
        let open = try ledger.openTransactions(terminalId: terminalId)
        var lines: [String] = []
        for terminal in open.map(\.terminalId).uniqued() {
            let sales = open.filter { $0.terminalId == terminal }
            do {
                try TerminalHold.during(terminal, ledgerPath: ledger.path) {
                    for txn in sales { lines.append(try resume(txn, ledger: ledger)) }
                }
            } catch let held as TerminalHold.Held {
                let holder = held.pid.map { "process \($0)" } ?? "another process"
                lines.append(contentsOf: sales.map { "\($0.id): left open: terminal \(terminal) is in use by \(holder), which may still be serving this customer." })
            }
        }
        return lines
    }

    private func resume(_ txn: TransactionRecord, ledger: Ledger) throws -> String {
        let catalogue = state.catalogue
        guard let terminal = catalogue.device(txn.terminalId), let store = catalogue.store(terminal.storeId) else {
            return "\(txn.id): left open: terminal \(txn.terminalId) is not in the fixtures."
        }
        let sale: OpenSale
        do {
            sale = try OpenSale(journal: try ledger.journal(txnId: txn.id).map(\.step), catalogue: catalogue)
        } catch {
            return "\(txn.id): left open: \(error)."
        }
        let machine = Machine(store: store, terminal: terminal,
                              status: try KioskRuntime.status(of: terminal, ledger: ledger, printer: printer))
        let outcome = carryOn(KioskState.resuming(sale, catalogue: catalogue, machine: machine, now: clock()))
        guard let settled = try ledger.transaction(id: txn.id), settled.status != .open else {
            if case .outOfService(let reason, _) = outcome.screen { return "\(txn.id): left open: \(reason)" }
            return "\(txn.id): left open."
        }
        return "\(txn.id): " + RecoveryLine.describe(try ledger.journal(txnId: txn.id).map(\.step))
    }
}

extension Sequence where Element: Hashable {
    /// Each element once, in the order first seen.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
