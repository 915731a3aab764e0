import Ledger
import Money

/// After payment: the top-up, then change, capture or refund, each money move journaled
/// before it happens and after. A sale resumed after a restart (`Resume.swift`) is settled by
/// these same rules. An answer the machine is not waiting for (a second answer to the same
/// top-up, say) changes nothing; `expects` tells whether it would.
extension KioskState {
    /// Whether this answer from the runtime is one the machine waits for now.
    public func expects(_ event: Event) -> Bool {
        var copy = self
        return copy.settle(event) != nil
    }

    mutating func answer(_ event: Event) -> [Effect] {
        settle(event) ?? []
    }

    /// The effects that follow an answer, or nil when nobody waits for it.
    private mutating func settle(_ event: Event) -> [Effect]? {
        if case .ledgerFailed(let why) = event { return ledgerFailed(why) }
        if case .slipRefused(let slipNo, let why) = event { return slipTakenMeanwhile(slipNo, why) }
        guard let waiting = awaiting else { return nil }
        if case .staffCash(let task, let staff) = waiting {
            guard case .journaled = event else { return nil }
            return staffCashRecorded(task, staff: staff)
        }
        // The register looks a slip up before there is an order.
        if case .slipLookUp = waiting {
            guard case .slipLookedUp(let lookup) = event else { return nil }
            return slipLookedUp(lookup)
        }
        guard let order else { return nil }
        let txnId = order.txnId ?? ""
        switch (waiting, event) {
        case (.lookUp, .accountLookedUp(let lookup)):
            return accountLookedUp(lookup)
        case (.slipVoid(let slipNo), .journaled):
            return slipVoided(slipNo)
        case (.cashIn(let d, let covers), .journaled):
            return cashKept(d, covers: covers)
        case (.cardIntent(let pan, let expiry, let pin), .journaled):
            self.order?.begun = true
            // The PIN goes to the acquirer and is dropped from the machine's state here.
            awaiting = pin == nil ? .cardAnswer : .pinAnswer(pan: pan, expiry: expiry)
            return [.authoriseCard(pan: pan, expiry: expiry, amount: order.amount, txnId: txnId, pin: pin)]
        case (.cardAnswer, .cardAnswered(let answer)):
            return cardAnswered(answer, retry: nil)
        case (.pinAnswer(let pan, let expiry), .cardAnswered(let answer)):
            return cardAnswered(answer, retry: (pan, expiry))
        case (.pinRetryRecorded(let pad), .journaled):
            awaiting = nil
            screen = .enteringPIN(pad)
            return []
        case (.walletIntent(let code), .journaled):
            self.order?.begun = true
            awaiting = .walletAnswer
            return [.chargeWallet(code: code, amount: order.amount, txnId: txnId)]
        case (.walletAnswer, .walletAnswered(let answer)):
            return walletAnswered(answer, since: nil)
        case (.walletStatus(let since), .walletStatus(let answer)):
            return walletAnswered(answer, since: since)
        case (.walletCancelIntent(let reason), .journaled):
            awaiting = .walletCancel(reason: reason)
            return [.cancelWallet(txnId: txnId)]
        case (.walletCancel(let reason), .walletCancelled):
            awaiting = reason == .cancelledByCustomer ? .attemptCancelled : .attemptFailed()
            return [.journal(txnId: txnId, [.walletCancelled, .failed(reason: reason)])]
        case (.attemptCancelled, .journaled):
            _ = attemptEnded(backToStart: false)
            screen = .cancelled(returned: .zero)
            lastActivity = now
            return []
        case (.walletRefundIntent(let reason), .journaled):
            awaiting = .walletRefund(reason: reason)
            screen = .processing(.refundingWallet)
            return [.refundWallet(tradeNo: order.wallet?.tradeNo ?? "", amount: order.amount, txnId: txnId)]
        case (.walletRefund(let reason), .walletRefunded):
            return close(.refunded(reason), [.walletRefunded(tradeNo: order.wallet?.tradeNo ?? ""), .refunded(reason: reason)])
        case (.reversalIntent, .journaled):
            awaiting = .reversal
            return [.voidCard(authCode: "", txnId: txnId)]
        case (.reversal, .cardVoided):
            awaiting = .attemptFailed()
            return [.journal(txnId: txnId, [.failed(reason: .cardTimedOut)])]
        case (.attemptFailed(let backToStart), .journaled):
            return attemptEnded(backToStart: backToStart)
        case (.topUpIntent, .journaled):
            awaiting = .topUpAnswer
            return [.topUp(txnId: txnId, sim: order.sim, planId: order.plan?.id ?? "")]
        case (.topUpAnswer, .topUpAnswered(.applied(let expiry))), (.topUpStatus, .topUpStatus(let expiry?)):
            return topUpApplied(expiry)
        case (.topUpAnswer, .topUpAnswered(.failed(let reason))):
            return topUpFailed(reason)
        case (.topUpAnswer, .topUpAnswered(.timedOut)):
            // The answer was lost, not necessarily the top-up: ask by transaction id.
            awaiting = .topUpStatus
            return [.askTopUp(txnId: txnId)]
        case (.topUpStatus, .topUpStatus(nil)):
            return topUpFailed(.carrierSilent)
        case (.captureIntent, .journaled):
            awaiting = .capture
            return [.captureCard(authCode: order.card?.authCode ?? "", txnId: txnId)]
        case (.capture, .cardCaptured):
            return close(.completed, [.cardCaptured(authCode: order.card?.authCode ?? ""), .completed])
        case (.changeIntent, .journaled):
            awaiting = .change
            screen = .processing(.dispensingChange)
            return [.dispenseChange(order.change)]
        case (.change, .changeDispensed):
            machine?.status.inventory.add(order.change, sign: -1)
            return close(.completed, [.changeDispensed(pieces: order.change), .completed])
        case (.change, .cashJammed):
            let owed = order.change.total
            return close(.completedChangeOwed(owed), [.refundDue(yen: owed.amount, reason: .changeNotPaid)])
        case (.voidIntent(let reason), .journaled):
            awaiting = .void(reason: reason)
            screen = .processing(.voidingCard)
            return [.voidCard(authCode: order.card?.authCode ?? "", txnId: txnId)]
        case (.void(let reason), .cardVoided):
            return close(.refunded(reason), [.cardVoided(authCode: order.card?.authCode ?? ""), .refunded(reason: reason)])
        case (.returnIntent(let back), .journaled):
            awaiting = .cashBack(back)
            screen = .processing(.returningCash)
            return [.giveBack(order.inserted)]
        case (.cashBack(let back), .cashGivenBack):
            machine?.status.inventory.add(order.inserted, sign: -1)
            return close(back.settlement, [.cashReturned(pieces: order.inserted), back.finalStep])
        case (.cashBack(let back), .cashJammed):
            return close(.refundDue(order.paid, back.reason), [.refundDue(yen: order.paid.amount, reason: back.reason)])
        case (.slipIntent(let issue), .journaled):
            return slipJournaled(issue)
        case (.slipPrint, .printed(let files)):
            return slipPrinted(files, problem: nil)
        case (.slipPrint, .printFailed(let fault)):
            return slipPrinted([], problem: fault)
        case (.resuming(let sale), .journaled):
            return resumed(sale)
        case (.closing(let settlement), .journaled(let receiptNo)):
            return closed(settlement, receiptNo: receiptNo)
        case (.receipt, .printed(let files)):
            awaiting = nil
            machine?.status.paperSheets -= 1
            setDocumentFiles(files, problem: nil)
            return walkedAway()
        case (.receipt, .printFailed(let fault)):
            awaiting = nil
            // The next customer is told before paying that no receipt will come out.
            if fault == .outOfPaper { machine?.status.paperSheets = 0 }
            setDocumentFiles([], problem: fault.description)
            return walkedAway()
        default:
            return nil
        }
    }

