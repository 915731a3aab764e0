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
        // Bytes, not String appends: a receipt is rendered for every sale and every reprint.
        var out: [UInt8] = []
        out.reserveCapacity(document.lines.count * width * 2)
        for line in document.lines {
            if case .qr(let code) = line, code.size > 0, code.size + 4 <= width {
                appendQR(code, to: &out)
                continue
            }
            for var row in rows(line) {
                row.withUTF8 { bytes in
                    var end = bytes.count
                    while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<end]))
                }
                out.append(UInt8(ascii: "\n"))
            }
        }
        return String(decoding: out, as: UTF8.self)
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
        guard code.size > 0, code.size + 4 <= width else {
            return Layout.wrap(code.payload, width: width).map { Layout.aligned($0, .center, width: width) }
        }
        var bytes: [UInt8] = []
        appendQR(code, to: &bytes)
        return String(decoding: bytes.dropLast(), as: UTF8.self).components(separatedBy: "\n")
    }

    /// Half blocks, two module rows to a text row, each row ended by a newline.
    private func appendQR(_ code: QRCode, to bytes: inout [UInt8]) {
        // A quiet zone of two modules on every side, as scanners need.
        let side = code.size + 4
        let indent = (width - side) / 2
        bytes.reserveCapacity(bytes.count + (side / 2 + 1) * (indent + side * 3 + 1))
        for top in stride(from: -2, to: code.size + 2, by: 2) {
            var end = bytes.count
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
            for column in -2..<(code.size + 2) {
                // Dark modules print as ink: the upper and lower halves of one character cell
                // (U+2588 full, U+2580 upper, U+2584 lower block).
                switch (code.isDark(row: top, column: column), code.isDark(row: top + 1, column: column)) {
                case (false, false):
                    bytes.append(UInt8(ascii: " "))
                    continue
                case (true, true): bytes.append(0xE2); bytes.append(0x96); bytes.append(0x88)
                case (true, false): bytes.append(0xE2); bytes.append(0x96); bytes.append(0x80)
                case (false, true): bytes.append(0xE2); bytes.append(0x96); bytes.append(0x84)
                }
                end = bytes.count
            }
            bytes.removeSubrange(end...)
            bytes.append(UInt8(ascii: "\n"))
        }
    }
}
