import HeadOffice
import Receipt
import XCTest

/// The dashboard's pure rules: the language a browser asks for, the wait after wrong
/// passwords, and escaping.
final class DashboardRulesTests: XCTestCase {
    func testTheLanguageIsTheBrowsersFirstOfTheFour() {
        XCTAssertEqual(Language.preferred(acceptLanguage: nil), .en)
        XCTAssertEqual(Language.preferred(acceptLanguage: "ja,en-US;q=0.9,en;q=0.8"), .ja)
        XCTAssertEqual(Language.preferred(acceptLanguage: "zh-TW,zh;q=0.9"), .zhHant)
        XCTAssertEqual(Language.preferred(acceptLanguage: "zh-Hant-HK"), .zhHant)
        XCTAssertEqual(Language.preferred(acceptLanguage: "zh-CN,zh;q=0.9,en;q=0.8"), .zhHans)
        XCTAssertEqual(Language.preferred(acceptLanguage: "fr-FR,fr;q=0.9,ja;q=0.7,en;q=0.5"), .ja)
        XCTAssertEqual(Language.preferred(acceptLanguage: "en;q=0.2, ja;q=0.8"), .ja)
        XCTAssertEqual(Language.preferred(acceptLanguage: "ja;q=0, de"), .en)
    }

    func testFiveWrongPasswordsAreFreeThenEachWaitsLonger() {
        XCTAssertEqual((0...4).map(SignInThrottle.wait(afterFailures:)), [0, 0, 0, 0, 0])
        XCTAssertEqual((5...8).map(SignInThrottle.wait(afterFailures:)), [15, 30, 60, 120])
        XCTAssertEqual(SignInThrottle.wait(afterFailures: 40), 900)
        XCTAssertEqual(SignInThrottle.remaining(failures: 5, elapsed: 0.2), 15)
        XCTAssertEqual(SignInThrottle.remaining(failures: 5, elapsed: 14.5), 1)
        XCTAssertEqual(SignInThrottle.remaining(failures: 5, elapsed: 15), 0)
        XCTAssertEqual(SignInThrottle.remaining(failures: 4, elapsed: 0), 0)
    }

    func testValuesAreEscapedAndMarkupIsNot() {
        let name = "<script>alert('x')</script> & \"Co\""
        let row: HTML = "<td title=\"\(name)\">\(name)</td>"
        XCTAssertEqual(row.markup, "<td title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</td>")
        let inner: HTML = "<b>\(1)</b>"
        XCTAssertEqual(("<p>\(inner)</p>" as HTML).markup, "<p><b>1</b></p>")
    }

    func testAStaffNameIsPlainAndShort() {
        XCTAssertNotNil(StaffName("aiko.tanaka-2_b"))
        XCTAssertNil(StaffName(""))
        XCTAssertNil(StaffName("aiko tanaka"))
        XCTAssertNil(StaffName("<b>"))
        XCTAssertNil(StaffName(String(repeating: "a", count: 65)))
    }
}
