import Foundation
import Money
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
        let base = (txn.receiptNo ?? 0).zeroPadded(6) + "-" + txn.id
        var expiry: String?
        var returned = CashPieces.none
        var voided = false
        var walletRefunded = false
        var reason: StopReason?
        var due = 0
        var paidAtCounter: CounterPayment?
        var slipNo: String?
        for row in journal {
            switch row.step {
            case .begin(let start): slipNo = start.slipNo
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
                isReprint: reprint, language: language, slipNo: slipNo)
            out.append(Printable(name: base, document: receipt.document, language: language))
        }
        if txn.status == .refunded || txn.status == .refundDue || (txn.status == .cancelled && !returned.isEmpty) {
            let back = voided || walletRefunded ? txn.amountYen : returned.total.amount
            let slip = RefundSlip(store: header, at: at, receiptNo: txn.receiptNo, txnId: txn.id,
                                  simNumberMasked: sim, amountYen: txn.amountYen,
                                  receivedYen: txn.paymentMethod == .cash ? txn.cashInYen : nil, returnedYen: back, cardVoided: voided,
                                  walletRefunded: walletRefunded, dueYen: due,
                                  paidAtCounter: paidAtCounter,
                                  reason: reason?.say.in(language) ?? "", isReprint: reprint, language: language, slipNo: slipNo)
            out.append(Printable(name: base + "-refund", document: slip.document, language: language))
        }
        guard !out.isEmpty else {
            throw PrinterFault.failed("transaction \(txn.id) is \(txn.status.rawValue) and has no receipt or slip")
        }
        return out
    }

    /// The application slip of a machine that takes no money, from its `register_slips` row.
    public static func applicationSlip(_ slip: SlipRecord, catalogue: Catalogue, reprint: Bool) throws -> Printable {
        let s = slip.issue
        let language = s.language.flatMap(Language.init(rawValue:)) ?? .en
        guard let store = catalogue.store(s.storeId) else { throw PrinterFault.failed("store \(s.storeId) is not in the fixtures") }
        let header = ReceiptStore(chain: catalogue.chain(store.chainId)?.name.ja ?? store.chainId, storeName: store.name.ja,
                                  address: store.address.ja, registrationNumber: store.registrationNumber, terminalId: s.terminalId)
        let plan = catalogue.plan(s.planId)
        let planName = plan.map { language == .ja ? $0.name.ja : "\($0.name.ja) / \($0.name[language])" } ?? s.planId
        let doc = ApplicationSlip(
            store: header, storeNameInLanguage: store.name[language], slipNo: s.slipNo,
            issuedAt: slip.issuedAt, expiresAt: slip.expiresAt,
            carrierName: catalogue.carrier(s.carrierId)?.name.ja ?? s.carrierId,
            simNumberMasked: SIMNumber.parse(s.simNumber).map(\.masked).get(or: s.simNumber),
            planName: planName, amountYen: s.amountYen, isReprint: reprint, language: language)
        return Printable(name: "slip-" + s.slipNo, document: doc.document, language: language)
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
