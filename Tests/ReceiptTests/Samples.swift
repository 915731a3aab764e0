import Foundation
@testable import Receipt

/// A fixed sale and refund, so goldens and renderers see the same documents.
enum Samples {
    static let at = Date(timeIntervalSince1970: 1_795_575_600)   // 2026-11-25 12:00 JST

    static func store(_ language: Language) -> ReceiptStore {
        language == .en
            ? ReceiptStore(chain: "FamilyMart", storeName: "Shibuya Station East", address: "1-2-3 Shibuya, Shibuya-ku, Tokyo",
                           registrationNumber: "T1234567890123", terminalId: "FM-SBY-1")
            : ReceiptStore(chain: "ファミリーマート", storeName: "渋谷駅東口店", address: "東京都渋谷区渋谷1-2-3",
                           registrationNumber: "T1234567890123", terminalId: "FM-SBY-1")
    }

    static func sale(_ language: Language, reprint: Bool = false,
                     payment: ReceiptPayment = .cash(receivedYen: 5_000, changeYen: 2_020)) -> SaleReceipt {
        SaleReceipt(store: store(language), at: at, receiptNo: 123, txnId: "FM-SBY-1-000123",
                    carrierName: language == .en ? "NTT docomo" : "NTTドコモ", simNumberMasked: "090-****-5678",
                    planName: language == .en ? "Travel 3GB" : "トラベル 3GB",
                    planDetail: language == .en ? "3 GB · 30 days" : "3GB・30日間",
                    amountYen: 2_980, taxYen: 270, payment: payment, newExpiry: "2026-12-25",
                    isReprint: reprint, language: language)
    }

    static func refund(_ language: Language) -> RefundSlip {
        RefundSlip(store: store(language), at: at, receiptNo: 124, txnId: "FM-SBY-1-000124",
                   simNumberMasked: "090-****-5678", amountYen: 2_980, receivedYen: 3_000, returnedYen: 2_000, dueYen: 1_000,
                   reason: language == .en ? "the top-up host did not answer" : "通信エラー",
                   isReprint: false, language: language)
    }
}
