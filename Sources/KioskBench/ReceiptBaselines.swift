import CCairo
import Foundation
import Receipt

/// What a receipt costs without the renderers: cairo alone drawing the same glyph runs, rules,
/// QR modules and bars into a PDF of the same page, and the same text bytes built by plain
/// appends. The renderers' documents/s are read beside these.
enum ReceiptBaselines {
    // As PDFRenderer lays out a page: 80 mm wide, 4 mm margins, 24 full-width characters a row.
    static let pageWidth = 80.0 / 25.4 * 72
    static let margin = 4.0 / 25.4 * 72
    static let fontSize = (pageWidth - 2 * margin) / 24
    static let rowHeight = fontSize * 1.4
    static let qrModule = 2.4
    private static let face = cairo_toy_font_face_create("IPAGothic", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)

    /// The document's rows of glyphs, rules and QR modules, drawn straight with cairo: no
    /// wrapping, aligning or measuring.
    static func cairoAlone(_ document: Document, rows: [String]) -> Int {
        var bytes = 0
        let height = Double(rows.count + 40) * rowHeight
        let surface = cairo_pdf_surface_create_for_stream({ closure, _, length in
            closure!.assumingMemoryBound(to: Int.self).pointee += Int(length)
            return CAIRO_STATUS_SUCCESS
        }, &bytes, pageWidth, height)
        let cr = cairo_create(surface)!
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_set_font_face(cr, face)
        cairo_set_font_size(cr, fontSize)
        var y = margin
        for row in rows {
            cairo_move_to(cr, margin, y + 0.8 * rowHeight)
            cairo_show_text(cr, row)
            y += rowHeight
        }
        for line in document.lines {
            switch line {
            case .rule:
                cairo_set_line_width(cr, 0.6)
                cairo_move_to(cr, margin, y)
                cairo_line_to(cr, pageWidth - margin, y)
                cairo_stroke(cr)
                y += rowHeight
            case .qr(let code):
                cairo_set_line_width(cr, qrModule)
                let left = (pageWidth - Double(code.size) * qrModule) / 2
                for r in 0..<code.size {
                    var c = 0
                    while c < code.size {
                        guard code.isDark(row: r, column: c) else { c += 1; continue }
                        let start = c
                        while c < code.size, code.isDark(row: r, column: c) { c += 1 }
                        cairo_move_to(cr, left + Double(start) * qrModule, y + Double(r) * qrModule)
                        cairo_line_to(cr, left + Double(c) * qrModule, y + Double(r) * qrModule)
                    }
                }
                cairo_stroke(cr)
                y += Double(code.size + 4) * qrModule
            default:
                break
            }
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        cairo_surface_destroy(surface)
        return bytes
    }

    /// The text renderer's rows, joined by plain appends into the same bytes.
    static func appended(_ rows: [String]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.reduce(0) { $0 + $1.utf8.count + 1 })
        for row in rows {
            out.append(contentsOf: row.utf8)
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }
}

extension ReceiptBaselines {
    /// The rows of glyphs the PDF renderer draws for the document, laid out as it lays them out.
    static func rows(of document: Document) -> [String] {
        document.lines.flatMap { line -> [String] in
            switch line {
            case .text(let text, let alignment, let emphasis):
                let width = Layout.columns(for: emphasis, paper: 48)
                return Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }
            case .columns(let label, let amount, let emphasis):
                return Layout.columns(label, amount, width: Layout.columns(for: emphasis, paper: 48))
            case .barcode(let payload):
                return [Layout.aligned(payload, .center, width: 48)]
            case .rule, .blank, .qr:
                return []
            }
        }
    }
}
