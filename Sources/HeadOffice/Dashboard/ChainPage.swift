import Foundation
import Receipt

/// The chain on one business day: sales by store (a bar chart and a table), by carrier and plan,
/// by hour; refunds owed; the stores that went silent.
enum ChainPage {
    static func render(_ frame: PageFrame, chain: StoreDirectory.Chain, stores: [StoreDirectory.Store], data: ChainDay) -> HTML {
        let t = frame.language
        let r = data.report
        let yen = PageFrame.yen
        let silent = stores.filter { data.isSilent($0.id) }
        let bars = stores.map { s in
            Charts.Bar(label: s.name[t], value: r.byStore[s.id.rawValue]?.yen ?? 0, caption: yen(r.byStore[s.id.rawValue]?.yen ?? 0),
                       link: "/stores/\(s.id.rawValue)?day=\(data.day)", flagged: data.isSilent(s.id))
        }
        let storeRows: [HTML] = stores.map { s in
            let tally = r.byStore[s.id.rawValue] ?? .init()
            let push: HTML = data.lastPush[s.id].map { "\(PageFrame.japanTime($0))" } ?? "\(t(.neverPushed))"
            let flag: HTML = data.isSilent(s.id) ? " <span class=\"flag\" title=\"\(t(.silentNote, data.silentHours))\">⚠ \(t(.silent))</span>" : ""
            return "<tr data-store=\"\(s.id.rawValue)\"><td><a href=\"/stores/\(s.id.rawValue)?day=\(data.day)\">\(s.name[t])</a></td><td>\(s.area)</td><td class=\"num\">\(tally.count)</td><td class=\"num sales\">\(yen(tally.yen))</td><td>\(push)\(flag)</td></tr>"
        }
        let silentList: HTML = silent.isEmpty ? "<p class=\"ok\">\(t(.none))</p>" : "<ul>\(silent.map { s -> HTML in "<li class=\"flag\"><a href=\"/stores/\(s.id.rawValue)\">\(s.name[t])</a> — \(data.lastPush[s.id].map { PageFrame.japanTime($0) } ?? t(.neverPushed))</li>" })</ul>"
        let body: HTML = """
            <h1>\(chain.name[t]) · \(data.day)</h1>
            \(DayPicker.render(frame, path: "/chains/\(chain.id)", day: data.day))
            <div class="cards">
            <div class="card"><div class="k">\(t(.sales))</div><div class="n" id="chain-sales">\(yen(r.sales.yen))</div></div>
            <div class="card"><div class="k">\(t(.count))</div><div class="n">\(r.sales.count)</div></div>
            <div class="card"><div class="k">\(t(.tax))</div><div class="n">\(yen(r.sales.taxYen))</div></div>
            <div class="card"><div class="k">\(t(.refundsOwed))</div><div class="n">\(yen(r.refundsDue.yen))</div><div class="k">\(r.refundsDue.count)</div></div>
            </div>
            <section><h2>\(t(.silentStores)) <small>(\(t(.silentNote, data.silentHours)))</small></h2>\(silentList)</section>
            <div class="grid">
            <section><h2>\(t(.byStore))</h2>\(Charts.horizontal(bars, title: t(.byStore)))</section>
            <section><h2>\(t(.byHour))</h2>\(Charts.hours(data.byHour.mapValues(\.yen), caption: yen, title: t(.byHour), peak: t(.peak)))</section>
            </div>
            <section><h2>\(t(.stores))</h2><table id="stores"><thead><tr><th>\(t(.store))</th><th>\(t(.area))</th><th class="num">\(t(.count))</th><th class="num">\(t(.sales))</th><th>\(t(.lastPush))</th></tr></thead><tbody>\(storeRows)</tbody></table></section>
            \(PlanTable.render(t, r))
            """
        return frame.page(title: chain.name[t], live: true, body)
    }
}

/// Sales by carrier and plan, as a table.
enum PlanTable {
    static func render(_ t: Language, _ r: ChainReport) -> HTML {
        let rows: [HTML] = r.byPlan.keys.sorted().map { k in
            let tally = r.byPlan[k]!
            return "<tr><td>\(k.carrier)</td><td>\(k.plan)</td><td class=\"num\">\(tally.count)</td><td class=\"num\">\(PageFrame.yen(tally.yen))</td></tr>"
        }
        let table: HTML = rows.isEmpty ? "<p>\(t(.noSales))</p>"
            : "<table><thead><tr><th>\(t(.carrier))</th><th>\(t(.plan))</th><th class=\"num\">\(t(.count))</th><th class=\"num\">\(t(.sales))</th></tr></thead><tbody>\(rows)</tbody></table>"
        return "<section><h2>\(t(.byCarrierPlan))</h2>\(table)</section>"
    }
}

/// The business day shown, with the days either side.
enum DayPicker {
    static func render(_ frame: PageFrame, path: String, day: String) -> HTML {
        let t = frame.language
        return """
            <form class="day" method="get" action="\(path)"><a href="\(path)?day=\(BusinessDay.add(day, -1))">← \(t(.previousDay))</a>
            <label>\(t(.day)) <input type="date" name="day" value="\(day)"></label><button type="submit">\(t(.show))</button>
            <a href="\(path)?day=\(BusinessDay.add(day, 1))">\(t(.nextDay)) →</a></form>
            """
    }
}

/// Business days as `YYYY-MM-DD`, the calendar date in Japan.
public enum BusinessDay {
    public static func isValid(_ text: String) -> Bool { date(text) != nil }

    static func date(_ text: String) -> Date? {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        f.dateFormat = "yyyy-MM-dd"
        guard text.utf8.count == 10, let d = f.date(from: text), f.string(from: d) == text else { return nil }
        return d
    }

    public static func today(_ now: Date = Date()) -> String {
        PageFrame.japanTime(now).prefix(10).description
    }

    static func add(_ day: String, _ days: Int) -> String {
        guard let d = date(day) else { return day }
        return PageFrame.japanTime(d.addingTimeInterval(Double(days) * 86400)).prefix(10).description
    }
}
