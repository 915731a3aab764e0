import Foundation
import Ledger
import Money
import Receipt

/// What every page needs besides its own numbers: the reader's language, their session (for
/// the sign-out form's token), and where the page is (for the language switch).
struct PageFrame {
    var language: Language
    var session: StaffSession?
    /// The page's path and query, without `lang`.
    var here: String
    var chains: [StoreDirectory.Chain]

    /// The page in the house layout: a header with the chains, the language switch and
    /// sign-out; `live` pages refresh their `#live` part when a store pushes.
    func page(title: String, live: Bool, _ body: HTML) -> HTML {
        let t = language
        let nav: [HTML] = session == nil ? [] : chains.map { "<a href=\"/chains/\($0.id)\">\($0.name[t])</a>" }
        let switcher: [HTML] = Language.allCases.map { l in
            l == t ? "<strong lang=\"\(l.htmlTag)\">\(l.nativeName)</strong>"
                   : "<a lang=\"\(l.htmlTag)\" hreflang=\"\(l.htmlTag)\" href=\"\(link(lang: l))\">\(l.nativeName)</a>"
        }
        let signOut: HTML = session.map { s in
            "<form method=\"post\" action=\"/sign-out\" class=\"sign-out\"><input type=\"hidden\" name=\"csrf\" value=\"\(s.csrf)\"><span class=\"who\">\(s.name)</span> <button type=\"submit\">\(t(.signOut))</button></form>"
        } ?? ""
        let main: HTML = live ? "<main id=\"live\" data-live=\"1\">\(body)<p class=\"stamp\">\(t(.live)) · <time>\(Self.clock(Date()))</time></p></main>"
                              : "<main>\(body)</main>"
        let script: HTML = live ? "<script src=\"/assets/live.js\"></script>" : ""
        return """
            <!DOCTYPE html>
            <html lang="\(t.htmlTag)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · \(t(.title))</title>
            <link rel="stylesheet" href="/assets/dashboard.css"></head>
            <body><header><a class="brand" href="/">\(t(.title))</a><nav>\(nav)</nav><div class="languages">\(switcher)</div>\(signOut)</header>
            \(main)\(script)</body></html>
            """
    }

    /// This page in another language.
    func link(lang: Language) -> String {
        here + (here.contains("?") ? "&" : "?") + "lang=\(lang.rawValue)"
    }

    // MARK: - Formatting

    static func yen(_ n: Int) -> String { Yen(n).description }

    /// A time as shown in Japan, `2026-11-25 13:04`.
    static func japanTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(c.year!)-\(String(format2: c.month!))-\(String(format2: c.day!)) \(String(format2: c.hour!)):\(String(format2: c.minute!))"
    }

    static func clock(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 9 * 3600)!
        let c = calendar.dateComponents([.hour, .minute, .second], from: date)
        return "\(String(format2: c.hour!)):\(String(format2: c.minute!)):\(String(format2: c.second!)) JST"
    }

    /// A ledger time (UTC ISO 8601) as shown in Japan.
    static func japanTime(ledger text: String) -> String {
        guard let date = StoredTime.date(text) else { return text }
        return japanTime(date)
    }
}
