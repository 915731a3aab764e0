import ChildProcess
import XCTest
@testable import Receipt

/// The PDF is checked with poppler's own tools, as a person would check a file.
final class PDFRendererTests: XCTestCase {
    private func write(_ receipt: SaleReceipt) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("receipt-\(UUID().uuidString).pdf")
        try PDFRenderer().render(receipt.document).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    func run(_ tool: String, _ args: [String]) throws -> String {
        let result = try ChildProcess.run(tool, args, timeout: 60)
        XCTAssertEqual(result.status, 0, "\(tool) failed: \(result.errors)")
        return result.output
    }

    func testTextOfTheReceiptIsInThePDF() throws {
        for language in [Language.ja, .en] {
            let text = try run("pdftotext", ["-layout", try write(Samples.sale(language)).path, "-"])
            for expected in ["¥2,980", "¥2,020", "FM-SBY-1-000123", "T1234567890123"] {
                XCTAssertTrue(text.contains(expected), "\(language): missing \(expected) in\n\(text)")
            }
        }
    }

    func testEveryFontIsEmbeddedAsASubset() throws {
        let fonts = try run("pdffonts", [try write(Samples.sale(.ja)).path])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(rows.isEmpty)
        // Cairo names its subsets CairoFont-N-N; what matters is that each one travels in the file.
        for row in rows {
            // Columns: name type encoding emb sub uni object ID.
            let columns = row.split(separator: " ", omittingEmptySubsequences: true)
            XCTAssertEqual(columns[columns.count - 5], "yes", "not embedded: \(row)")
            XCTAssertEqual(columns[columns.count - 4], "yes", "not a subset: \(row)")
        }
    }

    func testPageIs80MillimetresWideAndAsLongAsTheReceipt() throws {
        let info = try run("pdfinfo", [try write(Samples.sale(.ja)).path])
        let size = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Page size:") })
        XCTAssertTrue(size.contains("226.77"), String(size))
        let height = Double(size.split(separator: " ")[4]) ?? 0
        XCTAssertGreaterThan(height, 300)
        XCTAssertTrue(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 1") })
    }
}

extension PDFRendererTests {
    /// A scanner reads the page as printed: zbar finds the QR code and the CODE128 barcode
    /// in the rendered page, and both carry the transaction id.
    func testQRCodeAndBarcodeScanFromTheRenderedPage() throws {
        let pdf = try write(Samples.sale(.ja))
        let png = pdf.deletingPathExtension()
        _ = try run("pdftoppm", ["-png", "-r", "150", "-singlefile", pdf.path, png.path])
        addTeardownBlock { try? FileManager.default.removeItem(atPath: png.path + ".png") }
        let scanned = try run("zbarimg", ["-q", png.path + ".png"]).split(separator: "\n").map(String.init).sorted()
        XCTAssertEqual(scanned, ["CODE-128:FM-SBY-1-000123", "QR-Code:FM-SBY-1-000123"])
    }

    /// IPA Gothic has no simplified Chinese characters; Chinese receipts are set in a font that does.
    func testChineseReceiptsUseAChineseFont() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("receipt-\(UUID().uuidString).pdf")
        try PDFRenderer(language: .zhHans).render(Samples.sale(.zhHans).document).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        XCTAssertTrue(try run("pdffonts", [url.path]).contains("WenQuanYiZenHeiMono"))
        XCTAssertTrue(try run("pdftotext", [url.path, "-"]).contains("合计"))
    }
}
