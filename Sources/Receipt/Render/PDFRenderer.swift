import CCairo
import Foundation

/// A PDF through cairo: a page 80 mm wide and as long as the receipt, set in IPA Gothic for
/// Japanese and English, WenQuanYi Zen Hei Mono for Chinese (IPA Gothic lacks simplified
/// characters), embedded as subsets so the file prints the same anywhere. Both are
/// fixed-pitch, half-width characters half an em, so the layout's columns are the page's.
public struct PDFRenderer {
    public let fontFamily: String
    /// Held for the life of the process: cairo forgets a face nobody holds, and finding it
    /// again through fontconfig would cost more than the rest of a receipt.
    private static let faces = ["IPAGothic", "WenQuanYi Zen Hei Mono"].reduce(into: [String: OpaquePointer]()) {
        $0[$1] = cairo_toy_font_face_create($1, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    }
    static let pageWidth = 80.0 / 25.4 * 72     // 80 mm in points
    static let margin = 4.0 / 25.4 * 72         // 4 mm each side: 72 mm of print
    static let columns = 48
    static let fontSize = (pageWidth - 2 * margin) / Double(columns / 2)
    static let rowHeight = fontSize * 1.4
    static let qrModule = 2.4
    static let barcodeHeight = 30.0

    public init(language: Language = .ja) {
        switch language {
        case .en, .ja: fontFamily = "IPAGothic"
        case .zhHans, .zhHant: fontFamily = "WenQuanYi Zen Hei Mono"
        }
    }

    public func render(_ document: Document) -> Data {
        render(pages: [document])
    }

    /// One file, a page for each document (a sale's receipt and its refund slip), each page as
    /// long as its document.
    public func render(pages documents: [Document]) -> Data {
        let heights = documents.map { $0.lines.map(Self.height(of:)) }
        let pageHeights = heights.map { $0.reduce(2 * Self.margin, +) }
        let sink = PDFSink()
        let surface = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            Unmanaged<PDFSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), Self.pageWidth, pageHeights.first ?? 2 * Self.margin)
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 0, 0, 0)
        for (page, document) in documents.enumerated() {
            if page > 0 {
                cairo_show_page(cr)
                cairo_pdf_surface_set_size(surface, Self.pageWidth, pageHeights[page])
            }
            var y = Self.margin
            for (line, lineHeight) in zip(document.lines, heights[page]) {
                draw(line, at: y, on: cr)
                y += lineHeight
            }
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return sink.data
    }

    static func height(of line: Line) -> Double {
        switch line {
        case .text(let text, _, let emphasis):
            let scale = emphasis.contains(.doubleSize) ? 2.0 : 1.0
            return Double(Layout.wrap(text, width: Layout.columns(for: emphasis, paper: columns)).count) * rowHeight * scale
        case .columns(let label, let amount, let emphasis):
            let scale = emphasis.contains(.doubleSize) ? 2.0 : 1.0
            return Double(Layout.columns(label, amount, width: Layout.columns(for: emphasis, paper: columns)).count) * rowHeight * scale
        case .rule, .blank:
            return rowHeight
        case .qr(let code):
            return Double(code.size + 4) * qrModule
        case .barcode:
            return barcodeHeight + rowHeight * 1.5
        }
    }

    private func draw(_ line: Line, at top: Double, on cr: OpaquePointer) {
        let printWidth = Self.pageWidth - 2 * Self.margin
        switch line {
        case .text(let text, let alignment, let emphasis):
            let width = Layout.columns(for: emphasis, paper: Self.columns)
            drawRows(Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }, emphasis, top, cr)
        case .columns(let label, let amount, let emphasis):
            drawRows(Layout.columns(label, amount, width: Layout.columns(for: emphasis, paper: Self.columns)), emphasis, top, cr)
        case .rule(let ch):
            let y = top + Self.rowHeight / 2
            cairo_set_line_width(cr, ch == "=" ? 1.2 : 0.6)
            if ch != "=" && ch != "─" { var dash = [2.0, 1.5]; cairo_set_dash(cr, &dash, 2, 0) }
            cairo_move_to(cr, Self.margin, y)
            cairo_line_to(cr, Self.margin + printWidth, y)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        case .blank:
            break
        case .qr(let code):
            // Each run of dark modules in a row is one stroke a module thick: a line is half
            // the numbers of a rectangle, and numbers are most of what a page costs to write.
            let left = (Self.pageWidth - Double(code.size) * Self.qrModule) / 2
            cairo_set_line_width(cr, Self.qrModule)
            for row in 0..<code.size {
                let y = top + (Double(row) + 2.5) * Self.qrModule
                var column = 0
                while column < code.size {
                    guard code.isDark(row: row, column: column) else { column += 1; continue }
                    let start = column
                    while column < code.size, code.isDark(row: row, column: column) { column += 1 }
                    cairo_move_to(cr, left + Double(start) * Self.qrModule, y)
                    cairo_line_to(cr, left + Double(column) * Self.qrModule, y)
                }
            }
            cairo_stroke(cr)
        case .barcode(let payload):
            guard let widths = Code128.widths(payload) else { return }
            let modules = Double(widths.reduce(0, +))
            let module = min(1.2, printWidth / modules)
            // Bars are strokes too, one stroke for each of the four bar widths.
            var bars: [Int: [Double]] = [:]
            var x = (Self.pageWidth - modules * module) / 2
            for (i, w) in widths.enumerated() {
                if i % 2 == 0 { bars[w, default: []].append(x + Double(w) * module / 2) }
                x += Double(w) * module
            }
            for (w, centres) in bars.sorted(by: { $0.key < $1.key }) {
                cairo_set_line_width(cr, Double(w) * module)
                for centre in centres {
                    cairo_move_to(cr, centre, top)
                    cairo_line_to(cr, centre, top + Self.barcodeHeight)
                }
                cairo_stroke(cr)
            }
            drawRows([Layout.aligned(payload, .center, width: Self.columns)], [], top + Self.barcodeHeight + 2, cr)
        }
    }

    private func drawRows(_ rows: [String], _ emphasis: Emphasis, _ top: Double, _ cr: OpaquePointer) {
        let scale = emphasis.contains(.doubleSize) ? 2.0 : 1.0
        cairo_set_font_face(cr, Self.faces[fontFamily])
        cairo_set_font_size(cr, Self.fontSize * scale)
        // Bold is struck twice, a hair apart, as a receipt printer's emphasis is: the fonts have
        // no bold face, and a synthesised one would embed every glyph a second time as outlines.
        let strikes = emphasis.contains(.bold) ? [0, Self.fontSize * scale * 0.05] : [0]
        for (i, row) in rows.enumerated() {
            for offset in strikes {
                // Baseline at four fifths of the row: room for descenders below.
                cairo_move_to(cr, Self.margin + offset, top + (Double(i) + 0.8) * Self.rowHeight * scale)
                cairo_show_text(cr, row)
            }
        }
    }
}

/// Collects the bytes cairo writes.
private final class PDFSink {
    var data = Data()
}
