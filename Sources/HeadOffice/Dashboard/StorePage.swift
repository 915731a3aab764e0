import Receipt

/// A store on one business day: its terminals as last pushed, its sales by terminal and by
/// hour, and by carrier and plan.
enum StorePage {
    static func render(_ frame: PageFrame, store: StoreDirectory.Store, chain: StoreDirectory.Chain?, data: StoreOnDay) -> HTML {
        let t = frame.language
        let r = data.report
        let yen = PageFrame.yen
        let path = "/stores/\(store.id.rawValue)"
        let terminalRows: [HTML] = data.terminals.map { term in
            let sold = r.byTerminal[.init(store: store.id.rawValue, terminal: term.id)] ?? .init()
            let refunds: HTML = term.openRefunds.count == 0 ? "\(t(.none))"
                : "<span class=\"flag\">\(term.openRefunds.count) · \(yen(term.openRefunds.yen))</span>"
            return "<tr data-terminal=\"\(term.id)\"><td>\(term.id)</td><td>\(term.lastRowAt.map { PageFrame.japanTime(ledger: $0) } ?? t(.unknown))</td><td>\(term.lastSaleAt.map { PageFrame.japanTime(ledger: $0) } ?? t(.none))</td><td>\(refunds)</td><td class=\"num\">\(sold.count)</td><td class=\"num\">\(yen(sold.yen))</td></tr>"
        }
        let chainLink: HTML = chain.map { "<a href=\"/chains/\($0.id)?day=\(data.day)\">\($0.name[t])</a> › " } ?? ""
        let body: HTML = """
            <p>\(chainLink)\(store.area)</p>
            <h1 id="store-name">\(store.name[t]) · \(data.day)</h1>
            \(DayPicker.render(frame, path: path, day: data.day))
            <div class="cards">
            <div class="card"><div class="k">\(t(.sales))</div><div class="n" id="store-sales">\(yen(r.sales.yen))</div></div>
            <div class="card"><div class="k">\(t(.count))</div><div class="n">\(r.sales.count)</div></div>
            <div class="card"><div class="k">\(t(.refundsOwed))</div><div class="n">\(yen(r.refundsDue.yen))</div><div class="k">\(r.refundsDue.count)</div></div>
            <div class="card"><div class="k">\(t(.lastPush))</div><div class="n">\(data.lastPush.map { PageFrame.japanTime($0) } ?? t(.neverPushed))</div></div>
            </div>
            <section><h2>\(t(.terminals))</h2><table id="terminals"><thead><tr><th>\(t(.terminal))</th><th>\(t(.lastRow))</th><th>\(t(.lastSale))</th><th>\(t(.openRefunds))</th><th class="num">\(t(.count))</th><th class="num">\(t(.sales))</th></tr></thead><tbody>\(terminalRows)</tbody></table></section>
            <div class="grid">
            <section><h2>\(t(.byHour))</h2>\(Charts.hours(data.byHour.mapValues(\.yen), caption: yen, title: t(.byHour), peak: t(.peak)))</section>
            \(PlanTable.render(t, r))
            </div>
            """
        return frame.page(title: store.name[t], live: true, body)
    }
}
