extension StringProtocol {
    /// The text as a sentence of its own, for a message that quotes another part's words:
    /// a capital first letter and one full stop at the end (`disk full` → `Disk full.`).
    public var asSentence: String {
        let text = prefix(1).uppercased() + dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }
}
