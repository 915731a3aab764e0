import Ledger

/// What recovery did with one open sale, for staff, worded from its journal alone: the
/// money moves journaled since the sale was resumed, then how it ended and why (the reasons'
/// own staff sentences). A step the journal does not hold is never claimed.
enum RecoveryLine {
    static func describe(_ steps: [Step]) -> String {
        let resumedAt = steps.lastIndex { if case .recovered = $0 { return true } else { return false } }
        let done = resumedAt.map { Array(steps[steps.index(after: $0)...]) } ?? steps
        let brand = steps.lazy.compactMap(\.walletBrand).first ?? "wallet"
        var moves: [String] = []
        for step in done {
            switch step {
            case .cashReturned(let pieces): moves.append("\(pieces.total) returned")
            case .changeDispensed(let pieces): moves.append("change \(pieces.total) paid")
            case .topUpApplied: moves.append("the top-up was applied")
            case .topUpFailed(let why): moves.append("the top-up failed (\(why.sentence))")
            case .cardCaptured: moves.append("card payment captured")
            case .cardVoided: moves.append("card payment voided")
            case .walletPaid: moves.append("\(brand) paid")
            case .walletDeclined(let code) where WalletPayment.cancelReason(code) == nil:
                moves.append(WalletDecline(rawValue: code) == .noOrder ? "\(brand) has no order for it" : "\(brand) declined")
            case .walletCancelled: moves.append("\(brand) order cancelled")
            case .walletRefunded: moves.append("\(brand) payment refunded to the wallet")
            case .refundDue(let yen, let why): moves.append("\(Yen(yen)) owed to the customer: \(why.refundDueSentence)")
            default: break
            }
        }
        // The reversal of a card the acquirer never answered is journaled only by the attempt's end.
        let reversed = done.last == .failed(reason: .cardTimedOut)
        if reversed { moves.append("reversal sent") }
        let tookMoney = steps.contains {
            switch $0 {
            case .cashIn, .cardAuthorised, .walletPaid: return true
            default: return false
            }
        }
        switch done.last {
        case .completed?: moves.append("sale completed")
        case .refunded(let why)?: moves.append(done.contains(.topUpFailed(reason: why)) ? "refunded" : "refunded (\(why.sentence))")
        case .cancelled(let why)?: moves.append("cancelled (\(why.sentence))")
        case .failed(let why)?: moves.append("attempt closed (\(why.sentence))")
        case .refundDue?: break
        default: moves.append("left open")
        }
        if !tookMoney, case .failed? = done.last {
            // A reversal or a cancel undoes whatever the payment may have come to.
            let undone = done.contains(.walletCancelled) || reversed
            moves.append(undone ? "nothing stays charged" : "no money had been taken")
        }
        return moves.joined(separator: "; ")
    }
}

private extension Step {
    var walletBrand: String? {
        if case .walletPaymentRequested(let brand) = self { return brand }
        return nil
    }
}
