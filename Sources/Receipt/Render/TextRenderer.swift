#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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
        var out = PrintBuffer(capacity: document.lines.count * width * 2)
        defer { out.free() }
        for line in document.lines {
            switch line {
            case .text(let text, let alignment, _):
                appendText(text, alignment, to: &out)
            case .columns(let label, let amount, _):
                appendColumns(label, amount, to: &out)
            case .rule(let ch):
                appendRule(ch, to: &out)
            case .blank:
                out.append(UInt8(ascii: "\n"), times: 1)
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
        return out.bytes
    }

    /// Text aligned on one row when it fits and has no line break; wrapped rows otherwise.
    private func appendText(_ text: String, _ alignment: Alignment, to out: inout PrintBuffer) {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard !Self.breaks(bytes) else { return false }
            let gap = width - DisplayWidth.of(utf8: bytes)
            guard gap >= 0 else { return false }
            let start = out.count
            out.append(UInt8(ascii: " "), times: alignment == .left ? 0 : alignment == .right ? gap : gap / 2)
            out.append(bytes)
            out.endRow(from: start)
            return true
        }
        if done != true {
            appendRows(Layout.wrap(text, width: width).map { Layout.aligned($0, alignment, width: width) }, to: &out)
        }
    }

    /// Whether the text holds a line break: searched by the C library, many bytes at a step.
    private static func breaks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress else { return false }
        return memchr(start, Int32(UInt8(ascii: "\n")), bytes.count) != nil
    }

    /// A label and an amount on one row when they fit side by side; `Layout.columns` otherwise.
    private func appendColumns(_ label: String, _ amount: String, to out: inout PrintBuffer) {
        let done = label.utf8.withContiguousStorageIfAvailable { labelBytes -> Bool in
            amount.utf8.withContiguousStorageIfAvailable { amountBytes -> Bool in
                guard !Self.breaks(labelBytes) else { return false }
                let gap = width - DisplayWidth.of(utf8: labelBytes) - DisplayWidth.of(utf8: amountBytes)
                guard gap >= 1 else { return false }
                let start = out.count
                out.append(labelBytes)
                out.append(UInt8(ascii: " "), times: gap)
                out.append(amountBytes)
                out.endRow(from: start)
                return true
            } ?? false
        }
        if done != true {
            appendRows(Layout.columns(label, amount, width: width), to: &out)
        }
    }

    /// The rule character across the paper, as many as `Layout` fits.
    private func appendRule(_ ch: Character, to out: inout PrintBuffer) {
        let start = out.count
        let count = Layout.ruleLength(ch, width: width)
        var rule = String(ch)
        rule.withUTF8 { one in
            if one.count == 1 {
                out.append(one[0], times: count)
            } else {
                for _ in 0..<count { out.append(one) }
            }
        }
        out.endRow(from: start)
    }

    private func appendRows(_ rows: [String], to out: inout PrintBuffer) {
        for var row in rows {
            let start = out.count
            row.withUTF8 { out.append($0) }
            out.endRow(from: start)
        }
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
        var out = PrintBuffer(capacity: 0)
        defer { out.free() }
        appendQR(code, to: &out)
        return String(decoding: out.bytes.dropLast(), as: UTF8.self).components(separatedBy: "\n")
    }

    /// Two cells side by side, each two modules (upper and lower) printing as a space, U+2584
    /// lower, U+2580 upper or U+2588 full block (dark modules print as ink), in one word: their
    /// UTF-8 little-endian in the low six bytes, its length in the seventh, and in the eighth
    /// where its ink ends (0 for none). Indexed by the first cell's upper and lower module and
    /// the second's, one bit each.
    private static let cellPairs: [UInt64] = {
        let cells: [(utf8: UInt64, length: UInt64)] = [(0x20, 1), (0x84_96E2, 3), (0x80_96E2, 3), (0x88_96E2, 3)]
        return (0..<16).map { index in
            let (first, second) = (cells[index >> 2], cells[index & 3])
            let inkEnd = index & 3 != 0 ? first.length + second.length : index >> 2 != 0 ? first.length : 0
            return (first.utf8 | second.utf8 << (8 * first.length) | (first.length + second.length) << 48 | inkEnd << 56).littleEndian
        }
    }()

    /// Half blocks, two module rows to a text row, each row ended by a newline.
    private func appendQR(_ code: QRCode, to out: inout PrintBuffer) {
        // A quiet zone of two modules on every side, as scanners need: its left side prints
        // as spaces, its right side as nothing (rows end at their last ink).
        let size = code.size
        let side = size + 4
        let indent = (width - side) / 2
        let rows = (side + 1) / 2
        let pairs = Self.cellPairs
        // Rows outside the code are quiet: they read as light modules.
        let quiet = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        quiet.initialize(repeating: 0, count: size)
        defer { quiet.deallocate() }
        code.withModules { modules in
            // Every row at its longest, with room for a pair written whole at its end.
            out.write(atMost: rows * (indent + side * 3 + 1) + 8) { start in
                let raw = UnsafeMutableRawPointer(start)
                var p = 0
                var end = 0
                // Written whole (what follows its UTF-8 is written over or cut), then advanced
                // by its length, in arithmetic without a branch on the modules, whose pattern
                // no predictor can learn.
                func put(_ pair: UInt64) {
                    raw.storeBytes(of: pair, toByteOffset: p, as: UInt64.self)
                    let inkEnd = Int(truncatingIfNeeded: pair.littleEndian >> 56)
                    let light = (inkEnd == 0 ? 1 : 0) &- 1 // all ones when there is ink
                    end = end & ~light | (p &+ inkEnd) & light
                    p &+= Int(truncatingIfNeeded: pair.littleEndian >> 48 & 0xFF)
                }
                for top in stride(from: -2, to: size + 2, by: 2) {
                    end = p
                    let hasTop = UInt(bitPattern: top) < UInt(size), hasBottom = UInt(bitPattern: top + 1) < UInt(size)
                    if hasTop || hasBottom {
                        let upper = hasTop ? modules.baseAddress! + top * size : UnsafePointer(quiet)
                        let lower = hasBottom ? modules.baseAddress! + (top + 1) * size : UnsafePointer(quiet)
                        (start + p).initialize(repeating: UInt8(ascii: " "), count: indent + 2)
                        p += indent + 2
                        var column = 0
                        while column &+ 1 < size {
                            put(pairs[Int(upper[column] << 3 | lower[column] << 2 | upper[column &+ 1] << 1 | lower[column &+ 1])])
                            column &+= 2
                        }
                        if column < size {
                            // The last cell of an odd row, beside a light one.
                            put(pairs[Int(upper[column] << 3 | lower[column] << 2)])
                        }
                    }
                    start[end] = UInt8(ascii: "\n")
                    p = end + 1
                }
                return p
            }
        }
    }
}
