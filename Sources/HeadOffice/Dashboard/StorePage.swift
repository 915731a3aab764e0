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
            let status: HTML = data.inService(term) ? "<span class=\"ok\">\(t(.inService))</span>" : "<span class=\"flag\">\(t(.outOfService))</span>"
            let paper: HTML = term.paperLeft.map { left in left == 0 ? "<span class=\"flag\">0</span>" : "\(left)" } ?? "\(t(.unknown))"
            let change: HTML = term.changeLow ? "<span class=\"flag\">\(t(.yes))</span>" : "\(t(.no))"
            return "<tr data-terminal=\"\(term.id)\"><td>\(term.id)</td><td>\(status)</td><td class=\"num\">\(paper)</td><td>\(change)</td><td>\(term.lastSaleAt.map { PageFrame.japanTime(ledger: $0) } ?? t(.none))</td><td>\(refunds)</td><td class=\"num\">\(sold.count)</td><td class=\"num\">\(yen(sold.yen))</td></tr>"
        }
        let zRows: [HTML] = r.zReports.map { line in
            let z = line.z
            let link = ZPage.path(store.id, z)
            let overShort: HTML = z.overShortYen.map { v in v == 0 ? "\(yen(0))" : "<span class=\"flag\">\(v > 0 ? "+" : "")\(yen(v))</span>" } ?? "\(t(.none))"
            return "<tr data-z=\"\(z.terminalId)-\(z.number)\"><td><a href=\"\(link)\">\(z.terminalId) No. \(z.number)</a></td><td>\(PageFrame.japanTime(ledger: z.closedAt))</td><td class=\"num\">\(yen(z.salesYen))</td><td class=\"num\">\(yen(z.cash.expectedYen))</td><td class=\"num\">\(z.cash.countedYen.map(yen) ?? t(.none))</td><td class=\"num over-short\">\(overShort)</td><td><a href=\"\(link)/pdf\">\(t(.pdf))</a></td></tr>"
        }
        let zTable: HTML = zRows.isEmpty ? "<p>\(t(.none))</p>"
            : "<table id=\"z-reports\"><thead><tr><th>\(t(.zReport))</th><th>\(t(.closedAt))</th><th class=\"num\">\(t(.sales))</th><th class=\"num\">\(t(.expected))</th><th class=\"num\">\(t(.counted))</th><th class=\"num\">\(t(.overShort))</th><th>\(t(.pdf))</th></tr></thead><tbody>\(zRows)</tbody></table>"
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
            <section><h2>\(t(.terminals))</h2><table id="terminals"><thead><tr><th>\(t(.terminal))</th><th>\(t(.inService))</th><th class="num">\(t(.paper))</th><th>\(t(.changeLow))</th><th>\(t(.lastSale))</th><th>\(t(.openRefunds))</th><th class="num">\(t(.count))</th><th class="num">\(t(.sales))</th></tr></thead><tbody>\(terminalRows)</tbody></table></section>
            <section><h2>\(t(.zReports))</h2>\(zTable)</section>
            <div class="grid">
            <section><h2>\(t(.byHour))</h2>\(Charts.hours(data.byHour.mapValues(\.yen), caption: yen, title: t(.byHour), peak: t(.peak)))</section>
            \(PlanTable.render(t, r))
            </div>
            """
        return frame.page(title: store.name[t], live: true, body)
    }
}
