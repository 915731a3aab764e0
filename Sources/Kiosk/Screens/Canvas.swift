import Foundation
import Receipt

/// A frame being drawn for one state: the chrome every screen shares and small helpers.
/// Rows: 0 the title bar, 1 the heading, 3… the body, then the notice, the footer's
/// buttons (three rows) and the status line at the bottom.
struct Canvas {
    var frame: Frame
    let state: KioskState

    var width: Int { frame.width }
    var height: Int { frame.height }
    var bodyTop: Int { 3 }
    var footerTop: Int { height - 4 }
    var noticeRow: Int { height - 5 }
    var language: Language { state.language }

    func say(_ word: Say) -> String { word.in(language) }

    mutating func titleBar() {
        frame.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .title)
        var title = "Conbini Kiosk"
        if let m = state.machine {
            title += "  ·  \(m.store.name[language])  ·  \(m.terminal.id)"
        }
        frame.put(" " + title, x: 0, y: 0, style: .title, limit: width - 12)
        let clock = JapanTime.clock(state.now) + " JST "
        frame.put(clock, x: width - DisplayWidth.of(clock), y: 0, style: .title)
    }

    mutating func heading(_ text: String) {
        frame.put(" " + text, x: 1, y: 1, style: Style.plain.with(bold: true))
    }

    /// The notice of the flow (a refused number, a returned bill, a decline) above the footer.
    mutating func notice() {
        guard let notice = state.notice else { return }
        let lines = Layout.wrap(notice.text(in: language), width: width - 4)
        for (i, line) in lines.prefix(2).enumerated() {
            frame.put(line, x: 2, y: noticeRow - (lines.count > 1 ? 1 : 0) + i, style: .notice)
        }
    }

    /// Back on the left, cancel on the right: always there on a customer screen.
    mutating func backAndCancel(back: Bool = true, cancel: Bool = true) {
        if back {
            frame.button(.back, say(.back), key: .escape, in: Rect(x: 1, y: footerTop, width: 20, height: 3))
        }
        if cancel {
            frame.button(.cancel, say(.cancel), key: .char("x"), in: Rect(x: width - 21, y: footerTop, width: 20, height: 3),
                         style: .danger)
        }
    }

    /// One big button at the bottom right that moves on (OK, next, finish, use this machine).
    mutating func primary(_ id: ButtonID, _ label: String, key: KeyCap = .enter, offset: Int = 22) {
        frame.button(id, label, key: key, in: Rect(x: width - 21 - offset, y: footerTop, width: 20, height: 3), style: .primary)
    }

    /// The bottom row: the staff key on the left, the time-out countdown on the right.
    mutating func statusLine() {
        let y = height - 1
        if state.machine != nil { frame.put("F2 \(say(.staff))", x: 1, y: y, style: .dim) }
        if let seconds = state.countdown {
            let text = String(format: say(.returningIn), seconds)
            frame.put(text, x: width - DisplayWidth.of(text) - 1, y: y, style: .notice)
        }
    }

    /// A label and a value on one row, the value from column `valueX`.
    mutating func field(_ label: String, _ value: String, y: Int, x: Int = 3, valueX: Int = 24, style: Style = .plain) {
        frame.put(label, x: x, y: y, limit: valueX - x - 1)
        frame.put(value, x: valueX, y: y, style: style)
    }

    /// A spinner that turns once a second while the machine works.
    var spinner: String {
        let marks = ["|", "/", "-", "\\"]
        return marks[Int(state.now.timeIntervalSince1970) % marks.count]
    }

    mutating func waiting(_ text: String) {
        heading(say(.pleaseWait))
        frame.center("\(spinner)  \(text)  \(spinner)", y: height / 2 - 1, style: Style.plain.with(bold: true))
        notice()
    }
}
