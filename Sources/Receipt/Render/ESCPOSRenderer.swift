/// ESC/POS bytes, what a thermal printer on 80 mm paper (48 columns in font A) accepts:
/// initialise, Kanji mode in the receipt's code page, alignment, emphasis, double size,
/// the printer's own QR and CODE128 commands, then feed and cut.
public struct ESCPOSRenderer {
    public static let columns = 48
    public let codePage: CodePage

    public init(codePage: CodePage = .shiftJIS) {
        self.codePage = codePage
    }

    public func render(_ document: Document) -> [UInt8] {
        var out: [UInt8] = [0x1B, 0x40]                       // ESC @: initialise
        if codePage == .shiftJIS { out += [0x1C, 0x43, 0x01] } // FS C 1: Kanji in Shift_JIS
        out += [0x1C, 0x26]                                    // FS &: Kanji mode on
        for line in document.lines {
            out += bytes(line)
        }
        out += [0x1B, 0x61, 0x00]
        out += [0x1B, 0x64, 0x04]                              // ESC d 4: feed past the cutter
        out += [0x1D, 0x56, 0x42, 0x00]                        // GS V 66 0: feed and partial cut
        return out
    }

    private func bytes(_ line: Line) -> [UInt8] {
        switch line {
        case .text(let text, let alignment, let emphasis):
            let width = Layout.columns(for: emphasis, paper: Self.columns)
            let rows = Layout.wrap(text, width: width)
            return styled(emphasis, align(alignment) + rows.flatMap { codePage.encode($0) + [0x0A] })
        case .columns(let label, let amount, let emphasis):
            let rows = Layout.columns(label, amount, width: Layout.columns(for: emphasis, paper: Self.columns))
            return styled(emphasis, align(.left) + rows.flatMap { codePage.encode($0) + [0x0A] })
        case .rule(let ch):
            return align(.left) + codePage.encode(Layout.rule(ch, width: Self.columns)) + [0x0A]
        case .blank:
            return [0x0A]
        case .qr(let code):
            let data = Array(code.payload.utf8)
            let stored = data.count + 3
            return align(.center)
                + [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]   // model 2
                + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]         // module size 6 dots
                + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]         // error correction M
                + [0x1D, 0x28, 0x6B, UInt8(stored & 0xFF), UInt8(stored >> 8), 0x31, 0x50, 0x30] + data
                + [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]         // print the stored code
                + [0x0A]
        case .barcode(let payload):
            let data = Array("{B".utf8) + Array(payload.utf8)
            return align(.center)
                + [0x1D, 0x68, 0x50]                                       // GS h: 80 dots high
                + [0x1D, 0x77, 0x02]                                       // GS w: module 2 dots
                + [0x1D, 0x48, 0x02]                                       // GS H: payload printed below
                + [0x1D, 0x6B, 0x49, UInt8(data.count)] + data             // GS k 73: CODE128
                + [0x0A]
        }
    }

    private func align(_ alignment: Alignment) -> [UInt8] {
        switch alignment {
        case .left: return [0x1B, 0x61, 0x00]
        case .center: return [0x1B, 0x61, 0x01]
        case .right: return [0x1B, 0x61, 0x02]
        }
    }

    /// Turns emphasis and double size on around the bytes and off after them. Kanji take
    /// their own size command (FS !), single-byte characters GS !.
    private func styled(_ emphasis: Emphasis, _ body: [UInt8]) -> [UInt8] {
        var on: [UInt8] = []
        var off: [UInt8] = []
        if emphasis.contains(.bold) { on += [0x1B, 0x45, 0x01]; off += [0x1B, 0x45, 0x00] }
        if emphasis.contains(.doubleSize) {
            on += [0x1D, 0x21, 0x11, 0x1C, 0x21, 0x0C]
            off += [0x1D, 0x21, 0x00, 0x1C, 0x21, 0x00]
        }
        return on + body + off
    }
}
