import Foundation
import XCTest
@testable import Kiosk
import Ledger
import Receipt

/// Every screen drawn at 80×24 in English and Japanese, compared as text with the goldens in
/// `Frames/` (RECORD_FRAMES=1 writes them anew). Then the rules every frame keeps.
final class FrameTests: XCTestCase {
    private let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Frames")

    /// One state per screen, reached through the reducer as a customer would.
    static func screens(_ language: Language) -> [(String, KioskState)] {
        var out: [(String, KioskState)] = []
        var finder = KioskState(catalogue: Sample.catalogue, now: Sample.noon, language: language)
        out.append(("find-machine", finder.state(after: [])))
        _ = finder.apply(.tap(.store("fm-shibuya-center")))
        _ = finder.apply(.statusesLoaded(["FM-SBY-1": MachineStatus(inventory: [1000: 3], paperSheets: 0, nextSequence: 1, inService: true)]))
        out.append(("find-machine-store", finder))
        var s = Story()
        s.send(.tap(.language(language)))
        out.append(("attract", s.state))
        s.send(.tap(.start))
        for ch in "0901234" { s.send(.key(.char(ch))) }
        s.send(.tap(.confirm))
        out.append(("enter-number-refused", s.state))
        for ch in "5678" { s.send(.key(.char(ch))) }
        s.send(.tap(.confirm))
        out.append(("looking-up", s.state))
        s.send(.accountLookedUp(.found(Account(sim: .mobile("09012345678"), carrierId: "docomo", expiry: "2026-12-07", inGrace: false))))
        out.append(("account-found", s.state))
        s.send(.tap(.confirm))
        out.append(("choose-plan", s.state))
        s.send(.tap(.plan("docomo-3g-30")))
        out.append(("choose-payment", s.state))
        var card = s
        var wallet = s
        var slip = s
        s.send(.tap(.payByCash))
        s.insertKept(1000)
        out.append(("paying-cash", s.state))
        var cancelled = s
        cancelled.send(.tap(.cancel))
        cancelled.send(.journaled(receiptNo: nil))
        out.append(("processing", cancelled.state))
        cancelled.send(.cashGivenBack)
        cancelled.send(.journaled(receiptNo: nil))
        out.append(("cancelled", cancelled.state))
        s.insertKept(5000)
        s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06")))
        s.send(.journaled(receiptNo: nil))
        s.send(.changeDispensed)
        s.send(.journaled(receiptNo: 1))
        s.send(.printed(files: ["var/receipts/FM-SBY-1/000001-FM-SBY-1-000001.txt"]))
        out.append(("done", s.state))
        card.send(.tap(.payByCard))
        out.append(("paying-card", card.state))
        var pin = card
        pin.send(.tap(.presentCard("unionpay-debit")))
        for ch in "12" { pin.send(.key(.char(ch))) }
        out.append(("entering-pin", pin.state))
        slip.send(.tap(.payAtRegister))
        slip.send(.journaled(receiptNo: nil))
        slip.send(.printed(files: ["var/receipts/FM-SBY-1/slip-FM-SBY-1-S000001.txt"]))
        out.append(("slip-issued", slip.state))
        wallet.send(.tap(.payByWallet))
        out.append(("paying-wallet", wallet.state))
        wallet.send(.tap(.scanCode("alipay-confirm")))
        wallet.send(.journaled(receiptNo: nil))
        wallet.send(.walletAnswered(.pending))
        wallet.send(.tick(Sample.noon.addingTimeInterval(2)))
        out.append(("confirm-in-app", wallet.state))
        card.send(.cardPresented(pan: "4111111111111111", expiry: "12/30"))
        card.send(.journaled(receiptNo: nil))
        card.send(.cardAnswered(.approved(authCode: "123456")))
        card.send(.journaled(receiptNo: nil))
        card.send(.topUpAnswered(.failed(.carrierRefused)))
        card.send(.journaled(receiptNo: nil))
        card.send(.cardVoided)
        card.send(.journaled(receiptNo: 2))
        card.send(.printed(files: []))
        out.append(("refund", card.state))
        var staff = Story()
        staff.send(.tap(.language(language)))
        staff.send(.tap(.staffEntry))
        staff.send(.staffListed(["Sato", "Tanaka", "Ito"]))
        staff.send(.tap(.staffMember("Tanaka")))
        staff.send(.key(.char("1")))
        out.append(("staff-pin", staff.state))
        staff.state.screen = .staffMenu(StaffDesk(name: "Sato", message: "Collected ¥50,000: ¥10,000×5."))
        out.append(("staff-menu", staff.state))
        var broken = KioskState(catalogue: Sample.catalogue, now: Sample.noon, language: language)
        broken.screen = .outOfService(reason: "The ledger var/ledger.sqlite is locked by another program.", held: Yen(1000))
        out.append(("out-of-service", broken))
        return out
    }

