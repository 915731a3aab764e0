import ChildProcess
import Foundation
import Money
import XCTest

/// A member of staff in a real browser (headless Chromium): signs in, reads the chain's sales
/// beside `kiosk hq report`, watches a push arrive without reloading, opens a store, signs out
/// and finds the pages closed. Each page is saved as a PNG in .build/dashboard-screenshots/.
final class DashboardBrowserTests: XCTestCase {
    nonisolated(unsafe) static var cluster: HQCluster?
    private var hq: DashboardFixture!
    private var browser: WebDriver!
    private let shots = HQCluster.projectRoot.appendingPathComponent(".build/dashboard-screenshots")

    override class func setUp() {
        super.setUp()
        cluster = try? HQCluster()
    }

    override class func tearDown() {
        cluster?.remove()
        super.tearDown()
    }

    override func setUpWithError() throws {
        let cluster = try XCTUnwrap(Self.cluster, "PostgreSQL did not start (scripts/hq-postgres.sh)")
        hq = try DashboardFixture(cluster: cluster)
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        browser = try WebDriver()
    }

    override func tearDown() {
        browser?.quit()
        hq?.stop()
        super.tearDown()
    }

    private func shoot(_ name: String) throws {
        let path = shots.appendingPathComponent(name).path
        try browser.screenshot(path)
        print("Screenshot: \(path)")
    }

    private func yen(_ value: Any?) -> String { Yen((value as? Int) ?? -1).description }

