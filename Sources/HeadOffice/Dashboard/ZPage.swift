import Receipt

/// One Z report as the store printed it (42 columns of the receipt's text renderer), with its PDF.
enum ZPage {
    static func path(_ store: StoreID, _ z: HQZReport) -> String {
        "/stores/\(store.rawValue)/z/\(z.terminalId)/\(z.number)"
    }

    static func render(_ frame: PageFrame, storeId: StoreID, store: StoreDirectory.Store?, z: HQZReport, printed: Document) -> HTML {
        let t = frame.language
        let text = TextRenderer(width: 42).render(printed)
        let name = store?.name[t] ?? storeId.rawValue
        let body: HTML = """
            <p><a href="/stores/\(storeId.rawValue)?day=\(z.businessDate)">\(name)</a> › \(t(.zReport)) \(z.terminalId) No. \(z.number)</p>
            <h1>\(t(.zReport)) No. \(z.number) · \(z.terminalId) · \(z.businessDate)</h1>
            <p><a id="z-pdf" href="\(path(storeId, z))/pdf">\(t(.pdf))</a></p>
            <pre class="z" id="z-text">\(text)</pre>
            """
        return frame.page(title: "\(t(.zReport)) \(z.number)", live: false, body)
    }
}
