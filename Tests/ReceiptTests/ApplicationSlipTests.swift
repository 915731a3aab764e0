import Foundation
import XCTest
@testable import Receipt

/// The application slip speaks the customer's language beside Japanese, which the clerk reads.
final class ApplicationSlipTests: XCTestCase {
    private func slip(_ language: Language) -> ApplicationSlip {
        let issued = Date(timeIntervalSince1970: 1_795_575_600)   // 2026-11-25 12:00 JST
        return ApplicationSlip(
            store: ReceiptStore(chain: "ローソン", storeName: "ローソン 札幌大通西4丁目店", address: "北海道札幌市中央区大通西4",
                                registrationNumber: "T6011001000006", terminalId: "LW-SPR-2"),
            storeNameInLanguage: "Lawson Sapporo Odori Nishi 4", slipNo: "LW-SPR-2-S000001",
            issuedAt: issued, expiresAt: issued.addingTimeInterval(1800), carrierName: "NTTドコモ",
            simNumberMasked: "090-****-5678", planName: "プリペイド 3GB", amountYen: 2980, language: language)
    }

    func testAnEnglishSlipKeepsEveryJapaneseLineAndAddsTheEnglish() {
        let doc = slip(.en).document
        XCTAssertTrue(doc.lines.contains(.barcode("LW-SPR-2-S000001")))
        XCTAssertTrue(doc.lines.contains(.qr(QRCode("LW-SPR-2-S000001"))))
        let text = String(decoding: render(doc, as: .text(width: 48)), as: UTF8.self)
        for line in ["申込券", "Application slip", "12:30までにレジでお支払いください", "Pay at the register by 12:30 JST",
                     "お支払金額 To pay", "¥2,980", "090-****-5678", "Lawson Sapporo Odori Nishi 4", "LW-SPR-2"] {
            XCTAssertTrue(text.contains(line), "\(line) in\n\(text)")
        }
    }

    func testAJapaneseSlipIsJapaneseOnly() {
        let text = String(decoding: render(slip(.ja).document, as: .text(width: 48)), as: UTF8.self)
        XCTAssertTrue(text.contains("12:30までにレジでお支払いください"), text)
        XCTAssertFalse(text.contains("Pay at the register"), text)
        XCTAssertFalse(text.contains("Application slip"), text)
    }
}
