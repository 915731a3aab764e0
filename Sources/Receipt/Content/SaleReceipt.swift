import Foundation
import Money

/// How the customer paid, as the receipt shows it.
public enum ReceiptPayment: Equatable, Sendable {
    case cash(receivedYen: Int, changeYen: Int)
    case card(brand: String, last4: String, authCode: String)
    /// A phone wallet: its brand, the last four digits of the trade number, and the number.
    case wallet(brand: String, last4: String, tradeNo: String)
}

/// The receipt of a completed top-up: what a Japanese convenience-store receipt carries.
public struct SaleReceipt: Equatable, Sendable {
    public var store: ReceiptStore
    public var at: Date
    public var receiptNo: Int
    public var txnId: String
    public var carrierName: String
    public var simNumberMasked: String
    public var planName: String
    public var planDetail: String
    public var amountYen: Int
    public var taxYen: Int
    public var payment: ReceiptPayment
    public var newExpiry: String
    public var isReprint: Bool
    public var language: Language
    /// Paid at the register for this application slip: the receipt is the register's
    /// 取扱明細兼受領書 (statement and receipt) and names the slip.
    public var slipNo: String?

    public init(store: ReceiptStore, at: Date, receiptNo: Int, txnId: String, carrierName: String,
                simNumberMasked: String, planName: String, planDetail: String, amountYen: Int, taxYen: Int,
                payment: ReceiptPayment, newExpiry: String, isReprint: Bool, language: Language, slipNo: String? = nil) {
        self.store = store
        self.at = at
        self.receiptNo = receiptNo
        self.txnId = txnId
        self.carrierName = carrierName
        self.simNumberMasked = simNumberMasked
        self.planName = planName
        self.planDetail = planDetail
        self.amountYen = amountYen
        self.taxYen = taxYen
        self.payment = payment
        self.newExpiry = newExpiry
        self.isReprint = isReprint
        self.language = language
        self.slipNo = slipNo
    }

    public var document: Document {
        let l = language
        var doc = Document(store.lines(l))
        if isReprint { doc.append(.text(Word.reprint.in(l), .center, [.bold, .doubleSize])) }
        if slipNo != nil {
            doc.append(.text(Word.registerReceipt.in(.ja), .center, [.bold, .doubleSize]))
            if l != .ja { doc.append(.text(Word.registerReceipt.in(l), .center, .bold)) }
        }
        doc.append(contentsOf: [
            .columns(ReceiptTime.format(at, l), "\(Word.terminal.in(l)) \(store.terminalId)"),
            .columns(Word.receiptNo.in(l), receiptNo.zeroPadded(6)),
            .columns(Word.transaction.in(l), txnId),
        ])
        if let slipNo { doc.append(.columns(Word.slipNo.in(l), slipNo)) }
        doc.append(contentsOf: [
            .rule(),
            .text(Word.topUp.in(l), .center, .bold),
            .columns(Word.carrier.in(l), carrierName),
            .columns(Word.simNumber.in(l), simNumberMasked),
            .columns(Word.plan.in(l), planName),
            .text(planDetail, .right),
            .rule(),
            .columns(Word.total.in(l), formatYen(amountYen), [.bold, .doubleSize]),
            .columns(Word.taxIncluded.in(l), formatYen(taxYen) + ")"),
        ])
        switch payment {
        case .cash(let received, let change):
            doc.append(.columns(Word.cash.in(l), formatYen(received)))
            doc.append(.columns(Word.change.in(l), formatYen(change), .bold))
        case .card(let brand, let last4, let authCode):
            doc.append(.columns(Word.card.in(l), "\(brand) ****\(last4)"))
            doc.append(.columns(Word.authCode.in(l), authCode))
        case .wallet(let brand, let last4, let tradeNo):
            doc.append(.columns(Word.wallet.in(l), "\(brand) ****\(last4)"))
            doc.append(.columns(Word.tradeNo.in(l), tradeNo))
        }
        doc.append(contentsOf: [
            .rule(),
            .columns(Word.newExpiry.in(l), newExpiry, .bold),
            .blank,
            .qr(QRCode(txnId)),
            .barcode(txnId),
            .text(Word.keepReceipt.in(l), .center),
            .text(Word.thanks.in(l), .center, .bold),
        ])
        return doc
    }
}
