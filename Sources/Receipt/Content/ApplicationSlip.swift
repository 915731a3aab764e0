import Foundation
import Money

/// The application slip (申込券) a machine that takes no money prints: the customer takes it
/// to the register, which scans its barcode and takes the money. The clerk reads Japanese, so
/// every line is in Japanese, with the customer's language beside it when that is another.
public struct ApplicationSlip: Equatable, Sendable {
    public var store: ReceiptStore
    /// The store's name in the customer's language, printed under the Japanese head.
    public var storeNameInLanguage: String
    public var slipNo: String
    public var issuedAt: Date
    public var expiresAt: Date
    public var carrierName: String
    public var simNumberMasked: String
    public var planName: String
    public var amountYen: Int
    public var isReprint: Bool
    public var language: Language

    public init(store: ReceiptStore, storeNameInLanguage: String, slipNo: String, issuedAt: Date, expiresAt: Date,
                carrierName: String, simNumberMasked: String, planName: String, amountYen: Int,
                isReprint: Bool = false, language: Language) {
        self.store = store
        self.storeNameInLanguage = storeNameInLanguage
        self.slipNo = slipNo
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.carrierName = carrierName
        self.simNumberMasked = simNumberMasked
        self.planName = planName
        self.amountYen = amountYen
        self.isReprint = isReprint
        self.language = language
    }

    public var document: Document {
        var doc = Document(store.lines(.ja))
        if language != .ja, storeNameInLanguage != store.storeName { doc.append(.text(storeNameInLanguage, .center)) }
        if isReprint { doc.append(.text(both(.reprint), .center, .bold)) }
        doc.append(.text(Word.applicationSlip.in(.ja), .center, [.bold, .doubleSize]))
        if language != .ja { doc.append(.text(Word.applicationSlip.in(language), .center, .bold)) }
        doc.append(contentsOf: [
            .columns(ReceiptTime.format(issuedAt, .ja), "\(Word.terminal.in(.ja)) \(store.terminalId)"),
            .columns(both(.slipNo), slipNo, .bold),
            .barcode(slipNo),
            .rule(),
            .columns(both(.carrier), carrierName),
            .columns(both(.simNumber), simNumberMasked),
            .columns(both(.plan), planName),
            .columns(both(.amountToPay), formatYen(amountYen), [.bold, .doubleSize]),
            .rule(),
            .text(Self.payBy(expiresAt, .ja), .center, .bold),
        ])
        if language != .ja { doc.append(.text(Self.payBy(expiresAt, language), .center, .bold)) }
        doc.append(.text(Word.notYetTopUp.in(.ja), .center))
        if language != .ja { doc.append(.text(Word.notYetTopUp.in(language), .center)) }
        doc.append(.qr(QRCode(slipNo)))
        return doc
    }

    /// "Pay at the register by 13:44" in that language, the time in Japan.
    public static func payBy(_ expiresAt: Date, _ language: Language) -> String {
        Word.payAtRegisterBy.in(language).replacingOccurrences(of: "%@", with: ReceiptTime.clock(expiresAt))
    }

    /// The Japanese word, and the customer's beside it when that is another language.
    private func both(_ word: Word) -> String {
        language == .ja ? word.in(.ja) : "\(word.in(.ja)) \(word.in(language))"
    }
}