    func testEveryScreenMatchesItsGoldenInEnglishAndJapanese() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for language in [Language.en, .ja] {
            for (name, state) in Self.screens(language) {
                let text = ScreenRenderer.frame(for: state, width: 80, height: 24).text + "\n"
                let file = folder.appendingPathComponent("\(name)-\(language.rawValue).txt")
                if ProcessInfo.processInfo.environment["RECORD_FRAMES"] != nil {
                    try text.write(to: file, atomically: true, encoding: .utf8)
                }
                XCTAssertEqual(text, try String(contentsOf: file, encoding: .utf8), file.lastPathComponent)
            }
        }
    }

    func testEveryScreenHasItsOwnStateAndNoRowIsWiderThanTheFrame() {
        for language in Language.allCases {
            let screens = Self.screens(language)
            XCTAssertEqual(Set(screens.map { $0.1.screen.name }).count, 20, "every screen is drawn")
            for (name, state) in screens {
                for size in [(80, 24), (120, 40), (100, 30)] {
                    let frame = ScreenRenderer.frame(for: state, width: size.0, height: size.1)
                    for row in frame.rows {
                        XCTAssertLessThanOrEqual(DisplayWidth.of(row), size.0, "\(name) \(language): \(row)")
                    }
                    for button in frame.buttons {
                        XCTAssertGreaterThanOrEqual(button.rect.height, 3, "\(name): \(button.id) is too small to touch")
                        XCTAssertLessThanOrEqual(button.rect.x + button.rect.width, size.0, "\(name): \(button.id)")
                        XCTAssertLessThanOrEqual(button.rect.y + button.rect.height, size.1, "\(name): \(button.id)")
                    }
                    XCTAssertEqual(Set(frame.buttons.map(\.key)).count, frame.buttons.count, "\(name): two buttons share a key")
                }
            }
        }
    }

    func testCustomerScreensAlwaysShowCancel() {
        for (name, state) in Self.screens(.ja) where ["enter-number-refused", "account-found", "choose-plan", "choose-payment",
                                                      "paying-cash", "paying-card"].contains(name) {
            let frame = ScreenRenderer.frame(for: state, width: 80, height: 24)
            XCTAssertNotNil(frame.buttons.first { $0.id == .cancel }, name)
            XCTAssertEqual(frame.button(for: .escape)?.id, .back, name)
        }
    }

    func testJapaneseTextKeepsColumnsAligned() {
        let state = Self.screens(.ja).first { $0.0 == "paying-cash" }!.1
        let rows = ScreenRenderer.frame(for: state, width: 80, height: 24).rows
        // The amounts of the left panel start in the same column whatever the label's width.
        let amounts = rows.filter { $0.contains("¥") && !$0.contains("[") && !$0.contains("│") }
        XCTAssertFalse(amounts.isEmpty)
        let columns = Set(rows.compactMap { row -> Int? in
            guard let yen = row.firstIndex(of: "¥"), row.hasPrefix("   "), !row.contains("│") else { return nil }
            return DisplayWidth.of(String(row[..<yen]))
        })
        XCTAssertEqual(columns.count, 1, rows.joined(separator: "\n"))
    }

    func testLongStoreNamesEndInAnEllipsisInEveryLanguage() {
        for language in Language.allCases {
            var finder = KioskState(catalogue: Sample.catalogue, now: Sample.noon, language: language)
            _ = finder.apply(.tap(.store("lw-haneda-t3")))
            let frame = ScreenRenderer.frame(for: finder, width: 80, height: 24)
            let name = Sample.catalogue.store("lw-haneda-t3")!.name[language]
            let button = frame.buttons.first { $0.id == .store("lw-haneda-t3") }!
            let row = frame.rows[button.rect.y + 1]
            let label = row.dropFirst(button.rect.x + 1).prefix(while: { $0 != "│" }).trimmingCharacters(in: .whitespaces)
            if DisplayWidth.of(name) > button.rect.width - 4 {
                XCTAssertTrue(label.hasSuffix("…"), "\(language): \(label)")
                XCTAssertTrue(name.hasPrefix(String(label.dropLast())), "\(language): \(label)")
            } else {
                XCTAssertEqual(label, name)
            }
        }
        XCTAssertEqual(Layout.fitted("ローソン 羽田空港第3ターミナル店", width: 12), "ローソン 羽…")
        XCTAssertEqual(Layout.fitted("Lawson Haneda", width: 20), "Lawson Haneda")
    }

    func testThePINIsNeverDrawn() {
        var s = Story()
        s.reachPayment(number: "08011112222", plan: "au-5g-30", method: .payByCard)
        s.send(.tap(.presentCard("unionpay-debit")))
        var typed = ""
        for ch in "7391" {
            s.send(.key(.char(ch)))
            typed.append(ch)
            for language in Language.allCases {
                s.state.language = language
                let text = ScreenRenderer.frame(for: s.state, width: 100, height: 30).text
                XCTAssertTrue(text.contains(String(repeating: "•", count: typed.count) + "_"), text)
                if typed.count > 1 { XCTAssertFalse(text.contains(typed), "the PIN on the \(language) screen:\n\(text)") }
            }
        }
        XCTAssertTrue(ScreenRenderer.frame(for: s.state, width: 80, height: 24).text.contains("••••"))
        XCTAssertEqual("\(s.state.screen)".contains("7391"), false, "the PIN prints as dots even in a dump of the state")
    }

    func testASmallWindowAsksToBeEnlarged() {
        let frame = ScreenRenderer.frame(for: Story().state, width: 60, height: 20)
        XCTAssertTrue(frame.text.contains("Please enlarge the window to at least 80×24."))
        XCTAssertTrue(frame.buttons.isEmpty)
    }

    func testTouchesAndKeysPressTheSameButtons() {
        let state = Self.screens(.en).first { $0.0 == "paying-cash" }!.1
        let frame = ScreenRenderer.frame(for: state, width: 100, height: 30)
        let thousand = frame.buttons.first { $0.id == .insertCash(1000) }!
        XCTAssertEqual(ScreenInput.event(forTouchAt: thousand.rect.x + 1, thousand.rect.y + 1, on: frame), .tap(.insertCash(1000)))
        XCTAssertEqual(ScreenInput.event(for: .char("T"), on: frame), .tap(.insertCash(1000)))
        XCTAssertEqual(ScreenInput.event(for: .escape, on: frame), .tap(.back))
        XCTAssertEqual(ScreenInput.event(for: .function(2), on: frame), .tap(.staffEntry))
        XCTAssertNil(ScreenInput.event(forTouchAt: 0, 2, on: frame))
    }

    func testCountdownShowsInTheLastTenSeconds() {
        var s = Story()
        s.send(.tap(.start))
        s.send(.tick(Sample.noon.addingTimeInterval(45)))
        XCTAssertFalse(ScreenRenderer.frame(for: s.state, width: 80, height: 24).text.contains("Back to the start in"))
        s.send(.tick(Sample.noon.addingTimeInterval(52)))
        XCTAssertTrue(ScreenRenderer.frame(for: s.state, width: 80, height: 24).text.contains("Back to the start in 8 s"))
    }

    func testOnlyChangedCellsAreRedrawn() {
        var s = Story()
        s.send(.tap(.start))
        let before = ScreenRenderer.frame(for: s.state, width: 80, height: 24)
        s.send(.key(.char("0")))
        let after = ScreenRenderer.frame(for: s.state, width: 80, height: 24)
        let changes = after.changes(from: before)
        XCTAssertFalse(changes.isEmpty)
        XCTAssertLessThan(changes.count, 10)
        XCTAssertEqual(after.changes(from: nil).count, 80 * 24)
    }
}

extension KioskState {
    fileprivate func state(after events: [Event]) -> KioskState {
        var s = self
        for e in events { _ = s.apply(e) }
        return s
    }
}
