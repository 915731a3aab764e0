import Ledger

/// Step 4, by card: the intent is journaled before the acquirer is asked; a decline ends the
/// attempt and the customer chooses again.
enum CardPayment {
    /// The decline code journaled when the acquirer never answered.
    static let noAnswer = "timeout"
}

extension KioskState {
    mutating func payingCard(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.presentCard(let id)):
            guard let card = catalogue.testCard(id) else { return [] }
            return present(pan: card.pan, expiry: card.expiry)
        case .cardPresented(let pan, let expiry):
            return present(pan: pan, expiry: expiry)
        case .tap(.back), .key(.escape):
            screen = .choosePayment
            notice = nil
            return []
        default:
            return rejectStray(event)
        }
    }

    private mutating func present(pan: String, expiry: String) -> [Effect] {
        guard awaiting == nil, let txnId = order?.txnId else { return [] }
        let digits = pan.filter { $0.isNumber }
        guard Luhn.isValid(digits), let brand = CardBrand.of(pan: digits) else {
            notice = .cardDeclined(.unreadable)
            return []
        }
        notice = nil
        let last4 = String(digits.suffix(4))
        order?.card = CardOnFile(brand: brand.rawValue, last4: last4, authCode: nil)
        awaiting = .cardIntent(pan: digits, expiry: expiry)
        screen = .processing(.authorisingCard)
        return [.journal(txnId: txnId, beginStep() + [.cardAuthorisationRequested(brand: brand.rawValue, last4: last4)])]
    }

    mutating func cardAnswered(_ answer: CardAuthorisation) -> [Effect] {
        guard let order, let txnId = order.txnId, let plan = order.plan, let card = order.card else { return [] }
        switch answer {
        case .approved(let code):
            self.order?.card?.authCode = code
            awaiting = .topUpIntent
            screen = .processing(.toppingUp)
            return [.journal(txnId: txnId, [
                .cardAuthorised(brand: card.brand, last4: card.last4, authCode: code),
                .topUpRequested(simNumber: order.sim.digits, planId: plan.id)])]
        case .declined(let why):
            notice = .cardDeclined(why)
            awaiting = .cardFailureRecorded
            return [.journal(txnId: txnId, [.cardDeclined(reason: why.rawValue), .failed(reason: .cardDeclined)])]
        case .timedOut:
            notice = .cardTimedOut
            // No answer: reverse whatever the acquirer may have authorised for this transaction,
            // and close the attempt once the reversal is sent.
            awaiting = .reversalIntent
            return [.journal(txnId: txnId, [.cardDeclined(reason: CardPayment.noAnswer)])]
        }
    }

    /// Back to the payment choice; the next attempt is a new transaction.
    mutating func cardAttemptEnded() -> [Effect] {
        awaiting = nil
        order?.txnId = nil
        order?.card = nil
        order?.begun = false
        screen = .choosePayment
        return []
    }
}
