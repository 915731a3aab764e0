import Foundation
import Ledger
import Receipt

/// Builds the documents of a finished transaction from the ledger alone: the receipt of a
/// sale, the slip of a refund or refund due. Printing and reprinting both come here.
public enum ReceiptContent {
    public struct Printable {
        public var name: String
        public var document: Document
        public var language: Language
    }

    public static func documents(for txn: TransactionRecord, journal: [JournalRecord], catalogue: Catalogue,
                                 language asked: Language?, reprint: Bool) throws -> [Printable] {
        let language = asked ?? customerLanguage(journal) ?? .en
        guard let store = catalogue.store(txn.storeId) else {
            throw PrinterFault.failed("store \(txn.storeId) is not in the fixtures")
        }
        let chain = catalogue.chain(store.chainId)
        let header = ReceiptStore(chain: chain?.name[language] ?? store.chainId, storeName: store.name[language],
                                  address: store.address[language], registrationNumber: store.registrationNumber,
                                  terminalId: txn.terminalId)
        let sim = SIMNumber.parse(txn.simNumber).map(\.masked).get(or: txn.simNumber)
        let at = txn.finishedAt ?? txn.startedAt
        let base = String(format: "%06d-%@", txn.receiptNo ?? 0, txn.id)
        var expiry: String?
        var returned = CashPieces.none
        var voided = false
        var walletRefunded = false
        var reason: StopReason?
        var due = 0
        var paidAtCounter: CounterPayment?
        for row in journal {
            switch row.step {
            case .topUpApplied(let e): expiry = e
            case .cashReturned(let p): returned.add(p)
            case .cardVoided: voided = true
            case .walletRefunded: walletRefunded = true
            case .refunded(let r), .cancelled(let r), .topUpFailed(let r): reason = r
            case .refundDue(let y, let r): due += y; reason = r
            case .refundSettled(_, let staff): paidAtCounter = CounterPayment(staff: staff, at: row.at)
            default: break
            }
        }
        var out: [Printable] = []
        if let expiry, txn.status == .completed || txn.status == .refundDue {
            let plan = catalogue.plan(txn.planId)
            let payment: ReceiptPayment
            switch txn.paymentMethod {
            case .card?: payment = .card(brand: txn.cardBrand ?? "", last4: txn.cardLast4 ?? "", authCode: txn.authCode ?? "")
            case .wallet?: payment = .wallet(brand: txn.cardBrand ?? "", last4: txn.cardLast4 ?? "", tradeNo: txn.authCode ?? "")
            case .cash?, nil: payment = .cash(receivedYen: txn.cashInYen, changeYen: txn.changeYen)
            }
            let receipt = SaleReceipt(
                store: header, at: at, receiptNo: txn.receiptNo ?? 0, txnId: txn.id,
                carrierName: catalogue.carrier(txn.carrierId)?.name[language] ?? txn.carrierId,
                simNumberMasked: sim, planName: plan?.name[language] ?? txn.planId,
                planDetail: plan?.detail(in: language) ?? "",
                amountYen: txn.amountYen, taxYen: txn.taxYen, payment: payment, newExpiry: expiry,
                isReprint: reprint, language: language)
            out.append(Printable(name: base, document: receipt.document, language: language))
        }
        if txn.status == .refunded || txn.status == .refundDue || (txn.status == .cancelled && !returned.isEmpty) {
            let back = voided || walletRefunded ? txn.amountYen : returned.total.amount
            let slip = RefundSlip(store: header, at: at, receiptNo: txn.receiptNo, txnId: txn.id,
                                  simNumberMasked: sim, amountYen: txn.amountYen,
                                  receivedYen: txn.paymentMethod == .cash ? txn.cashInYen : nil, returnedYen: back, cardVoided: voided,
                                  walletRefunded: walletRefunded, dueYen: due,
                                  paidAtCounter: paidAtCounter,
                                  reason: reason?.say.in(language) ?? "", isReprint: reprint, language: language)
            out.append(Printable(name: base + "-refund", document: slip.document, language: language))
        }
        guard !out.isEmpty else {
            throw PrinterFault.failed("transaction \(txn.id) is \(txn.status.rawValue) and has no receipt or slip")
        }
        return out
    }

    /// The language the customer used at the machine, as its `begin` step recorded it.
    static func customerLanguage(_ journal: [JournalRecord]) -> Language? {
        for row in journal {
            if case .begin(let start) = row.step { return start.language.flatMap(Language.init(rawValue:)) }
        }
        return nil
    }
}

extension Result {
    func get(or fallback: Success) -> Success { (try? get()) ?? fallback }
}
