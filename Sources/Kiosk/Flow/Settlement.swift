import Ledger

/// After payment: the top-up, then change, capture or refund, each money move journaled
/// before it happens and after. Answers nobody waits for (a second answer to the same
/// top-up, say) change nothing.
extension KioskState {
    mutating func answer(_ event: Event) -> [Effect] {
        if case .ledgerFailed(let why) = event { return ledgerFailed(why) }
        guard let waiting = awaiting, let order else { return [] }
        let txnId = order.txnId ?? ""
        switch (waiting, event) {
        case (.lookUp, .accountLookedUp(let lookup)):
            return accountLookedUp(lookup)
        case (.cashIn(let d, let covers), .journaled):
            return cashKept(d, covers: covers)
        case (.cardIntent(let pan, let expiry), .journaled):
            self.order?.begun = true
            awaiting = .cardAnswer
            return [.authoriseCard(pan: pan, expiry: expiry, amount: order.amount, txnId: txnId)]
        case (.cardAnswer, .cardAnswered(let answer)):
            return cardAnswered(answer)
        case (.cardFailureRecorded, .journaled):
            return cardAttemptEnded()
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
            let owed = CashUnit.total(order.change)
            return close(.completedChangeOwed(owed), [.refundDue(yen: owed.amount, reason: "change could not be paid out")])
        case (.voidIntent(let reason), .journaled):
            awaiting = .void(reason: reason)
            screen = .processing(.voidingCard)
            return [.voidCard(authCode: order.card?.authCode ?? "", txnId: txnId)]
        case (.void(let reason), .cardVoided):
            return close(.refunded(reason), [.cardVoided(authCode: order.card?.authCode ?? ""), .refunded(reason: reason.sentence)])
        case (.returnIntent(let settlement), .journaled):
            awaiting = .cashBack(reason: settlement)
            screen = .processing(.returningCash)
            return [.giveBack(order.inserted)]
        case (.cashBack(let settlement), .cashGivenBack):
            machine?.status.inventory.add(order.inserted, sign: -1)
            let final: Step
            switch settlement {
            case .cancelled(let why): final = .cancelled(reason: why.sentence)
            default: final = .refunded(reason: settlement.why?.sentence ?? "")
            }
            return close(settlement, [.cashReturned(pieces: order.inserted), final])
        case (.cashBack(let settlement), .cashJammed):
            guard let why = settlement.why else { return [] }
            return close(.refundDue(order.paid, why), [.refundDue(yen: order.paid.amount, reason: why.sentence + "; the cash could not be given back")])
        case (.closing(let settlement), .journaled(let receiptNo)):
            return closed(settlement, receiptNo: receiptNo)
        case (.receipt, .printed(let files)):
            awaiting = nil
            machine?.status.paperSheets -= 1
            setDocumentFiles(files, problem: nil)
            return []
        case (.receipt, .printFailed(let fault)):
            awaiting = nil
            // The next customer is told before paying that no receipt will come out.
            if fault == .outOfPaper { machine?.status.paperSheets = 0 }
            setDocumentFiles([], problem: fault.description)
            return []
        default:
            return []
        }
    }

    private mutating func topUpApplied(_ expiry: String) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        self.order?.newExpiry = expiry
        if order.method == .card {
            awaiting = .captureIntent
            return [.journal(txnId: txnId, [.topUpApplied(newExpiry: expiry)])]
        }
        let changeYen = order.paid - order.amount
        guard changeYen > .zero else {
            return close(.completed, [.topUpApplied(newExpiry: expiry), .completed])
        }
        // Feasible by construction: no piece was kept whose change could not be made.
        let pieces = CashUnit.change(for: changeYen, from: machine?.status.inventory ?? [:]) ?? [:]
        self.order?.change = pieces
        awaiting = .changeIntent
        return [.journal(txnId: txnId, [.topUpApplied(newExpiry: expiry), .changeDue(pieces: pieces)])]
    }

    private mutating func topUpFailed(_ reason: StopReason) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        if order.method == .card {
            awaiting = .voidIntent(reason: reason)
            return [.journal(txnId: txnId, [.topUpFailed(reason: reason.sentence)])]
        }
        awaiting = .returnIntent(reason: .refunded(reason))
        return [.journal(txnId: txnId, [.topUpFailed(reason: reason.sentence), .cashReturnDue(pieces: order.inserted)])]
    }

    /// Journals the transaction's last steps; `closed` follows once they are durable.
    private mutating func close(_ settlement: Settlement, _ steps: [Step]) -> [Effect] {
        awaiting = .closing(settlement)
        return [.journal(txnId: order?.txnId, steps)]
    }

    private mutating func closed(_ settlement: Settlement, receiptNo: Int?) -> [Effect] {
        guard let order, let txnId = order.txnId else { return [] }
        let change = CashUnit.total(order.change)
        switch settlement {
        case .completed, .completedChangeOwed:
            let owed: Yen
            if case .completedChangeOwed(let y) = settlement { owed = y } else { owed = .zero }
            screen = .done(Completion(txnId: txnId, receiptNo: receiptNo, newExpiry: order.newExpiry ?? "",
                                      change: change - owed, changeDue: owed, receiptFiles: [], printProblem: nil))
        case .cancelled:
            screen = .cancelled(returned: order.paid)
            awaiting = nil
            return []
        case .refunded(let why):
            let returned = order.method == .card ? order.amount : order.paid
            screen = .refund(RefundOutcome(txnId: txnId, returned: returned, due: .zero, why: why, slipFiles: []))
        case .refundDue(let due, let why):
            screen = .refund(RefundOutcome(txnId: txnId, returned: .zero, due: due, why: why, slipFiles: []))
        }
        lastActivity = now
        awaiting = .receipt
        return [.print(txnId: txnId)]
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
    /// open transaction, which recovery settles at the next start.
    mutating func ledgerFailed(_ why: String) -> [Effect] {
        var effects: [Effect] = []
        if case .cashIn(let d, _)? = awaiting { effects.append(.rejectCash(d)) }
        let held = order?.paid ?? .zero
        awaiting = nil
        screen = .outOfService(reason: "The ledger cannot be written (\(why)).", held: held)
        machine?.status.inService = false
        return effects
    }

    /// Cancel or time-out: cash inserted is given back (journaled first); otherwise the
    /// customer is simply back at the start.
    mutating func cancel(reason: StopReason) -> [Effect] {
        guard awaiting == nil else { return [] }
        switch screen {
        case .findMachine, .attract, .outOfService, .lookingUp, .processing:
            return []
        case .payingCash:
            break
        default:
            // Only the cash screen can hold the customer's money; elsewhere nothing is owed.
            return backToAttract()
        }
        guard let order, order.paid > .zero, let txnId = order.txnId else { return backToAttract() }
        awaiting = .returnIntent(reason: .cancelled(reason))
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

extension Settlement {
    /// Why the money went back; nil for a sale that completed.
    var why: StopReason? {
        switch self {
        case .completed, .completedChangeOwed: return nil
        case .cancelled(let why), .refunded(let why), .refundDue(_, let why): return why
        }
    }
}
