import ChildProcess
import Foundation
import XCTest

/// Who the dashboard answers: only signed-in staff; never a store's push token, a forged
/// cookie or a form from another site; a sixth wrong password in a row waits; a store's name
/// is text, whatever it holds.
final class DashboardAccessTests: XCTestCase {
    nonisolated(unsafe) static var cluster: HQCluster?
    private var hq: DashboardFixture!
    private var folder: Scratch!

    override class func setUp() {
        super.setUp()
        cluster = try? HQCluster()
    }

    override class func tearDown() {
        cluster?.remove()
        super.tearDown()
    }

    static let hostileName = "FamilyMart <script>alert(1)</script> & \"Namba\""

    override func setUpWithError() throws {
        let cluster = try XCTUnwrap(Self.cluster, "PostgreSQL did not start (scripts/hq-postgres.sh)")
        folder = try Scratch()
        // The project's fixtures, with a store whose name is markup.
        let fixtures = folder.path("fixtures")
        try FileManager.default.copyItem(atPath: HQCluster.projectRoot.appendingPathComponent("fixtures").path, toPath: fixtures)
        let stores = fixtures + "/stores.csv"
        let csv = try String(contentsOfFile: stores, encoding: .utf8)
        XCTAssertTrue(csv.contains(",FamilyMart Namba Ebisubashi,"))
        try csv.replacingOccurrences(of: ",FamilyMart Namba Ebisubashi,", with: ",\"FamilyMart <script>alert(1)</script> & \"\"Namba\"\"\",")
            .write(toFile: stores, atomically: true, encoding: .utf8)
        hq = try DashboardFixture(cluster: cluster, fixtures: fixtures)
    }

    override func tearDown() {
        hq?.stop()
        hq = nil
        folder = nil
        super.tearDown()
    }

    static let pages = ["/", "/chains/familymart", "/chains/familymart?day=2026-11-25", "/stores/fm-namba", "/stores/nowhere"]
    static let reports = ["/v1/reports/changes", "/v1/reports/chains/familymart", "/v1/reports/stores/fm-namba",
                          "/v1/reports/stores/fm-namba?day=2026-11-25"]

