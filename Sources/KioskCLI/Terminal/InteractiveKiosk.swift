import CNCurses
import Foundation
import Kiosk

/// The kiosk on a real terminal: the only code that touches ncurses. It draws the frame of
/// the runtime's state (only the cells that changed), turns keys and mouse clicks into the
/// flow's events, ticks the clock, and re-lays out when the window is resized.
final class InteractiveKiosk {
    private let runtime: KioskRuntime
    private var painter: Painter?
    private var shown: Frame?
    private let input = TerminalInput()

    init(runtime: KioskRuntime) {
        self.runtime = runtime
    }

    func run(firstFrameOnly: Bool = false) throws {
        setlocale(LC_ALL, "")
        guard initscr() != nil else { throw Failure("Cannot open the terminal full screen (is TERM set?).") }
        raw()
        noecho()
        nonl()
        keypad(kiosk_screen(), false)
        curs_set(0)
        wtimeout(kiosk_screen(), 100)
        painter = Painter(colour: has_colors() && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) != false)
        Self.mouse(on: true)
        StopSignal.install()
        defer {
            Self.mouse(on: false)
            endwin()
        }
        while !StopSignal.requested {
            resizeIfNeeded()
            runtime.tick()
            draw()
            if firstFrameOnly { return }
            let code = wgetch(kiosk_screen())
            guard code != ERR else { continue }
            if code == KEY_RESIZE { continue }
            for action in input.feed(code, more: { Self.nextByte() }) {
                switch action {
                case .quit:
                    StopSignal.requested = true
                case .key(let key):
                    if let event = ScreenInput.event(for: key, on: shown ?? Frame(width: 0, height: 0)) { runtime.send(event) }
                case .touch(let x, let y):
                    if let event = ScreenInput.event(forTouchAt: x, y, on: shown ?? Frame(width: 0, height: 0)) { runtime.send(event) }
                }
            }
        }
        // Cash inserted goes back to the customer before the machine stops.
        runtime.send(.shutdown)
        draw()
    }

    private func draw() {
        let frame = ScreenRenderer.frame(for: runtime.state, width: Int(COLS), height: Int(LINES))
        painter?.paint(frame.changes(from: shown), width: frame.width, height: frame.height)
        shown = frame
        wrefresh(kiosk_screen())
    }

    private func resizeIfNeeded() {
        var rows: Int32 = 0, cols: Int32 = 0
        guard kiosk_window_size(&rows, &cols) == 0, rows != LINES || cols != COLS else { return }
        resizeterm(rows, cols)
        wclear(kiosk_screen())
        shown = nil
    }

    /// The rest of an escape sequence arrives at once; a lone Esc does not.
    private static func nextByte() -> Int32? {
        wtimeout(kiosk_screen(), 30)
        defer { wtimeout(kiosk_screen(), 100) }
        let code = wgetch(kiosk_screen())
        return code == ERR ? nil : code
    }

    /// xterm mouse reporting in SGR form (`ESC [ < b ; x ; y M`), which tmux passes through.
    private static func mouse(on: Bool) {
        let sequence = on ? "\u{1B}[?1000h\u{1B}[?1006h" : "\u{1B}[?1006l\u{1B}[?1000l"
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}

/// SIGINT and SIGTERM from outside (Ctrl-C itself arrives as a key in raw mode).
enum StopSignal {
    nonisolated(unsafe) static var requested = false

    static func install() {
        signal(SIGTERM) { _ in StopSignal.requested = true }
        signal(SIGINT) { _ in StopSignal.requested = true }
    }
}
