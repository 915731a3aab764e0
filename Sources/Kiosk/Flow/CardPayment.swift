import Ledger

/// Step 4, by card: the intent is journaled before the acquirer is asked; a decline ends the
/// attempt and the customer chooses again. A UnionPay debit card asks for its PIN first,
/// on the keypad; a wrong PIN is asked for again while the card has tries left.
enum CardPayment {
    /// The decline code journaled when the acquirer never answered.
    static let noAnswer = "timeout"
    /// The decline code journaled for a wrong PIN (the attempt goes on).
    static let wrongPIN = "wrong_pin"
}

extension KioskState {
    mutating func payingCard(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.presentCard(let id)):
            guard let card = catalogue.testCard(id) else { return [] }
            return present(pan: card.pan, expiry: card.expiry)
        case .cardPresented(let pan, let expiry):
            return present(pan: pan, expiry: expiry)
        default:
            return otherPaymentEvent(event)
        }
    }

    private mutating func present(pan: String, expiry: String) -> [Effect] {
        guard awaiting == nil, order?.txnId != nil else { return [] }
        let digits = pan.filter { $0.isNumber }
        guard let brand = CardBrand.reading(digits) else {
            notice = .cardDeclined(.unreadable)
            return []
        }
        notice = nil
        order?.card = CardOnFile(brand: brand.rawValue, last4: String(digits.suffix(4)), authCode: nil)
        // The card says whether it wants a PIN (a debit card); the simulated ones are the test cards.
        if catalogue.testCards.first(where: { $0.pan == digits })?.pin != nil {
            screen = .enteringPIN(PINPad(pan: digits, expiry: expiry))
            return []
        }
        return requestAuthorisation(pan: digits, expiry: expiry, pin: nil)
    }

    private mutating func requestAuthorisation(pan: String, expiry: String, pin: PIN?) -> [Effect] {
        guard let txnId = order?.txnId, let card = order?.card else { return [] }
        awaiting = .cardIntent(pan: pan, expiry: expiry, pin: pin)
        screen = .processing(.authorisingCard)
        return [.journal(txnId: txnId, beginStep() + [.cardAuthorisationRequested(brand: card.brand, last4: card.last4)])]
    }

    mutating func enteringPIN(_ event: Event, pad: PINPad) -> [Effect] {
        var pad = pad
        switch event {
        case .key(.char(let c)) where c.isASCII && c.isNumber:
            pad.pin = pad.pin.adding(c.wholeNumberValue!)
        case .tap(.digit(let d)):
            pad.pin = pad.pin.adding(d)
        case .key(.backspace), .tap(.deleteDigit):
            pad.pin = pad.pin.droppingLast()
        case .tap(.clearNumber):
            pad.pin = PIN()
        case .key(.enter), .tap(.confirm):
            guard pad.pin.isComplete else { return [] }
            notice = nil
            return requestAuthorisation(pan: pad.pan, expiry: pad.expiry, pin: pad.pin)
        case .tap(.back), .key(.escape):
            return abandonAttempt(reason: .cancelledByCustomer, backToStart: false)
        default:
            return rejectStray(event)
        }
        screen = .enteringPIN(pad)
        return []
    }

    /// The customer leaves a card attempt that is already in the ledger (after a wrong PIN):
    /// it is closed as failed; otherwise nothing was written.
    mutating func abandonAttempt(reason: StopReason, backToStart: Bool) -> [Effect] {
        guard let txnId = order?.txnId, order?.begun == true else {
            order?.card = nil
            if backToStart { return backToAttract() }
            screen = .choosePayment
            return []
        }
        awaiting = .attemptFailed(backToStart: backToStart)
        return [.journal(txnId: txnId, [.failed(reason: reason)])]
    }

    mutating func cardAnswered(_ answer: CardAuthorisation, retry: (pan: String, expiry: String)?) -> [Effect] {
        guard let order, let txnId = order.txnId, let plan = order.plan, let card = order.card else { return [] }
        switch answer {
        case .approved(let code):
            self.order?.card?.authCode = code
            awaiting = .topUpIntent
            screen = .processing(.toppingUp)
            return [.journal(txnId: txnId, [
                .cardAuthorised(brand: card.brand, last4: card.last4, authCode: code),
                .topUpRequested(simNumber: order.sim.digits, planId: plan.id)])]
        case .wrongPIN(let left):
            guard let retry else { return failAttempt(.cardDeclined(.pinTriesExceeded), decline: CardDecline.pinTriesExceeded.rawValue) }
            notice = .wrongPIN(triesLeft: left)
            awaiting = .pinRetryRecorded(PINPad(pan: retry.pan, expiry: retry.expiry, triesLeft: left))
            return [.journal(txnId: txnId, [.cardDeclined(reason: CardPayment.wrongPIN)])]
        case .declined(let why):
            return failAttempt(.cardDeclined(why), decline: why.rawValue)
        case .timedOut:
            notice = .cardTimedOut
            // No answer: reverse whatever the acquirer may have authorised for this transaction,
            // and close the attempt once the reversal is sent.
            awaiting = .reversalIntent
            return [.journal(txnId: txnId, [.cardDeclined(reason: CardPayment.noAnswer)])]
        }
    }

    private mutating func failAttempt(_ why: Notice, decline: String) -> [Effect] {
        guard let txnId = order?.txnId else { return [] }
        notice = why
        awaiting = .attemptFailed()
        return [.journal(txnId: txnId, [.cardDeclined(reason: decline), .failed(reason: .cardDeclined)])]
    }

    /// Back to the payment choice (or the start); the next attempt is a new transaction.
    mutating func attemptEnded(backToStart: Bool) -> [Effect] {
        awaiting = nil
        order?.txnId = nil
        order?.card = nil
        order?.wallet = nil
        order?.begun = false
        if backToStart { return backToAttract() }
        screen = .choosePayment
        return []
    }
}
