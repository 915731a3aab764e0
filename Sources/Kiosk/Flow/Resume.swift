import Foundation
import Ledger
import Receipt

/// A sale its process left open (a crash, a power cut), read back from its journal as the
/// machine's own state at the moment it stopped: the order, the cash it holds, and the step
/// it was waiting on. The reducer carries on from there by the same rules as a live sale;
/// nothing here decides what happens to the money.
public struct OpenSale: Equatable {
    public var order: Order
    public var language: Language
    /// What the machine was waiting for when it stopped; nil when it held the customer's
    /// cash and waited for the customer.
    public var pending: Awaiting?

    /// Why a journal cannot be carried on.
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public init(journal steps: [Step], catalogue: Catalogue) throws {
        guard case .begin(let start)? = steps.first else {
            throw Unreadable(description: "its journal does not begin the transaction")
        }
        guard var plan = catalogue.plan(start.planId) else {
            throw Unreadable(description: "its plan \(start.planId) is not in the fixtures")
        }
        // What the customer was charged is the journal's, whatever the fixtures say today.
        plan.price = Yen(start.amountYen)
        let sim = (try? SIMNumber.parse(start.simNumber).get()) ?? .mobile(start.simNumber)
        var order = Order(sim: sim, account: Account(sim: sim, carrierId: start.carrierId, expiry: "", inGrace: false))
        order.plan = plan
        order.txnId = start.id
        order.method = start.paymentMethod
        order.begun = true
        order.resumed = true
        var pending: Awaiting?
        var failure: StopReason?
        for step in steps.dropFirst() {
            switch step {
            case .cashIn(let d):
                order.inserted[d] += 1
            case .cardAuthorisationRequested(let brand, let last4):
                order.card = CardOnFile(brand: brand, last4: last4, authCode: nil)
                pending = .cardAnswer
            case .cardAuthorised(_, _, let code):
                order.card?.authCode = code
            case .cardDeclined(CardPayment.noAnswer):
                pending = .reversalIntent
            case .cardDeclined(CardPayment.wrongPIN):
                // The PIN went with the process: the attempt cannot go on.
                pending = nil
            case .walletPaymentRequested(let brand):
                order.wallet = WalletOnFile(brand: brand, tradeNo: nil)
                pending = .walletAnswer
            case .walletPaid(_, _, let tradeNo):
                order.wallet?.tradeNo = tradeNo
            case .walletDeclined(let code):
                if let reason = WalletPayment.cancelReason(code) { pending = .walletCancelIntent(reason: reason) }
            case .topUpRequested:
                pending = .topUpAnswer
            case .topUpApplied(let expiry):
                order.newExpiry = expiry
                pending = start.paymentMethod == .card ? .captureIntent : nil
            case .changeDue(let pieces):
                order.change = pieces
                pending = .changeIntent
            case .topUpFailed(let reason):
                failure = reason
                switch start.paymentMethod {
                case .card: pending = .voidIntent(reason: reason)
                case .wallet: pending = .walletRefundIntent(reason: reason)
                case .cash: pending = nil
                }
            case .cashReturnDue:
                // A return asked for without a failed top-up was the customer's cancel; the
                // journal does not say whether they pressed Cancel or walked away.
                pending = .returnIntent(failure.map(CashBack.refund) ?? .cancel(.interrupted))
            case .cashReturned(let pieces):
                order.inserted.add(pieces, sign: -1)
            default:
                break
            }
        }
        self.order = order
        self.language = start.language.flatMap(Language.init(rawValue:)) ?? .en
        self.pending = pending
    }

    /// The stored word for where the sale stood, journaled when it is resumed.
    public var interruption: String {
        switch pending {
        case nil:
            if order.newExpiry != nil { return "change_unsettled" }
            // A card attempt stopped after a wrong PIN holds no money.
            return order.paid > .zero ? "cash_held" : "attempt_unfinished"
        case .cardAnswer?: return "card_unanswered"
        case .reversalIntent?: return "reversal_unsent"
        case .topUpAnswer?: return "top_up_unanswered"
        case .captureIntent?: return "capture_unsent"
        case .voidIntent?: return "void_unsent"
        case .changeIntent?: return "change_unpaid"
        case .returnIntent?: return "cash_return_unpaid"
        case .walletAnswer?: return "wallet_unanswered"
        case .walletCancelIntent?: return "wallet_cancel_unsent"
        case .walletRefundIntent?: return "wallet_refund_unsent"
        case .some: return "resumed"
        }
    }
}

extension KioskState {
    /// A machine rebuilt to carry on one open sale; `machine` is the terminal as the ledger
    /// has it now. Send it `.resume`.
    public static func resuming(_ sale: OpenSale, catalogue: Catalogue, machine: Machine, now: Date) -> KioskState {
        var state = KioskState(catalogue: catalogue, now: now, language: sale.language)
        state.machine = machine
        state.order = sale.order
        state.screen = .processing(.toppingUp)
        state.awaiting = .resuming(sale)
        return state
    }

    /// The resumed sale's first step: the journal notes where it stood.
    mutating func resume() -> [Effect] {
        guard case .resuming(let sale)? = awaiting, let txnId = order?.txnId else { return [] }
        return [.journal(txnId: txnId, [.recovered(resolution: sale.interruption)])]
    }

    /// The process that stopped took every answer it was waiting for with it: a lost answer
    /// from the carrier or the acquirer is a time-out, as in a live sale; an intent whose
    /// device step may not have happened is carried out again; cash still held goes back.
    mutating func resumed(_ sale: OpenSale) -> [Effect] {
        let journaled = Event.journaled(receiptNo: nil)
        switch sale.pending {
        case .topUpAnswer?:
            awaiting = .topUpAnswer
            return answer(.topUpAnswered(.timedOut))
        case .cardAnswer?:
            awaiting = .cardAnswer
            return answer(.cardAnswered(.timedOut))
        case .walletAnswer?:
            awaiting = .walletAnswer
            return answer(.walletAnswered(.timedOut))
        case .changeIntent?:
            let inventory = machine?.status.inventory ?? .none
            // Staff may have emptied the unit since: make the change again from what is there.
            guard sale.order.change.allSatisfy({ inventory[$0.denomination] >= $0.count }) else {
                return payChange(sale.order.change.total, after: [])
            }
            awaiting = .changeIntent
            return answer(journaled)
        case let intent?:
            awaiting = intent
            return answer(journaled)
        case nil:
            let order = sale.order
            if order.newExpiry != nil {
                let change = order.paid - order.amount
                return change > .zero ? payChange(change, after: []) : close(.completed, [.completed])
            }
            guard order.paid > .zero else {
                // A card or wallet attempt that never took money.
                awaiting = .attemptFailed(backToStart: true)
                return [.journal(txnId: order.txnId, [.failed(reason: .interrupted)])]
            }
            return giveBack(.refund(.interrupted))
        }
    }
}
