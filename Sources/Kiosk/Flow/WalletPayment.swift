import Foundation
import Ledger

/// Step 4, by phone wallet: the customer shows their app's payment code to the scanner.
/// The intent is journaled before the code is sent; the wallet answers paid, declined, or in
/// progress until the customer confirms in the app, and the machine asks again by
/// transaction id until it is paid, declined or the limit passes, then cancels the order.
/// The transaction id is the idempotency key: asking again never pays twice.
enum WalletPayment {
    /// How long the customer has to confirm in their app.
    static let confirmLimit: TimeInterval = 30
    /// How often the machine asks for the order's state meanwhile.
    static let askEvery: TimeInterval = 3
    /// The decline code journaled when the customer did not confirm in time.
    static let notConfirmed = "not_confirmed"

    /// The code journaled when the machine cancels the order: `not_confirmed` for the time
    /// limit, otherwise the reason's own code (`cancelled_by_customer`, `machine_stopped`).
    static func cancelCode(_ reason: StopReason) -> String {
        reason == .walletNotConfirmed ? notConfirmed : reason.rawValue
    }

    /// The reason behind a journaled cancel code; nil for a wallet's own decline.
    static func cancelReason(_ code: String) -> StopReason? {
        code == notConfirmed ? .walletNotConfirmed : StopReason(rawValue: code)
    }
}

extension KioskState {
    mutating func payingWallet(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.scanCode(let id)):
            guard let wallet = catalogue.testWallet(id) else { return [] }
            return scan(wallet.code)
        case .codeScanned(let code):
            return scan(code)
        default:
            return otherPaymentEvent(event)
        }
    }

    private mutating func scan(_ code: String) -> [Effect] {
        guard awaiting == nil, let txnId = order?.txnId else { return [] }
        let digits = code.filter { $0.isNumber }
        guard let brand = catalogue.walletBrand(of: digits) else {
            notice = .walletCodeUnknown
            return []
        }
        notice = nil
        order?.wallet = WalletOnFile(brand: brand.name, tradeNo: nil)
        awaiting = .walletIntent(code: digits)
        screen = .processing(.payingByWallet)
        return [.journal(txnId: txnId, beginStep() + [.walletPaymentRequested(brand: brand.name)])]
    }

    /// The wallet's answer to the payment, or to the machine asking after it.
    mutating func walletAnswered(_ answer: WalletAnswer, since: Date?) -> [Effect] {
        guard let order, let txnId = order.txnId, let plan = order.plan, let wallet = order.wallet else { return [] }
        switch answer {
        case .paid(let tradeNo):
            self.order?.wallet?.tradeNo = tradeNo
            awaiting = .topUpIntent
            screen = .processing(.toppingUp)
            return [.journal(txnId: txnId, [
                .walletPaid(brand: wallet.brand, last4: String(tradeNo.suffix(4)), tradeNo: tradeNo),
                .topUpRequested(simNumber: order.sim.digits, planId: plan.id)])]
        case .declined(let why):
            notice = .walletDeclined(why)
            awaiting = .attemptFailed()
            return [.journal(txnId: txnId, [.walletDeclined(reason: why.rawValue), .failed(reason: .walletDeclined)])]
        case .pending, .timedOut:
            let started = since ?? now
            // The payment itself got no answer: it may have gone through; ask by transaction id.
            if since == nil && answer == .timedOut { return askWallet(since: started) }
            // A customer who has gone (a sale resumed after a restart) cannot confirm.
            if order.resumed || now.timeIntervalSince(started) >= WalletPayment.confirmLimit { return giveUpWallet(.walletNotConfirmed) }
            if answer == .pending { screen = .confirmInApp(until: started.addingTimeInterval(WalletPayment.confirmLimit)) }
            awaiting = .walletPending(since: started, asked: now)
            return []
        }
    }

    /// A tick while the order is in progress: ask again, or give up at the limit.
    mutating func walletTick() -> [Effect] {
        guard case .walletPending(let since, let asked)? = awaiting else { return [] }
        if now.timeIntervalSince(since) >= WalletPayment.confirmLimit { return giveUpWallet(.walletNotConfirmed) }
        guard now.timeIntervalSince(asked) >= WalletPayment.askEvery else { return [] }
        return askWallet(since: since)
    }

    private mutating func askWallet(since: Date) -> [Effect] {
        guard let txnId = order?.txnId else { return [] }
        awaiting = .walletStatus(since: since)
        return [.askWallet(txnId: txnId)]
    }

    /// Not confirmed in time, cancelled by the customer, or the machine stopping: the decision
    /// is journaled, then the order is cancelled (whatever it came to), then the attempt is
    /// closed. Only the time-out has its own notice; a customer who cancelled is told so by
    /// the screen that follows.
    mutating func giveUpWallet(_ reason: StopReason) -> [Effect] {
        guard let txnId = order?.txnId else { return [] }
        notice = reason == .walletNotConfirmed ? .walletNotConfirmed : nil
        awaiting = .walletCancelIntent(reason: reason)
        screen = .processing(.payingByWallet)
        return [.journal(txnId: txnId, [.walletDeclined(reason: WalletPayment.cancelCode(reason))])]
    }
}
