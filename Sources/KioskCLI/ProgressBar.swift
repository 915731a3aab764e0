import Foundation

/// A bar on stderr while a long run works, only when stderr is a terminal.
final class ProgressBar {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private var last = -1

    init(label: String = "") { self.label = label }

    /// `done` is the share finished, 0…1.
    func show(_ done: Double, note: String = "") {
        guard enabled else { return }
        let width = 40, filled = Int(max(0, min(1, done)) * Double(width))
        let percent = Int(max(0, min(1, done)) * 100)
        guard percent != last else { return }
        last = percent
        let line = "\r\(label)[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(percent)% \(note)"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled && last >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
