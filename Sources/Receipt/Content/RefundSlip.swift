import Foundation
import Money

/// The slip of a refund: the top-up's amount, the cash put in, what came back (cash or a voided
/// card), and what the store still owes when the machine could not pay it all back.
public struct RefundSlip: Equatable, Sendable {
    public var store: ReceiptStore
    public var at: Date
    public var receiptNo: Int?
    public var txnId: String
    public var simNumberMasked: String
    public var amountYen: Int
    /// Cash the customer put in; nil for a card.
    public var receivedYen: Int?
    /// Cash given back; for a card, the amount voided.
    public var returnedYen: Int
    public var cardVoided: Bool
    public var walletRefunded: Bool
    public var dueYen: Int
    /// Set once staff have paid what was due: the slip then says so instead of what is owed.
    public var paidAtCounter: CounterPayment?
    public var reason: String
    public var isReprint: Bool
    public var language: Language
    /// Paid at the register for this application slip, and refunded there.
    public var slipNo: String?

    public init(store: ReceiptStore, at: Date, receiptNo: Int?, txnId: String, simNumberMasked: String,
                amountYen: Int, receivedYen: Int?, returnedYen: Int, cardVoided: Bool = false, walletRefunded: Bool = false,
                dueYen: Int, paidAtCounter: CounterPayment? = nil, reason: String, isReprint: Bool, language: Language,
                slipNo: String? = nil) {
        self.store = store
        self.at = at
        self.receiptNo = receiptNo
        self.txnId = txnId
        self.simNumberMasked = simNumberMasked
        self.amountYen = amountYen
        self.receivedYen = receivedYen
        self.returnedYen = returnedYen
        self.cardVoided = cardVoided
        self.walletRefunded = walletRefunded
        self.dueYen = dueYen
        self.paidAtCounter = paidAtCounter
        self.reason = reason
        self.isReprint = isReprint
        self.language = language
        self.slipNo = slipNo
    }

    public var document: Document {
        let l = language
        var doc = Document(store.lines(l))
        if isReprint { doc.append(.text(Word.reprint.in(l), .center, [.bold, .doubleSize])) }
        doc.append(.text(Word.refundSlip.in(l), .center, [.bold, .doubleSize]))
        doc.append(.columns(ReceiptTime.format(at, l), "\(Word.terminal.in(l)) \(store.terminalId)"))
        if let receiptNo { doc.append(.columns(Word.receiptNo.in(l), receiptNo.zeroPadded(6))) }
        doc.append(contentsOf: [
            .columns(Word.transaction.in(l), txnId),
        ])
        if let slipNo { doc.append(.columns(Word.slipNo.in(l), slipNo)) }
        doc.append(contentsOf: [
            .columns(Word.simNumber.in(l), simNumberMasked),
            .rule(),
            .columns(Word.amount.in(l), formatYen(amountYen)),
        ])
        if let receivedYen { doc.append(.columns(Word.cash.in(l), formatYen(receivedYen))) }
        let back: Word = cardVoided ? .cardVoided : walletRefunded ? .walletRefunded : .returnedCash
        doc.append(.columns(back.in(l), formatYen(returnedYen), .bold))
        if dueYen > 0, let paid = paidAtCounter {
            doc.append(.columns(Word.paidAtCounter.in(l), formatYen(dueYen), .bold))
            doc.append(.columns(Word.paidBy.in(l), "\(paid.staff), \(ReceiptTime.format(paid.at, l))"))
        } else if dueYen > 0 {
            doc.append(.columns(Word.stillDue.in(l), formatYen(dueYen), [.bold, .doubleSize]))
            doc.append(.text(Word.dueNote.in(l)))
        }
        if !reason.isEmpty { doc.append(.columns(Word.reason.in(l), reason)) }
        doc.append(contentsOf: [.rule(), .qr(QRCode(txnId)), .text(Word.keepReceipt.in(l), .center)])
        return doc
    }
}

/// Staff paying a refund due from the counter: who, and when.
public struct CounterPayment: Equatable, Sendable {
    public var staff: String
    public var at: Date

    public init(staff: String, at: Date) {
        self.staff = staff
        self.at = at
    }
}
