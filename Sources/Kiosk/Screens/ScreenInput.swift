/// Keys and touches as the flow's events: a touch presses the button under it; a key
/// presses the button it is printed on, or else goes to the flow as a key (digits, Enter,
/// Esc, Backspace). F2 opens the staff PIN screen.
public enum ScreenInput {
    public static func event(for key: KeyCap, on frame: Frame) -> Event? {
        let key = key.lowercased
        if let button = frame.button(for: key) { return .tap(button.id) }
        switch key {
        case .char(let c): return .key(.char(c))
        case .enter: return .key(.enter)
        case .escape: return .key(.escape)
        case .backspace: return .key(.backspace)
        case .function(2): return .tap(.staffEntry)
        case .function: return nil
        }
    }

    public static func event(forTouchAt x: Int, _ y: Int, on frame: Frame) -> Event? {
        frame.button(at: x, y).map { .tap($0.id) }
    }
}

extension KeyCap {
    var lowercased: KeyCap {
        if case .char(let c) = self { return .char(Character(c.lowercased())) }
        return self
    }
}
