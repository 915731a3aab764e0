import CNCurses
import Kiosk

/// Puts cells on the screen with ncurses: colour pairs made as needed, or reverse video and
/// bold on a monochrome terminal (and when `NO_COLOR` is set).
struct Painter {
    private let colour: Bool
    private var pairs: [Style: Int16] = [:]

    init(colour: Bool) {
        self.colour = colour
        if colour {
            start_color()
            use_default_colors()
        }
    }

    mutating func paint(_ changes: [(x: Int, y: Int, cell: Cell)], width: Int, height: Int) {
        for change in changes {
            guard let ch = change.cell.character else { continue }
            // The last cell of the screen cannot be written without scrolling.
            if change.x == width - 1 && change.y == height - 1 { continue }
            wattrset(kiosk_screen(), Int32(bitPattern: attributes(change.cell.style)))
            var wide = ch.unicodeScalars.map { wchar_t(bitPattern: $0.value) } + [0]
            mvwaddwstr(kiosk_screen(), Int32(change.y), Int32(change.x), &wide)
        }
    }

    private mutating func attributes(_ style: Style) -> UInt32 {
        var attrs: UInt32 = style.bold ? UInt32(kiosk_bold()) : 0
        guard colour else {
            let emphasised = style.reverse || style.background != .standard
            return attrs | (emphasised ? UInt32(kiosk_reverse()) : 0)
        }
        if style.reverse && style.background == .standard { attrs |= UInt32(kiosk_reverse()) }
        return attrs | UInt32(kiosk_pair(pair(for: style)))
    }

    private mutating func pair(for style: Style) -> Int16 {
        var key = style
        key.bold = false
        key.reverse = false
        if let pair = pairs[key] { return pair }
        let pair = Int16(pairs.count + 1)
        init_pair(pair, Self.curses(style.foreground), Self.curses(style.background))
        pairs[key] = pair
        return pair
    }

    private static func curses(_ colour: Colour) -> Int16 {
        colour == .standard ? -1 : Int16(colour.rawValue - 1)
    }
}
