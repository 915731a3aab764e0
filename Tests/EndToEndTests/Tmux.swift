import ChildProcess
import Foundation
import XCTest
import Money
import Receipt

/// The real kiosk in a tmux window, driven as a person drives it: keys with `send-keys`,
/// touches as xterm SGR mouse presses with `send-keys -l`, the screen read with `capture-pane`.
final class Tmux {
    let session = "kiosk-e2e-\(UUID().uuidString.prefix(8))"
    let ledger: String
    let receipts: String

    /// `kiosk run` by default; `command` names another (`["register"]`), and `ledger` shares
    /// another window's ledger file. Each window prints into its own receipts folder.
    init(width: Int = 100, height: Int = 30, command: [String] = ["run"], ledger: String? = nil, arguments: [String]) throws {
        self.ledger = ledger ?? KioskBinary.temporaryLedger()
        receipts = URL(fileURLWithPath: self.ledger).deletingLastPathComponent()
            .appendingPathComponent("receipts-\(command.joined(separator: "-"))").path
        let command = ([KioskBinary.url.path] + command + ["--ledger", self.ledger, "--receipts", receipts,
                        "--fixtures", KioskBinary.projectRoot.appendingPathComponent("fixtures").path] + arguments)
            .map { "'\($0)'" }.joined(separator: " ")
        // The shell stays after the kiosk exits, so that what it leaves on the terminal can be read.
        // Its exit line starts a line of its own: a kiosk that is killed leaves the cursor
        // anywhere, and a marker wrapped at the window's edge would never be read whole.
        try run(["new-session", "-d", "-x", String(width), "-y", String(height), "-s", session,
                 "\(command); status=$?; printf '\\r\\nKIOSK-EXIT-%s\\r\\n' \"$status\"; sleep 60"])
    }

    deinit {
        _ = try? run(["kill-server"])
    }

    /// Each window has a tmux server of its own (`-L`), so that one test's window closing, or
    /// anyone else's tmux on the machine, never takes another's down.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run("tmux", ["-L", session] + arguments, timeout: 30)
        return result.output + result.errors
    }

    var screen: String { (try? run(["capture-pane", "-p", "-t", session])) ?? "" }

    func keys(_ keys: String...) throws {
        try run(["send-keys", "-t", session] + keys)
    }

    /// A touch on the button whose label is on screen: a left press and release at its text.
    func touch(_ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let y = rows.firstIndex(where: { $0.contains(label) }), let range = rows[y].range(of: label) else {
            XCTFail("no \"\(label)\" on screen:\n\(screen)", file: file, line: line)
            return
        }
        let x = DisplayWidth.of(String(rows[y][..<range.lowerBound])) + 1
        try run(["send-keys", "-t", session, "-l", "\u{1B}[<0;\(x + 1);\(y + 1)M"])
        try run(["send-keys", "-t", session, "-l", "\u{1B}[<0;\(x + 1);\(y + 1)m"])
    }

    /// Waits until the screen shows the text (the kiosk works in the background).
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) -> String {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let now = screen
            // A frame the kiosk is still drawing can hold the text and not yet the rest: the
            // screen is taken once it is the same twice running.
            if now.contains(text) {
                Thread.sleep(forTimeInterval: 0.05)
                if screen == now { return now }
                continue
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        XCTFail("\"\(text)\" never appeared; the screen shows:\n\(screen)", file: file, line: line)
        return screen
    }
}