    func testStaffReadTheChainAStoreAndAZThenSignOut() throws {
        // Not signed in: the chain page sends the browser to the sign-in form.
        try browser.open(hq.url + "/chains/familymart")
        XCTAssertTrue(try browser.url.contains("/sign-in"))
        try shoot("01-sign-in.png")

        try browser.type(DashboardFixture.staff, into: "#name")
        try browser.type("wrong password!", into: "#password")
        try browser.click("#sign-in")
        XCTAssertEqual(try browser.text(".error"), "The name or password is wrong.")
        try browser.type(DashboardFixture.password, into: "#password")
        try browser.click("#sign-in")
        XCTAssertTrue(try browser.url.hasSuffix("/chains/familymart"))
        // The cookie is HttpOnly: no script on the page can read the session.
        XCTAssertEqual(try browser.run("return document.cookie.indexOf('kiosk_session')") as? Int, -1)

        // Every store of the chain, with the sales `kiosk hq report` gives.
        var report = try hq.chainReport()
        XCTAssertEqual(try browser.text("#chain-sales"), yen(report["sales_yen"]))
        let byStore = try XCTUnwrap(report["by_store"] as? [[String: Any]])
        XCTAssertEqual(Set(byStore.compactMap { $0["store"] as? String }), Set(DashboardFixture.stores))
        for line in byStore {
            let store = try XCTUnwrap(line["store"] as? String)
            XCTAssertEqual(try browser.text("tr[data-store='\(store)'] td.sales"), yen(line["yen"]), store)
        }
        XCTAssertGreaterThan(try browser.elements("svg.chart rect.bar").count, 2)
        try shoot("02-chain.png")

        // A push appears within 5 s, without a reload: the page keeps a mark the reload would wipe.
        // The store that pushes has no Z: its day carries on from its last sale, on the same
        // business day whatever the time is now (after fm-namba's Z, taken now, it could be
        // the next day in Japan, which the page would show on its own).
        _ = try browser.run("window.__kept = 1; return 1")
        let before = try browser.text("#chain-sales")
        let pusher = try XCTUnwrap(DashboardFixture.stores.first { $0 != "fm-namba" })
        try hq.simulate(pusher, customers: 8, seed: 41)
        try hq.push(pusher)
        report = try hq.chainReport()
        let after = yen(report["sales_yen"])
        XCTAssertNotEqual(before, after, "the second push sold something")
        let took = try browser.waitFor(seconds: 5) { try browser.text("#chain-sales") == after }
        XCTAssertNotNil(took, "the push did not show within 5 s")
        XCTAssertEqual(try browser.run("return window.__kept") as? Int, 1, "the page was reloaded")
        print("The push showed on the chain page after \(String(format: "%.1f", took ?? -1)) s.")

        // In Japanese, at a phone's width.
        try browser.open(hq.url + "/chains/familymart?lang=ja")
        XCTAssertEqual(try browser.run("return document.documentElement.lang") as? String, "ja")
        XCTAssertTrue(try browser.text("h2").contains("送信の途絶えた店舗"))
        try browser.resize(width: 390, height: 1600)
        XCTAssertLessThanOrEqual(try browser.run("return document.documentElement.scrollWidth") as? Int ?? 9999, 390,
                                 "the page scrolls sideways at a phone's width")
        try shoot("03-chain-phone-ja.png")
        try browser.open(hq.url + "/chains/familymart?lang=en")
        try browser.resize(width: 1280, height: 1800)

        // A store.
        try browser.click("tr[data-store='fm-namba'] a")
        XCTAssertTrue(try browser.url.contains("/stores/fm-namba"))
        let storeLine = try XCTUnwrap((report["by_store"] as? [[String: Any]])?.first { $0["store"] as? String == "fm-namba" })
        XCTAssertEqual(try browser.text("#store-sales"), yen(storeLine["yen"]))
        let terminals = try XCTUnwrap(report["by_terminal"] as? [[String: Any]]).filter { $0["store"] as? String == "fm-namba" }
        XCTAssertFalse(terminals.isEmpty)
        for t in terminals {
            let id = try XCTUnwrap(t["terminal"] as? String)
            XCTAssertTrue(try browser.text("tr[data-terminal='\(id)']").contains(yen(t["yen"])), id)
        }
        // Its Z, with the over/short `kiosk hq report` gives, and the Z as printed.
        let z = try XCTUnwrap((report["z_reports"] as? [[String: Any]])?.first { $0["store"] as? String == "fm-namba" }, "\(report)")
        let cash = try XCTUnwrap(z["cash"] as? [String: Any])
        let overShort = try XCTUnwrap(cash["over_short_yen"] as? Int)
        XCTAssertNotEqual(overShort, 0)
        XCTAssertEqual(try browser.text("tr[data-z='FM-NMB-1-1'] td.over-short"), (overShort > 0 ? "+" : "") + yen(overShort))
        try shoot("04-store.png")
        try browser.click("tr[data-z='FM-NMB-1-1'] a")
        XCTAssertTrue(try browser.url.hasSuffix("/stores/fm-namba/z/FM-NMB-1/1"))
        // Exactly the Z the store printed, every block of it.
        let printed = try browser.text("#z-text")
        XCTAssertEqual(printed.trimmingCharacters(in: .newlines), hq.printedZ.trimmingCharacters(in: .newlines))
        XCTAssertTrue(printed.contains("By payment"), printed)
        XCTAssertTrue(printed.split(separator: "\n").contains { $0.hasPrefix("  Cash (") }, printed)
        XCTAssertTrue(printed.contains("Z REPORT No. 1"), printed)
        XCTAssertTrue(printed.contains(overShort < 0 ? "Short" : "Over"), printed)
        XCTAssertTrue(printed.contains(yen(cash["expected_yen"])), printed)
        try shoot("05-z-report.png")
        let pdfLink = try XCTUnwrap(try browser.attribute("href", of: try browser.element("#z-pdf")))
        // The PDF, fetched the way the browser fetches it (with the session cookie), is a real PDF of the Z.
        let pdf = try XCTUnwrap(try browser.run("""
            var x = new XMLHttpRequest(); x.open('GET', '\(pdfLink)', false); x.overrideMimeType('text/plain; charset=x-user-defined'); x.send();
            return x.status + ' ' + x.getResponseHeader('Content-Type') + ' ' + x.responseText.substring(0, 5);
            """) as? String)
        XCTAssertEqual(pdf, "200 application/pdf %PDF-")
        // Chromium's headless PDF viewer draws nothing to screenshot: the PDF's first page, drawn by poppler, instead.
        let pdfFile = hq.scratch.path("z.pdf")
        let fetched = try ChildProcess.run("curl", ["-s", "-o", pdfFile, "-H", "Cookie: \(try browser.cookieHeader)", hq.url + pdfLink], timeout: 60)
        XCTAssertEqual(fetched.status, 0)
        let drawn = try ChildProcess.run("pdftoppm", ["-png", "-r", "110", "-singlefile", pdfFile, shots.appendingPathComponent("06-z-pdf").path], timeout: 60)
        XCTAssertEqual(drawn.status, 0, drawn.errors)
        let words = try ChildProcess.run("pdftotext", ["-layout", pdfFile, "-"], timeout: 60).output
        XCTAssertTrue(words.contains("Z REPORT No. 1") && words.contains(formatYen(overShort)), words)
        print("Screenshot: \(shots.appendingPathComponent("06-z-pdf.png").path)")
        try browser.open(hq.url + "/stores/fm-namba")

        // Signing out ends the session: the pages are closed after.
        try browser.click(".sign-out button")
        XCTAssertTrue(try browser.url.contains("/sign-in"))
        for path in ["/chains/familymart", "/stores/fm-namba"] {
            try browser.open(hq.url + path)
            XCTAssertTrue(try browser.url.contains("/sign-in"), path)
            XCTAssertTrue(try browser.elements("#chain-sales, #store-sales").isEmpty, path)
        }
        try browser.open(hq.url + "/v1/reports/chains/familymart")
        XCTAssertTrue(try browser.text("body").contains("The reports need an HQ staff session"))
        try shoot("07-signed-out.png")
    }
}
