import Foundation
import Receipt

/// Documents per second for each renderer, on a Japanese receipt with QR code and barcode.
enum ReceiptBench {
    static func rows() -> [BenchRow] {
        let receipt = SaleReceipt(
            store: ReceiptStore(chain: "ファミリーマート", storeName: "渋谷駅東口店", address: "東京都渋谷区渋谷1-2-3",
                                registrationNumber: "T1234567890123", terminalId: "FM-SBY-1"),
            at: Date(), receiptNo: 123, txnId: "FM-SBY-1-000123", carrierName: "NTTドコモ",
            simNumberMasked: "090-****-5678", planName: "トラベル 3GB", planDetail: "3GB・30日間",
            amountYen: 2_980, taxYen: 270, payment: .cash(receivedYen: 5_000, changeYen: 2_020),
            newExpiry: "2026-12-25", isReprint: false, language: .ja)
        let document = receipt.document
        // The baselines: the same rows laid out beforehand, so that only drawing or appending is
        // timed. Many short rounds, each renderer's in turn with its baseline's, the best kept:
        // a neighbour's burst on a shared machine spoils a round, not the result.
        // Each row ends with a newline, the last one too: nothing follows it.
        let textRows = TextRenderer(width: 48).render(document).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        let (text, appended) = Bench.secondsPerCall(iterations: 1_000, rounds: 20, { _ = TextRenderer(width: 48).bytes(document) },
                                                    beside: { _ = ReceiptBaselines.appended(textRows) })
        let pdfRows = ReceiptBaselines.rows(of: document)
        let (pdf, cairo) = Bench.secondsPerCall(iterations: 25, rounds: 12, { _ = PDFRenderer().render(document) },
                                                beside: { _ = ReceiptBaselines.cairoAlone(document, rows: pdfRows) })
        let escpos = Bench.secondsPerCall(iterations: 1_000, rounds: 20) { _ = ESCPOSRenderer().render(document) }
        return [
            BenchRow(name: "receipt text, documents/s", value: 1 / text, unit: "/s", goal: "≥ 0.5 × plain appends",
                     baseline: String(format: "appends %.0f/s", 1 / appended), ratio: String(format: "%.2f×", appended / text),
                     met: appended / text >= 0.5),
            BenchRow(name: "receipt PDF, documents/s", value: 1 / pdf, unit: "/s", goal: "≥ 0.7 × cairo alone",
                     baseline: String(format: "cairo alone %.0f/s", 1 / cairo), ratio: String(format: "%.2f×", cairo / pdf),
                     met: cairo / pdf >= 0.7),
            BenchRow(name: "receipt ESC/POS, documents/s", value: 1 / escpos, unit: "/s", goal: "—"),
        ]
    }
}
