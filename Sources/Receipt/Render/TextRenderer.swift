/// Plain text at 32, 42 or 48 columns (58 mm and 80 mm paper). Lines are aligned by display
/// width; emphasis and double size have no form in plain text and print at normal size; a QR code is drawn with half blocks, two module rows to a text row; a barcode
/// cannot be drawn in text, so its payload is printed where it would stand.
public struct TextRenderer {
    public static let widths = [32, 42, 48]
    public let width: Int

    public init(width: Int) {
        self.width = width
    }

    public func render(_ document: Document) -> String {
        var out: [String] = []
        for line in document.lines {
            out.append(contentsOf: rows(line))
        }
        return out.map { $0.trailingSpacesRemoved }.joined(separator: "\n") + "\n"
    }

    func rows(_ line: Line) -> [String] {
        switch line {
        case .text(let text, let alignment, _):
            return Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }
        case .columns(let label, let amount, _):
            return Layout.columns(label, amount, width: width)
        case .rule(let ch):
            return [String(repeating: ch, count: width / max(1, DisplayWidth.of(ch)))]
        case .blank:
            return [""]
        case .qr(let payload):
            return qrRows(payload)
        case .barcode(let payload):
            return Layout.wrap(payload, width: width).map { Layout.aligned($0, .center, width: width) }
        }
    }

    private func qrRows(_ payload: String) -> [String] {
        guard let code = QRCode(payload), code.size + 4 <= width else {
            return Layout.wrap(payload, width: width).map { Layout.aligned($0, .center, width: width) }
        }
        // A quiet zone of two modules on every side, as scanners need.
        let span = -2..<(code.size + 2)
        var rows: [String] = []
        for top in stride(from: span.lowerBound, to: span.upperBound, by: 2) {
            var row = ""
            for column in span {
                // Dark modules print as ink: the upper and lower halves of one character cell.
                switch (code.isDark(row: top, column: column), code.isDark(row: top + 1, column: column)) {
                case (true, true): row.append("█")
                case (true, false): row.append("▀")
                case (false, true): row.append("▄")
                case (false, false): row.append(" ")
                }
            }
            rows.append(Layout.aligned(row, .center, width: width))
        }
        return rows
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
