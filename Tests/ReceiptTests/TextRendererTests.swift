import XCTest
import Money
@testable import Receipt

final class TextRendererTests: XCTestCase {
    private let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    /// Each golden is the receipt exactly as it prints; set RECORD_GOLDENS=1 to write them anew.
    func testReceiptsMatchTheirGoldens() throws {
        for language in [Language.en, .ja] {
            for width in TextRenderer.widths {
                let text = TextRenderer(width: width).render(Samples.sale(language).document)
                let file = goldens.appendingPathComponent("sale-\(language.rawValue)-\(width).txt")
                if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
                    try text.write(to: file, atomically: true, encoding: .utf8)
                }
                XCTAssertEqual(text, try String(contentsOf: file, encoding: .utf8), file.lastPathComponent)
                // What the printer writes is the same, byte for byte.
                XCTAssertEqual(render(Samples.sale(language).document, as: .text(width: width)), try Data(contentsOf: file),
                               file.lastPathComponent)
            }
        }
    }

    func testRefundSlipMatchesItsGolden() throws {
        let text = TextRenderer(width: 42).render(Samples.refund(.ja).document)
        let file = goldens.appendingPathComponent("refund-ja-42.txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] != nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        XCTAssertEqual(text, try String(contentsOf: file, encoding: .utf8))
    }

    func testReceiptCarriesWhatAJapaneseReceiptCarries() {
        let text = TextRenderer(width: 48).render(Samples.sale(.ja).document)
        for expected in ["ファミリーマート", "T1234567890123", "FM-SBY-1-000123", "090-****-5678", "2026年11月25日 12:00",
                         "¥2,980", "(内消費税等 10%", "¥270)", "¥5,000", "¥2,020", "2026-12-25", "000123"] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(text.contains("再発行"))
        XCTAssertTrue(TextRenderer(width: 48).render(Samples.sale(.ja, reprint: true).document).contains("再発行"))
    }

    func testCardPaymentShowsBrandLastFourAndAuthCode() {
        let text = TextRenderer(width: 42).render(Samples.sale(.en, payment: .card(brand: "VISA", last4: "4242", authCode: "381920")).document)
        XCTAssertTrue(text.contains("VISA ****4242"))
        XCTAssertTrue(text.contains("381920"))
        XCTAssertFalse(text.contains("Change"))
    }

    /// A slip shows the cash put in beside the cash given back; a card's slip has no cash.
    func testRefundSlipSaysWhatWasPutInAndWhatCameBack() {
        let cash = TextRenderer(width: 42).render(Samples.refund(.en).document)
        for line in ["Top-up amount                       ¥2,980", "Cash received                       ¥3,000",
                     "Cash returned                       ¥2,000", "Still owed to you"] {
            XCTAssertTrue(cash.contains(line), "missing \(line) in\n\(cash)")
        }
        var slip = Samples.refund(.en)
        slip.receivedYen = nil
        slip.cardVoided = true
        slip.returnedYen = 2_980
        slip.dueYen = 0
        let card = TextRenderer(width: 42).render(slip.document)
        XCTAssertTrue(card.contains("Card payment voided                 ¥2,980"), card)
        XCTAssertFalse(card.contains("Cash"), card)
    }

    /// No line of any document is wider than the paper, whatever the names.
    func testNoLineExceedsTheWidthOverRandomCJKNames() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("渋谷駅東口新宿ファミリーマートローソンセブンイレブン便利店充值套餐ABCdef 123-·、。")
        func name(_ n: Int) -> String { String((0..<Int.random(in: 1...n, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        for _ in 0..<300 {
            var receipt = Samples.sale([.en, .ja, .zhHans, .zhHant].randomElement(using: &random)!)
            receipt.store.chain = name(40)
            receipt.store.storeName = name(60)
            receipt.store.address = name(90)
            receipt.planName = name(50)
            receipt.planDetail = name(50)
            receipt.carrierName = name(30)
            receipt.txnId = "T-" + String(Int.random(in: 0...999_999_999, using: &random))
            let documents = [receipt.document, Samples.refund(receipt.language).document]
            for width in TextRenderer.widths {
                for doc in documents {
                    for line in TextRenderer(width: width).render(doc).split(separator: "\n") {
                        XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), width, "\(line)")
                    }
                }
            }
        }
    }

    /// What `render` writes straight from bytes is what the rows `Layout` gives print as:
    /// over random lines of every kind, wide, combining and emoji characters, line breaks,
    /// trailing spaces, lines that wrap and lines that fit exactly.
    func testRenderPrintsTheRowsLayoutGives() {
        var random = SystemRandomNumberGenerator()
        let alphabet: [Character] = Array("渋谷駅ファミリーマートｶﾅＡＢCdef 123-¥·、。\n") + ["e\u{301}", "\u{2764}\u{FE0F}", "\u{200B}", " ", " "]
        func text(_ n: Int) -> String {
            String((0..<Int.random(in: 0...n, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
        }
        let alignments: [Alignment] = [.left, .center, .right]
        for _ in 0..<3_000 {
            let line: Line
            switch Int.random(in: 0..<6, using: &random) {
            case 0: line = .text(text(60), alignments.randomElement(using: &random)!)
            case 1: line = .columns(text(40), text(20))
            case 2: line = .rule(alphabet.randomElement(using: &random)!)
            case 3: line = .blank
            case 4: line = .barcode(text(60))
            default: line = .qr(QRCode(text(30)))
            }
            for width in [1, 2, 7, 32, 42, 48] {
                let renderer = TextRenderer(width: width)
                let expected = renderer.rows(line).map { row -> String in
                    var bytes = Array(row.utf8)
                    while bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
                    return String(decoding: bytes, as: UTF8.self) + "\n"
                }.joined()
                XCTAssertEqual(renderer.render(Document([line])), expected, "\(line) at \(width)")
            }
        }
    }

    func testWrapBreaksAtSpacesAndInsideWideRuns() {
        XCTAssertEqual(Layout.wrap("one two three", width: 7), ["one two", "three"])
        XCTAssertEqual(Layout.wrap("渋谷駅東口店", width: 5), ["渋谷", "駅東", "口店"])
        XCTAssertEqual(Layout.columns("合計", "¥2,980", width: 12), ["合計  ¥2,980"])
    }

    func testQRCodeIsDrawnWithHalfBlocksInsideTheWidth() {
        let rows = TextRenderer(width: 32).rows(.qr(QRCode("FM-SBY-1-000123")))
        XCTAssertGreaterThan(rows.count, 10)
        XCTAssertTrue(rows.joined().contains("█"))
        XCTAssertTrue(rows.allSatisfy { DisplayWidth.of($0) <= 32 })
    }

    func testYenHasThousandsSeparators() {
        XCTAssertEqual(formatYen(2_980), "¥2,980")
        XCTAssertEqual(formatYen(1_000_000), "¥1,000,000")
        XCTAssertEqual(formatYen(-500), "-¥500")
        XCTAssertEqual(formatYen(0), "¥0")
    }
}
