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

    /// The document as text.
    public func render(_ document: Document) -> String {
        String(decoding: bytes(document), as: UTF8.self)
    }

    /// The document's UTF-8, as the printer writes it: made from valid text, so not checked
    /// again as a String would check it.
    public func bytes(_ document: Document) -> [UInt8] {
        // Bytes, not String appends: a receipt is rendered for every sale and every reprint.
        // A line that fits is measured and padded straight from its UTF-8; one that wraps
        // takes the rows `Layout` gives, as every renderer does.
        var out: [UInt8] = []
        out.reserveCapacity(document.lines.count * width * 2)
        for line in document.lines {
            switch line {
            case .text(let text, let alignment, _):
                appendText(text, alignment, to: &out)
            case .columns(let label, let amount, _):
                appendColumns(label, amount, to: &out)
            case .rule(let ch):
                let start = out.count
                let count = width / max(1, DisplayWidth.of(ch))
                if let byte = ch.asciiValue {
                    out.append(contentsOf: repeatElement(byte, count: count))
                } else {
                    for _ in 0..<count { out.append(contentsOf: ch.utf8) }
                }
                endRow(from: start, in: &out)
            case .blank:
                out.append(UInt8(ascii: "\n"))
            case .qr(let code):
                if code.size > 0, code.size + 4 <= width {
                    appendQR(code, to: &out)
                } else {
                    appendText(code.payload, .center, to: &out)
                }
            case .barcode(let payload):
                appendText(payload, .center, to: &out)
            }
        }
        return out
    }

    /// Text aligned on one row when it fits and has no line break; wrapped rows otherwise.
    private func appendText(_ text: String, _ alignment: Alignment, to out: inout [UInt8]) {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !bytes.contains(UInt8(ascii: "\n")) else { return false }
            let gap = width - DisplayWidth.of(utf8: bytes)
            guard gap >= 0 else { return false }
            let start = out.count
            appendSpaces(alignment == .left ? 0 : alignment == .right ? gap : gap / 2, to: &out)
            out.append(contentsOf: bytes)
            endRow(from: start, in: &out)
            return true
        }
        if done != true {
            appendRows(Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }, to: &out)
        }
    }

    /// A label and an amount on one row when they fit side by side; `Layout.columns` otherwise.
    private func appendColumns(_ label: String, _ amount: String, to out: inout [UInt8]) {
        let done = label.utf8.withContiguousStorageIfAvailable { labelBytes -> Bool in
            amount.utf8.withContiguousStorageIfAvailable { amountBytes -> Bool in
                guard !labelBytes.contains(UInt8(ascii: "\n")) else { return false }
                let gap = width - DisplayWidth.of(utf8: labelBytes) - DisplayWidth.of(utf8: amountBytes)
                guard gap >= 1 else { return false }
                let start = out.count
                out.append(contentsOf: labelBytes)
                appendSpaces(gap, to: &out)
                out.append(contentsOf: amountBytes)
                endRow(from: start, in: &out)
                return true
            } ?? false
        }
        if done != true {
            appendRows(Layout.columns(label, amount, width: width), to: &out)
        }
    }

    private func appendRows(_ rows: [String], to out: inout [UInt8]) {
        for row in rows {
            let start = out.count
            out.append(contentsOf: row.utf8)
            endRow(from: start, in: &out)
        }
    }

    /// Spaces copied from one long run of them, not appended one at a time.
    private static let blank = [UInt8](repeating: UInt8(ascii: " "), count: 4096)

    private func appendSpaces(_ n: Int, to out: inout [UInt8]) {
        var left = n
        while left > 0 {
            let run = min(left, Self.blank.count)
            out.append(contentsOf: Self.blank[..<run])
            left -= run
        }
    }

    /// Ends the row begun at `start`: trailing spaces are not printed.
    private func endRow(from start: Int, in out: inout [UInt8]) {
        while out.count > start, out[out.count - 1] == UInt8(ascii: " ") { out.removeLast() }
        out.append(UInt8(ascii: "\n"))
    }

    /// The rows of one line as `Layout` lays them out, trailing spaces and all: `render`
    /// prints exactly these, each without its trailing spaces.
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
        // A quiet zone of two modules on every side, as scanners need: its left side prints
        // as spaces, its right side as nothing (rows end at their last ink).
        let size = code.size
        let side = size + 4
        let indent = (width - side) / 2
        let rows = (side + 1) / 2
        let base = bytes.count
        // Every row at its longest, written in place, then cut to what was written.
        appendSpaces(rows * (indent + side * 3 + 1), to: &bytes)
        let written = code.withModules { dark in
            bytes.withUnsafeMutableBufferPointer { out -> Int in
                var p = base
                for top in stride(from: -2, to: size + 2, by: 2) {
                    var end = p
                    p += indent + 2
                    let bottom = top + 1
                    let hasTop = UInt(bitPattern: top) < UInt(size)
                    let hasBottom = UInt(bitPattern: bottom) < UInt(size)
                    if hasTop || hasBottom {
                        for column in 0..<size {
                            // Dark modules print as ink: the upper and lower halves of one character
                            // cell (U+2588 full, U+2580 upper, U+2584 lower block).
                            let upper = hasTop && dark[top * size + column]
                            let lower = hasBottom && dark[bottom * size + column]
                            guard upper || lower else {
                                out[p] = UInt8(ascii: " ")
                                p += 1
                                continue
                            }
                            out[p] = 0xE2
                            out[p + 1] = 0x96
                            out[p + 2] = upper ? (lower ? 0x88 : 0x80) : 0x84
                            p += 3
                            end = p
                        }
                    }
                    out[end] = UInt8(ascii: "\n")
                    p = end + 1
                }
                return p
            }
        }
        bytes.removeSubrange(written...)
    }
}
