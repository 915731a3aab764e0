/// How many terminal or receipt columns text takes: East Asian Wide and Fullwidth characters
/// take two, combining marks and zero-width characters none, everything else one.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        if let width = text.utf8.withContiguousStorageIfAvailable({ of(utf8: $0) }) { return width }
        var copy = text
        return copy.withUTF8 { of(utf8: $0) }
    }

    /// The width of valid UTF-8, read scalar by scalar straight from the bytes: no grapheme
    /// breaking, and one column a byte for ASCII, which is most of a receipt. Marks add
    /// nothing; an emoji selector (U+FE0F) widens the narrow symbol before it.
    static func of(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var total = 0
        var previous = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                previous = lead == 0 ? 0 : 1
                total += previous
                i += 1
                continue
            }
            // U+3000 to U+9FFF, whose UTF-8 leads with E3 to E9: kana, CJK punctuation, kanji
            // and hanzi, nearly every wide character on a receipt, told without decoding. All
            // are wide but U+303F and U+3040 (E3 80 BF, E3 81 80).
            if lead >= 0xE3, lead <= 0xE9 {
                let narrow = lead == 0xE3
                    && (bytes[i + 1] == 0x80 && bytes[i + 2] == 0xBF || bytes[i + 1] == 0x81 && bytes[i + 2] == 0x80)
                previous = narrow ? 1 : 2
                total += previous
                i += 3
                continue
            }
            let v: UInt32
            if lead < 0xE0 {
                v = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if lead < 0xF0 {
                v = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                v = UInt32(lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            if v == 0xFE0F, previous == 1 {
                total += 1
                previous = 2
                continue
            }
            previous = ofRare(v)
            total += previous
        }
        return total
    }

    /// A scalar the loop above does not tell at a glance, out of line: reading its Unicode
    /// properties would otherwise cost every call the setting up of their types.
    @inline(never)
    private static func ofRare(_ v: UInt32) -> Int {
        of(Unicode.Scalar(v).unsafelyUnwrapped)
    }

    public static func of(_ ch: Character) -> Int {
        // One byte is ASCII, as most rules and text are: a column, none for NUL.
        if ch.utf8.count == 1 { return ch.utf8.first == 0 ? 0 : 1 }
        guard let first = ch.unicodeScalars.first else { return 0 }
        // A grapheme's width is its base scalar's; emoji presentation is wide.
        if ch.unicodeScalars.count > 1, ch.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(first)
    }

    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 || v == 0x200B || v == 0x200C || v == 0x200D || v == 0xFEFF { return 0 }
        // Below the combining diacritics nothing is a mark or wide.
        if v < 0x300 { return 1 }
        if isWide(v) { return 2 }
        let category = s.properties.generalCategory
        return category == .nonspacingMark || category == .enclosingMark ? 0 : 1
    }

    /// East Asian Width W and F ranges (Unicode 15), folded into the blocks that matter here.
    private static func isWide(_ v: UInt32) -> Bool {
        // Kana, kanji and hanzi first: nearly every wide character on a receipt is one of them.
        if (0x3041...0x9FFF).contains(v) { return true }
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
