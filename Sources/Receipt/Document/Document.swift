/// What a printer is asked to print, independent of how: receipts, refund slips and X/Z
/// reports are all documents, and the text, PDF and ESC/POS renderers all read this model.
public struct Document: Equatable, Sendable {
    public var lines: [Line]

    public init(_ lines: [Line] = []) {
        self.lines = lines
    }

    public mutating func append(_ line: Line) {
        lines.append(line)
    }

    public mutating func append(contentsOf more: [Line]) {
        lines.append(contentsOf: more)
    }
}

public enum Alignment: Equatable, Sendable {
    case left, center, right
}

/// How a line stands out: emphasis is bold; double size is twice as wide and twice as tall,
/// so it gets half the columns.
public struct Emphasis: OptionSet, Equatable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = Emphasis(rawValue: 1)
    public static let doubleSize = Emphasis(rawValue: 2)
}

public enum Line: Equatable, Sendable {
    /// Text that wraps at the paper's width.
    case text(String, Alignment = .left, Emphasis = [])
    /// A label on the left and an amount on the right, as in `合計 ..... ¥2,980`.
    case columns(String, String, Emphasis = [])
    /// A full-width rule made of this character.
    case rule(Character = "-")
    case blank
    /// A QR code, centred.
    case qr(QRCode)
    /// A CODE128 barcode of the payload (printable ASCII), centred, with the payload under it.
    case barcode(String)
}
