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

    func testStaffReadTheChainAndAStoreThenSignOut() throws {
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
        _ = try browser.run("window.__kept = 1; return 1")
        let before = try browser.text("#chain-sales")
        try hq.simulate("fm-namba", customers: 8, seed: 41)
        try hq.push("fm-namba")
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
        try shoot("04-store.png")

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
        try shoot("05-signed-out.png")
    }
}
