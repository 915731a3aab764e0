import Receipt

/// What the screen shows at one moment, computed purely from the state: a grid of cells and
/// the buttons on it. The terminal backend only copies the cells that changed onto the screen.
public struct Frame: Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public private(set) var buttons: [FrameButton] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes text from (x, y), clipped at `limit` columns (default: the frame's edge). A wide
    /// character takes two cells; one that would be cut in half is left out.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard (0..<height).contains(y) else { return x }
        let end = min(width, limit.map { x + $0 } ?? width)
        var column = x
        for ch in text {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if column + w > end { break }
            if column >= 0 {
                cells[y * width + column] = Cell(character: ch, style: style)
                if w == 2 { cells[y * width + column + 1] = Cell(character: nil, style: style) }
            }
            column += w
        }
        return column
    }

    /// Text centred in a span of columns; text wider than the span ends in an ellipsis.
    public mutating func center(_ text: String, y: Int, from x: Int = 0, span: Int? = nil, style: Style = .plain) {
        let span = span ?? width - x
        let shown = Layout.fitted(text, width: span)
        put(shown, x: x + (span - DisplayWidth.of(shown)) / 2, y: y, style: style, limit: span)
    }

    public mutating func fill(_ rect: Rect, style: Style) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                cells[y * width + x] = Cell(character: " ", style: style)
            }
        }
    }

    /// A touch button: a box at least three rows high with its label (and lines of detail
    /// under it) and, on the top edge, the key that presses it.
    public mutating func button(_ id: ButtonID, _ label: String, key: KeyCap, in rect: Rect, style: Style = .button,
                                detail: String? = nil) {
        guard rect.width >= 4, rect.height >= 3 else { return }
        fill(rect, style: style)
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        for x in rect.x...right {
            put(x == rect.x ? "┌" : x == right ? "┐" : "─", x: x, y: rect.y, style: style)
            put(x == rect.x ? "└" : x == right ? "┘" : "─", x: x, y: bottom, style: style)
        }
        for y in (rect.y + 1)..<bottom {
            put("│", x: rect.x, y: y, style: style)
            put("│", x: right, y: y, style: style)
        }
        put("[\(key.label)]", x: rect.x + 2, y: rect.y, style: style.with(bold: true), limit: rect.width - 3)
        let inner = rect.width - 4
        let details = detail.map { $0.split(separator: "\n").map(String.init) } ?? []
        let top = rect.y + max(1, (rect.height - 1 - details.count) / 2)
        center(label, y: top, from: rect.x + 2, span: inner, style: style.with(bold: true))
        for (i, line) in details.enumerated() where top + 1 + i < bottom {
            center(line, y: top + 1 + i, from: rect.x + 2, span: inner, style: style)
        }
        buttons.append(FrameButton(id: id, rect: rect, key: key))
    }

    /// The button under a touch, if any.
    public func button(at x: Int, _ y: Int) -> FrameButton? {
        buttons.last { $0.rect.contains(x, y) }
    }

    public func button(for key: KeyCap) -> FrameButton? {
        buttons.first { $0.key == key }
    }

    /// Each row as text, for tests and logs; the second half of a wide character is skipped.
    public var rows: [String] {
        (0..<height).map { y in
            var row = ""
            for x in 0..<width {
                if let ch = self[x, y].character { row.append(ch) }
            }
            while row.last == " " { row.removeLast() }
            return row
        }
    }

    public var text: String { rows.joined(separator: "\n") }

    /// The cells that differ from the previous frame (all of them after a resize).
    public func changes(from previous: Frame?) -> [(x: Int, y: Int, cell: Cell)] {
        guard let previous, previous.width == width, previous.height == height else {
            return cells.indices.map { (x: $0 % width, y: $0 / width, cell: cells[$0]) }
        }
        return cells.indices.compactMap { i in
            cells[i] == previous.cells[i] ? nil : (x: i % width, y: i / width, cell: cells[i])
        }
    }
}

public struct Cell: Equatable {
    /// nil for the right half of a wide character.
    public var character: Character?
    public var style: Style

    public init(character: Character? = " ", style: Style = .plain) {
        self.character = character
        self.style = style
    }
}

public enum Colour: Int, Equatable, CaseIterable {
    case standard, black, red, green, yellow, blue, magenta, cyan, white
}

public struct Style: Equatable, Hashable {
    public var foreground: Colour
    public var background: Colour
    public var bold: Bool
    /// Reverse video: how emphasis survives on a monochrome terminal.
    public var reverse: Bool

    public init(foreground: Colour = .standard, background: Colour = .standard, bold: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
    }

    public func with(bold: Bool) -> Style {
        var s = self
        s.bold = bold
        return s
    }

    public static let plain = Style()
    public static let title = Style(foreground: .white, background: .blue, bold: true, reverse: true)
    public static let button = Style(foreground: .black, background: .cyan)
    public static let primary = Style(foreground: .black, background: .green, bold: true)
    public static let danger = Style(foreground: .white, background: .red, bold: true)
    public static let device = Style(foreground: .black, background: .yellow)
    public static let notice = Style(foreground: .red, bold: true)
    public static let good = Style(foreground: .green, bold: true)
    public static let dim = Style(foreground: .cyan)
}

public struct Rect: Equatable {
    public var x, y, width, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }

    public func contains(_ px: Int, _ py: Int) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// A key printed on a button, which presses it as a touch would.
public enum KeyCap: Equatable, Hashable {
    case char(Character)
    case escape
    case enter
    case backspace
    case function(Int)

    public var label: String {
        switch self {
        case .char(let c): return String(c).uppercased()
        case .escape: return "Esc"
        case .enter: return "Enter"
        case .backspace: return "⌫"
        case .function(let n): return "F\(n)"
        }
    }
}

public struct FrameButton: Equatable {
    public var id: ButtonID
    public var rect: Rect
    public var key: KeyCap
}
