/// Column arithmetic shared by every renderer: text is measured in display columns, so a
/// Japanese character takes two and a receipt stays aligned whatever the language.
public enum Layout {
    /// Breaks text into lines of at most `width` columns, at spaces when a word fits,
    /// anywhere in a run of wide characters (Japanese and Chinese have no spaces).
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        if !text.utf8.contains(UInt8(ascii: "\n")), DisplayWidth.of(text) <= width { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            var lastSpace: String.Index?
            for ch in paragraph {
                let w = DisplayWidth.of(ch)
                if used + w > width {
                    if ch == " " { lines.append(line); line = ""; used = 0; lastSpace = nil; continue }
                    if let space = lastSpace {
                        lines.append(String(line[..<space]))
                        line = String(line[line.index(after: space)...])
                    } else {
                        lines.append(line)
                        line = ""
                    }
                    used = DisplayWidth.of(line)
                    lastSpace = nil
                    // What followed the space may itself not leave room for this character.
                    if used + w > width { lines.append(line); line = ""; used = 0 }
                }
                if ch == " " { lastSpace = line.endIndex }
                line.append(ch)
                used += w
            }
            lines.append(line)
        }
        return lines
    }

    /// Text shortened to `width` columns with an ellipsis when it is wider, so that a cut
    /// name shows that it was cut; a wide character is never split.
    public static func fitted(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var out = ""
        var used = 0
        for ch in text {
            let w = DisplayWidth.of(ch)
            if used + w > width - 1 { break }
            out.append(ch)
            used += w
        }
        return out.trimmingTrailingSpaces() + "…"
    }

    public static func aligned(_ text: String, _ alignment: Alignment, width: Int) -> String {
        let gap = max(0, width - DisplayWidth.of(text))
        switch alignment {
        case .left: return text
        case .right: return spaces(gap) + text
        case .center: return spaces(gap / 2) + text
        }
    }

    /// The rows of a label-and-amount line: the label wraps, the amount sits on the right of
    /// the last row, or on a row of its own when the two do not fit side by side.
    public static func columns(_ label: String, _ amount: String, width: Int) -> [String] {
        let amountWidth = DisplayWidth.of(amount)
        let labelWidth = DisplayWidth.of(label)
        if labelWidth + 1 + amountWidth <= width, !label.utf8.contains(UInt8(ascii: "\n")) {
            return [label + spaces(width - labelWidth - amountWidth) + amount]
        }
        var rows = wrap(label, width: width)
        let last = rows.removeLast()
        let gap = width - DisplayWidth.of(last) - amountWidth
        if gap >= 1 {
            rows.append(last + spaces(gap) + amount)
        } else {
            rows.append(last)
            rows.append(contentsOf: wrap(amount, width: width).map { aligned($0, .right, width: width) })
        }
        return rows
    }

    private static let blank = String(repeating: " ", count: 256)

    /// Padding, cut from one long run of spaces rather than built a space at a time.
    static func spaces(_ n: Int) -> String {
        n <= blank.utf8.count ? String(blank.utf8.prefix(n))! : String(repeating: " ", count: n)
    }

    /// How many of the rule character fit across the paper, whole.
    static func ruleLength(_ ch: Character, width: Int) -> Int {
        width / max(1, DisplayWidth.of(ch))
    }

    /// A rule across the paper made of one character (two-column characters fill half as many).
    static func rule(_ ch: Character, width: Int) -> String {
        let count = ruleLength(ch, width: width)
        if let byte = ch.asciiValue { return String(decoding: [UInt8](repeating: byte, count: count), as: UTF8.self) }
        return String(repeating: ch, count: count)
    }

    /// The columns a line has at this paper width: double-size characters are twice as wide.
    public static func columns(for emphasis: Emphasis, paper width: Int) -> Int {
        emphasis.contains(.doubleSize) ? width / 2 : width
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
