import Ledger

/// Step 4, by cash. A coin or bill is kept only once the ledger has it; a piece the machine
/// could not give change for is pushed back before it is kept.
extension KioskState {
    mutating func payingCash(_ event: Event) -> [Effect] {
        switch event {
        case .cashInserted(let d), .tap(.insertCash(let d)):
            return insert(d)
        case .tap(.back), .key(.escape):
            if order?.paid ?? .zero > .zero { return cancel(reason: .cancelledByCustomer) }
            screen = .choosePayment
            notice = nil
            return []
        case .cardPresented, .tap(.presentCard):
            return []
        default:
            return []
        }
    }

    private mutating func insert(_ d: Int) -> [Effect] {
        guard awaiting == nil, let order, let txnId = order.txnId, let m = machine else { return [.rejectCash(d)] }
        guard CashUnit.accepts(d) else {
            notice = .cashNotAccepted(d)
            return [.rejectCash(d)]
        }
        guard (m.status.inventory[d] ?? 0) < CashUnit.capacity(of: d) else {
            notice = .cashUnitFull(d)
            return [.rejectCash(d)]
        }
        let after = order.paid + Yen(d)
        if after > order.amount {
            let withPiece = m.status.inventory.adding([d: 1])
            guard CashUnit.change(for: after - order.amount, from: withPiece) != nil else {
                notice = .cannotMakeChange(d)
                return [.rejectCash(d)]
            }
        }
        notice = nil
        let covers = after >= order.amount
        var steps = beginStep() + [.cashIn(denomination: d)]
        if covers, let plan = order.plan { steps.append(.topUpRequested(simNumber: order.sim.digits, planId: plan.id)) }
        awaiting = .cashIn(denomination: d, covers: covers)
        return [.journal(txnId: txnId, steps)]
    }

    /// The ledger has the piece: it is kept, and when the plan is paid the host is asked.
    mutating func cashKept(_ d: Int, covers: Bool) -> [Effect] {
        order?.begun = true
        order?.inserted.add([d: 1])
        machine?.status.inventory.add([d: 1])
        awaiting = nil
        guard covers, let order, let txnId = order.txnId, let plan = order.plan else { return [] }
        screen = .processing(.toppingUp)
        awaiting = .topUpAnswer
        return [.topUp(txnId: txnId, sim: order.sim, planId: plan.id)]
    }
}
