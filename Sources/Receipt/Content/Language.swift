/// The languages the kiosk speaks, on screen and on paper.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en
    case ja
    case zhHans = "zh-Hans"
    case zhHant = "zh-Hant"

    /// The language's own name, as shown on its button.
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .ja: return "日本語"
        case .zhHans: return "简体中文"
        case .zhHant: return "繁體中文"
        }
    }
}
