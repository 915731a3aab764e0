import Foundation
import Receipt

extension Language {
    /// The language a browser asks for first among the four the dashboard speaks
    /// (`Accept-Language: zh-TW,zh;q=0.9,en;q=0.5` is Traditional Chinese); English otherwise.
    public static func preferred(acceptLanguage header: String?) -> Language {
        guard let header else { return .en }
        var best: (Language, Double)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(), let language = Language(tag: tag) else { continue }
            var q = 1.0
            for p in parts.dropFirst() where p.hasPrefix("q=") { q = Double(p.dropFirst(2)) ?? 0 }
            // Among equal weights the earlier one wins.
            let weight = q - Double(order) * 1e-6
            if q > 0, weight > (best?.1 ?? -1) { best = (language, weight) }
        }
        return best?.0 ?? .en
    }

    /// A BCP 47 tag's language, if it is one of the four.
    init?(tag: String) {
        let t = tag.lowercased()
        if t == "en" || t.hasPrefix("en-") { self = .en }
        else if t == "ja" || t.hasPrefix("ja-") { self = .ja }
        else if t.hasPrefix("zh-hant") || ["zh-tw", "zh-hk", "zh-mo"].contains(t) { self = .zhHant }
        else if t == "zh" || t.hasPrefix("zh-") { self = .zhHans }
        else { return nil }
    }
}
