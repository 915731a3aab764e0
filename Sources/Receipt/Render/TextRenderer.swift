/// Plain text at 32, 42 or 48 columns (58 mm and 80 mm paper). Lines are aligned by display
/// width; emphasis and double size have no form in plain text and print at normal size. A QR
/// code is drawn with half blocks, two module rows to a text row; a barcode cannot be drawn
/// in text, so its payload is printed where it would stand.
public struct TextRenderer {
    public static let widths = [32, 42, 48]
    public let width: Int

    public init(width: Int) {
        self.width = width
    }

    public func render(_ document: Document) -> String {
        var out = ""
        out.reserveCapacity(document.lines.count * width * 2)
        for line in document.lines {
            for row in rows(line) {
                out += row.trailingSpacesRemoved
                out += "\n"
            }
        }
        return out
    }

    func rows(_ line: Line) -> [String] {
        switch line {
        case .text(let text, let alignment, _):
            return Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }
        case .columns(let label, let amount, _):
            return Layout.columns(label, amount, width: width)
        case .rule(let ch):
            return [Layout.rule(ch, width: width)]
        case .blank:
            return [""]
        case .qr(let code):
            return qrRows(code)
        case .barcode(let payload):
            return Layout.wrap(payload, width: width).map { Layout.aligned($0, .center, width: width) }
        }
    }

    private func qrRows(_ code: QRCode) -> [String] {
        // A quiet zone of two modules on every side, as scanners need.
        let side = code.size + 4
        guard code.size > 0, side <= width else {
            return Layout.wrap(code.payload, width: width).map { Layout.aligned($0, .center, width: width) }
        }
        let indent = [UInt8](repeating: UInt8(ascii: " "), count: (width - side) / 2)
        let full: [UInt8] = [0xE2, 0x96, 0x88], upper: [UInt8] = [0xE2, 0x96, 0x80], lower: [UInt8] = [0xE2, 0x96, 0x84]
        var rows: [String] = []
        var bytes: [UInt8] = []
        for top in stride(from: -2, to: code.size + 2, by: 2) {
            bytes.removeAll(keepingCapacity: true)
            bytes += indent
            for column in -2..<(code.size + 2) {
                // Dark modules print as ink: the upper and lower halves of one character cell.
                switch (code.isDark(row: top, column: column), code.isDark(row: top + 1, column: column)) {
                case (true, true): bytes += full
                case (true, false): bytes += upper
                case (false, true): bytes += lower
                case (false, false): bytes.append(UInt8(ascii: " "))
                }
            }
            rows.append(String(decoding: bytes, as: UTF8.self))
        }
        return rows
    }
}

extension String {
    var trailingSpacesRemoved: Substring {
        var end = utf8.endIndex
        while end > utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        return self[..<end]
    }
}