    func testNoPageOrReportAnswersWithoutASession() throws {
        for path in Self.pages {
            let answer = try hq.curl(path)
            XCTAssertEqual(answer.status, 303, path)
            XCTAssertTrue(answer.headers.lowercased().contains("location: /sign-in"), path)
            XCTAssertFalse(answer.body.contains("¥"), path)
        }
        for path in Self.reports {
            let answer = try hq.curl(path)
            XCTAssertEqual(answer.status, 401, path)
            XCTAssertEqual(answer.body, #"{"error":"The reports need an HQ staff session: sign in at \/sign-in."}"#, path)
        }
        // A cookie HQ never issued opens nothing either.
        for path in Self.pages + Self.reports {
            let answer = try hq.curl(path, ["-H", "Cookie: kiosk_session=\(String(repeating: "ab", count: 32))"])
            XCTAssertTrue([303, 401].contains(answer.status), path)
            XCTAssertFalse(answer.body.contains("sales_yen") || answer.body.contains("¥"), path)
        }
        XCTAssertEqual(try hq.curl("/sign-out", ["-X", "POST", "-d", "csrf=x"]).status, 303)
    }

    func testAStoresPushTokenGets401() throws {
        let token = try hq.token("fm-namba")
        for path in Self.pages + Self.reports {
            let answer = try hq.curl(path, ["-H", "Authorization: Bearer \(token)"])
            XCTAssertEqual(answer.status, 401, path)
            XCTAssertFalse(answer.body.contains("sales_yen") || answer.body.contains("¥"), path)
        }
        // The token still pushes: it is refused only where it has no business.
        try hq.simulate("fm-namba", customers: 3, seed: 99)
        try hq.push("fm-namba")
    }

    func testTheSixthWrongPasswordInARowWaits() throws {
        let jar = folder.path("jar")
        for attempt in 1...5 {
            let answer = try hq.signIn(jar: jar, password: "not the password \(attempt)")
            XCTAssertEqual(answer.status, 401, "attempt \(attempt)")
            XCTAssertTrue(answer.body.contains("The name or password is wrong."))
        }
        let sixth = try hq.signIn(jar: jar, password: "not the password 6")
        XCTAssertEqual(sixth.status, 429)
        XCTAssertTrue(sixth.body.contains("Too many wrong passwords: try again in"), sixth.body)
        XCTAssertTrue(sixth.headers.lowercased().contains("retry-after: 1"), sixth.headers)
        // Not even the right password gets in until the wait is over.
        let right = try hq.signIn(jar: jar)
        XCTAssertEqual(right.status, 429)
        XCTAssertFalse(right.headers.contains("kiosk_session="))
        // Attempts refused while waiting check no password, so they count no failure.
        XCTAssertEqual(try hq.cluster.psql(hq.db, "SELECT failures FROM dashboard_sign_in_failures WHERE name = 'aiko'"), "5")
    }

    func testTheSessionCookieIsHttpOnlySameSiteAndSignOutEndsItOnTheServer() throws {
        let jar = folder.path("jar")
        let signedIn = try hq.signIn(jar: jar)
        XCTAssertEqual(signedIn.status, 303)
        let cookie = try XCTUnwrap(signedIn.headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("set-cookie: kiosk_session=") })
        XCTAssertTrue(cookie.contains("HttpOnly"), String(cookie))
        XCTAssertTrue(cookie.contains("SameSite=Strict"), String(cookie))
        let value = String(cookie.dropFirst("set-cookie: kiosk_session=".count).prefix(while: { $0 != ";" }))
        XCTAssertEqual(try hq.cluster.psql(hq.db, "SELECT count(*) FROM dashboard_sessions"), "1")
        XCTAssertFalse(try hq.cluster.psql(hq.db, "SELECT encode(token_hash, 'hex') FROM dashboard_sessions").contains(value),
                       "HQ keeps only the session token's hash")

        let page = try hq.curl("/chains/familymart", jar: jar)
        XCTAssertEqual(page.status, 200)
        let csrf = try XCTUnwrap(page.body.range(of: "name=\"csrf\" value=\"").map { String(page.body[$0.upperBound...].prefix(64)) })

        // A sign-out without the form's token, or from another site, changes nothing.
        XCTAssertEqual(try hq.curl("/sign-out", ["-X", "POST", "-d", "csrf=forged"], jar: jar).status, 403)
        XCTAssertEqual(try hq.curl("/sign-out", ["-d", "csrf=\(csrf)", "-H", "Origin: http://evil.example"], jar: jar).status, 403)
        XCTAssertEqual(try hq.curl("/chains/familymart", jar: jar).status, 200)

        XCTAssertEqual(try hq.curl("/sign-out", ["-d", "csrf=\(csrf)"], jar: jar).status, 303)
        XCTAssertEqual(try hq.cluster.psql(hq.db, "SELECT count(*) FROM dashboard_sessions"), "0")
        // The old cookie, replayed by hand, opens nothing.
        let replayed = try hq.curl("/v1/reports/chains/familymart", ["-H", "Cookie: kiosk_session=\(value)"])
        XCTAssertEqual(replayed.status, 401)
    }

    func testTheSignInFormRefusesAPostWithoutItsToken() throws {
        let answer = try hq.curl("/sign-in", ["--data-urlencode", "name=aiko", "--data-urlencode", "password=\(DashboardFixture.password)"])
        XCTAssertEqual(answer.status, 403)
        XCTAssertFalse(answer.headers.contains("kiosk_session="))
    }

    func testAStoreNameFromTheFixturesIsEscaped() throws {
        let jar = folder.path("jar")
        try hq.signIn(jar: jar)
        for path in ["/chains/familymart", "/stores/fm-namba"] {
            let page = try hq.curl(path, jar: jar)
            XCTAssertEqual(page.status, 200, path)
            XCTAssertTrue(page.body.contains("FamilyMart &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Namba&quot;"), path)
            XCTAssertFalse(page.body.contains("<script>alert"), path)
            XCTAssertTrue(page.headers.lowercased().contains("content-security-policy: default-src 'self'"), path)
        }
        let json = try hq.curl("/v1/reports/chains/familymart", jar: jar)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
        let names = (object["by_store"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        XCTAssertEqual(names?.contains(Self.hostileName), true, "JSON carries the name as it is")
    }
}