    private mutating func topUpApplied(_ expiry: String) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        self.order?.newExpiry = expiry
        switch order.method {
        case .card?:
            awaiting = .captureIntent
            return [.journal(txnId: txnId, [.topUpApplied(newExpiry: expiry)])]
        case .wallet?:
            return close(.completed, [.topUpApplied(newExpiry: expiry), .completed])
        case .cash?, nil:
            break
        }
        let changeYen = order.paid - order.amount
        guard changeYen > .zero else {
            return close(.completed, [.topUpApplied(newExpiry: expiry), .completed])
        }
        return payChange(changeYen, after: [.topUpApplied(newExpiry: expiry)])
    }

    /// Change from what the cash unit holds now. A live sale can always make it (no piece is
    /// kept whose change could not be made); a sale resumed after staff emptied the unit may
    /// not, and the change is then owed.
    mutating func payChange(_ amount: Yen, after steps: [Step]) -> [Effect] {
        guard let txnId = order?.txnId else { return [] }
        guard let pieces = CashUnit.change(for: amount, from: machine?.status.inventory ?? .none) else {
            return close(.completedChangeOwed(amount), steps + [.refundDue(yen: amount.amount, reason: .changeNotPaid)])
        }
        order?.change = pieces
        awaiting = .changeIntent
        return [.journal(txnId: txnId, steps + [.changeDue(pieces: pieces)])]
    }

    private mutating func topUpFailed(_ reason: StopReason) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        switch order.method {
        case .card?:
            awaiting = .voidIntent(reason: reason)
            return [.journal(txnId: txnId, [.topUpFailed(reason: reason)])]
        case .wallet?:
            awaiting = .walletRefundIntent(reason: reason)
            return [.journal(txnId: txnId, [.topUpFailed(reason: reason)])]
        case .cash?, nil:
            break
        }
        awaiting = .returnIntent(.refund(reason))
        return [.journal(txnId: txnId, [.topUpFailed(reason: reason), .cashReturnDue(pieces: order.inserted)])]
    }

    /// Journals the transaction's last steps; `closed` follows once they are durable.
    mutating func close(_ settlement: Settlement, _ steps: [Step]) -> [Effect] {
        awaiting = .closing(settlement)
        return [.journal(txnId: order?.txnId, steps)]
    }

    private mutating func closed(_ settlement: Settlement, receiptNo: Int?) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        let change = order.change.total
        switch settlement {
        case .completed, .completedChangeOwed:
            let owed: Yen
            if case .completedChangeOwed(let y) = settlement { owed = y } else { owed = .zero }
            if owed > .zero { machine?.status.refundsOwed.append(RefundOwed(txnId: txnId, yen: owed)) }
            screen = .done(Completion(txnId: txnId, receiptNo: receiptNo, newExpiry: order.newExpiry ?? "",
                                      change: change - owed, changeDue: owed, receiptFiles: [], printProblem: nil))
        case .cancelled(let why):
            // A customer who timed out has walked away: the slip prints and the machine goes
            // back to the start rather than waiting on a screen nobody reads.
            screen = why == .timedOut ? .processing(.printing) : .cancelled(returned: order.paid)
        case .refunded(let why):
            let returned = order.method == .cash ? order.paid : order.amount
            screen = .refund(RefundOutcome(txnId: txnId, returned: returned, due: .zero, why: why, slipFiles: []))
        case .refundDue(let due, let why):
            machine?.status.refundsOwed.append(RefundOwed(txnId: txnId, yen: due))
            screen = .refund(RefundOutcome(txnId: txnId, returned: .zero, due: due, why: why, slipFiles: []))
        }
        lastActivity = now
        awaiting = .receipt
        return [.print(txnId: txnId)]
    }

    /// After the slip of a timed-out sale, the next customer's start screen.
    private mutating func walkedAway() -> [Effect] {
        screen == .processing(.printing) ? backToAttract() : []
    }

    private mutating func setDocumentFiles(_ files: [String], problem: String?) {
        switch screen {
        case .done(var c):
            c.receiptFiles = files
            c.printProblem = problem
            screen = .done(c)
        case .refund(var r):
            r.slipFiles = files
            r.printProblem = problem
            screen = .refund(r)
        default:
            break
        }
    }

    /// The ledger cannot be written: take no more money. Money already journaled stays on the
    /// open transaction, which is resumed at the next start.
    mutating func ledgerFailed(_ why: String) -> [Effect] {
        var effects: [Effect] = []
        if case .cashIn(let d, _)? = awaiting { effects.append(.rejectCash(d)) }
        let held = order?.paid ?? .zero
        awaiting = nil
        screen = .outOfService(reason: "The ledger cannot be written. \(why.asSentence)", held: held)
        machine?.status.inService = false
        return effects
    }

    /// Cancel or time-out: cash inserted is given back (journaled first); otherwise the
    /// customer is simply back at the start.
    mutating func cancel(reason: StopReason) -> [Effect] {
        if case .walletPending? = awaiting { return giveUpWallet(reason) }
        guard awaiting == nil else { return [] }
        switch screen {
        case .findMachine, .attract, .outOfService, .lookingUp, .processing, .confirmInApp:
            return []
        case .enteringPIN:
            return abandonAttempt(reason: reason, backToStart: true)
        case .payingCash:
            break
        default:
            // Only the cash screen can hold the customer's money; elsewhere nothing is owed.
            return backToAttract()
        }
        guard let order, order.paid > .zero else { return backToAttract() }
        return giveBack(.cancel(reason))
    }

    /// The customer's cash goes back: the intent first, then the cash unit.
    mutating func giveBack(_ back: CashBack) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        awaiting = .returnIntent(back)
        screen = .processing(.returningCash)
        return [.journal(txnId: txnId, [.cashReturnDue(pieces: order.inserted)])]
    }

    mutating func timeOutIfIdle() -> [Effect] {
        guard let left = secondsLeft, left == 0 else { return [] }
        lastActivity = now
        return cancel(reason: .timedOut)
    }

    mutating func shutdown() -> [Effect] {
        cancel(reason: .machineStopped)
    }
}

/// Why the customer's cash goes back, and so how the transaction ends.
public enum CashBack: Equatable {
    /// Cancelled before the top-up was asked: the transaction is `cancelled`.
    case cancel(StopReason)
    /// The top-up failed, or the machine restarted with the money in it: `refunded`.
    case refund(StopReason)

    var reason: StopReason {
        switch self {
        case .cancel(let why), .refund(let why): return why
        }
    }

    var settlement: Settlement {
        switch self {
        case .cancel(let why): return .cancelled(why)
        case .refund(let why): return .refunded(why)
        }
    }

    var finalStep: Step {
        switch self {
        case .cancel(let why): return .cancelled(reason: why)
        case .refund(let why): return .refunded(reason: why)
        }
    }
}
