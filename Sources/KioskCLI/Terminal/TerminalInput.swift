import Kiosk

/// Turns the bytes a terminal sends into keys and touches: plain keys, Enter, Backspace,
/// Esc, F2 (`ESC O Q` or `ESC [ 1 2 ~`), and SGR mouse presses (`ESC [ < 0 ; x ; y M`).
struct TerminalInput {
    enum Action: Equatable {
        case key(KeyCap)
        case touch(x: Int, y: Int)
        case quit
    }

    func feed(_ code: Int32, more: () -> Int32?) -> [Action] {
        switch code {
        case 3: return [.quit]                               // Ctrl-C
        case 10, 13: return [.key(.enter)]
        case 8, 127: return [.key(.backspace)]
        case 27: return escape(more)
        case 32..<127: return [.key(.char(Character(Unicode.Scalar(UInt8(code)))))]
        default: return []
        }
    }

    private func escape(_ more: () -> Int32?) -> [Action] {
        guard let first = more() else { return [.key(.escape)] }
        var body = ""
        switch first {
        case 79:                                            // ESC O P/Q/R/S: F1–F4
            guard let f = more() else { return [] }
            return (80...83).contains(f) ? [.key(.function(Int(f) - 79))] : []
        case 91:                                            // ESC [ …
            while let next = more() {
                let ch = Character(Unicode.Scalar(UInt8(truncatingIfNeeded: next)))
                body.append(ch)
                if ch.isLetter || ch == "~" { break }
            }
        default:
            return [.key(.escape)]
        }
        if body.hasPrefix("<"), let last = body.last, last == "M" || last == "m" {
            let numbers = body.dropFirst().dropLast().split(separator: ";").compactMap { Int($0) }
            // A press of the first button is a touch; releases, drags and wheels are not.
            guard last == "M", numbers.count == 3, numbers[0] == 0 else { return [] }
            return [.touch(x: numbers[1] - 1, y: numbers[2] - 1)]
        }
        if body == "12~" { return [.key(.function(2))] }
        return []
    }
}
