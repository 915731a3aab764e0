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
        s.send(.tap(.language(language)), []) { $0.language = language }
        out.append(("attract", s.state))
        s.send(.tap(.start), []) { $0.screen = .enterNumber(digits: "") }
        s.typeNumber("0901234")
        s.send(.tap(.confirm), []) { $0.notice = .simRejected(.tooShort(missing: 4)) }
        out.append(("enter-number-refused", s.state))
        s.typeNumber("5678")
        s.confirmNumber(.mobile("09012345678"))
        out.append(("looking-up", s.state))
        let account = Account(sim: .mobile("09012345678"), carrierId: "docomo", expiry: "2026-12-07", inGrace: false)
        s.send(.accountLookedUp(.found(account)), []) {
            $0.awaiting = nil
            $0.order?.account = account
            $0.screen = .accountFound
        }
        out.append(("account-found", s.state))
        s.send(.tap(.confirm), []) { $0.screen = .choosePlan }
        out.append(("choose-plan", s.state))
        s.send(.tap(.plan("docomo-3g-30")), []) {
            $0.order?.plan = Sample.catalogue.plan("docomo-3g-30")
            $0.screen = .choosePayment
        }
        out.append(("choose-payment", s.state))
        var card = s
        var wallet = s
        var slip = s
        s.choosePayment(.payByCash)
        let txn = s.txnId
        s.insertKept(1000)
        out.append(("paying-cash", s.state))
        var cancelled = s
        cancelled.send(.tap(.cancel), [.journal(txnId: txn, [.cashReturnDue(pieces: [1000: 1])])]) {
            $0.awaiting = .returnIntent(.cancel(.cancelledByCustomer))
            $0.screen = .processing(.returningCash)
        }
        cancelled.send(.journaled(receiptNo: nil), [.giveBack([1000: 1])]) { $0.awaiting = .cashBack(.cancel(.cancelledByCustomer)) }
        out.append(("processing", cancelled.state))
        cancelled.send(.cashGivenBack, [.journal(txnId: txn, [.cashReturned(pieces: [1000: 1]), .cancelled(reason: .cancelledByCustomer)])]) {
            $0.machine?.status.inventory[1000] -= 1
            $0.awaiting = .closing(.cancelled(.cancelledByCustomer))
        }
        cancelled.send(.journaled(receiptNo: nil), [.print(txnId: txn)]) {
            $0.screen = .cancelled(returned: Yen(1000))
            $0.awaiting = .receipt
        }
        out.append(("cancelled", cancelled.state))
        s.insertKept(5000, covers: true)
        s.completeWithChange([1000: 3, 10: 2], newExpiry: "2027-01-06", receiptNo: 1)
        let receipt = "var/receipts/FM-SBY-1/000001-FM-SBY-1-000001.txt"
        s.send(.printed(files: [receipt]), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
            $0.screen = .done(Completion(txnId: txn, receiptNo: 1, newExpiry: "2027-01-06", change: Yen(3020), changeDue: .zero,
                                         receiptFiles: [receipt], printProblem: nil))
        }
        out.append(("done", s.state))
        card.choosePayment(.payByCard)
        out.append(("paying-card", card.state))
        var pin = card
        var pad = PINPad(pan: "6282560000005678", expiry: "12/30")
        pin.send(.tap(.presentCard("unionpay-debit")), []) { [pad] in
            $0.order?.card = CardOnFile(brand: "UnionPay", last4: "5678", authCode: nil)
            $0.screen = .enteringPIN(pad)
        }
        for d in [1, 2] {
            pad.pin = pad.pin.adding(d)
            pin.send(.key(.char(Character(String(d)))), []) { [pad] in $0.screen = .enteringPIN(pad) }
        }
        out.append(("entering-pin", pin.state))
        slip.choosePayment(.payAtRegister)
        let expires = Sample.noon.addingTimeInterval(30 * 60)
        slip.send(.journaled(receiptNo: nil), [.printSlip(slipNo: "FM-SBY-1-S000001")]) {
            $0.screen = .slipIssued(SlipTicket(slipNo: "FM-SBY-1-S000001", amount: 2980, expiresAt: expires, files: [], printProblem: nil))
            $0.awaiting = .slipPrint
        }
        let slipFile = "var/receipts/FM-SBY-1/slip-FM-SBY-1-S000001.txt"
        slip.send(.printed(files: [slipFile]), []) {
            $0.screen = .slipIssued(SlipTicket(slipNo: "FM-SBY-1-S000001", amount: 2980, expiresAt: expires, files: [slipFile],
                                               printProblem: nil))
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
        }
        out.append(("slip-issued", slip.state))
        wallet.choosePayment(.payByWallet)
        out.append(("paying-wallet", wallet.state))
        wallet.chargeWallet("alipay-confirm", brand: "Alipay")
        wallet.send(.walletAnswered(.pending), []) {
            $0.screen = .confirmInApp(until: Sample.noon.addingTimeInterval(30))
            $0.awaiting = .walletPending(since: Sample.noon, asked: Sample.noon)
        }
        let later = Sample.noon.addingTimeInterval(2)
        wallet.send(.tick(later), []) { $0.now = later }
        out.append(("confirm-in-app", wallet.state))
        let cardTxn = card.txnId
        card.send(.cardPresented(pan: "4111111111111111", expiry: "12/30"), [.journal(txnId: cardTxn, [
            card.begin, .cardAuthorisationRequested(brand: "Visa", last4: "1111")])]) {
            $0.order?.card = CardOnFile(brand: "Visa", last4: "1111", authCode: nil)
            $0.awaiting = .cardIntent(pan: "4111111111111111", expiry: "12/30")
            $0.screen = .processing(.authorisingCard)
        }
        card.send(.journaled(receiptNo: nil), [.authoriseCard(pan: "4111111111111111", expiry: "12/30", amount: 2980, txnId: cardTxn)]) {
            $0.order?.begun = true
            $0.awaiting = .cardAnswer
        }
        card.cardApproved("123456")
        card.send(.topUpAnswered(.failed(.carrierRefused)), [.journal(txnId: cardTxn, [.topUpFailed(reason: .carrierRefused)])]) {
            $0.awaiting = .voidIntent(reason: .carrierRefused)
        }
        card.send(.journaled(receiptNo: nil), [.voidCard(authCode: "123456", txnId: cardTxn)]) {
            $0.awaiting = .void(reason: .carrierRefused)
            $0.screen = .processing(.voidingCard)
        }
        card.send(.cardVoided, [.journal(txnId: cardTxn, [.cardVoided(authCode: "123456"), .refunded(reason: .carrierRefused)])]) {
            $0.awaiting = .closing(.refunded(.carrierRefused))
        }
        card.send(.journaled(receiptNo: 2), [.print(txnId: cardTxn)]) {
            $0.screen = .refund(RefundOutcome(txnId: cardTxn, returned: 2980, due: .zero, why: .carrierRefused, slipFiles: []))
            $0.awaiting = .receipt
        }
        card.send(.printed(files: []), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
        }
        out.append(("refund", card.state))
        var staff = Story()
        staff.send(.tap(.language(language)), []) { $0.language = language }
        staff.send(.tap(.staffEntry), [.listStaff]) { $0.screen = .staffPIN(StaffSignIn()) }
        let members = ["Sato", "Tanaka", "Ito"]
        staff.send(.staffListed(members), []) { $0.screen = .staffPIN(StaffSignIn(members: members)) }
        staff.send(.tap(.staffMember("Tanaka")), []) { $0.screen = .staffPIN(StaffSignIn(members: members, member: "Tanaka")) }
        staff.send(.key(.char("1")), []) { $0.screen = .staffPIN(StaffSignIn(members: members, member: "Tanaka", digits: "1")) }
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

    /// The finder says how each machine is paid: the Loppi-style machine takes no money and
    /// sends the customer to the register; FM-SBY-1 takes money and slips alike.
    func testTheFinderSaysHowEachMachineIsPaidInEveryLanguage() {
        let expected: [Language: (loppi: String, both: String)] = [
            .en: ("Pay at the register", "Cash, card, phone wallet, pay at the register"),
            .ja: ("レジでお支払い", "現金・クレジットカード・スマホ決済・レジでお支払い"),
            .zhHans: ("到收银台付款", "现金、信用卡、手机支付、到收银台付款"),
            .zhHant: ("到收銀台付款", "現金、信用卡、手機支付、到收銀台付款"),
        ]
        for (language, words) in expected {
            for (store, terminal, phrase) in [("lw-sapporo-odori", "LW-SPR-2", words.loppi), ("fm-shibuya-center", "FM-SBY-1", words.both)] {
                var finder = KioskState(catalogue: Sample.catalogue, now: Sample.noon, language: language)
                _ = finder.apply(.tap(.store(store)))
                _ = finder.apply(.tap(.terminal(terminal)))
                _ = finder.apply(.statusesLoaded([terminal: MachineStatus(inventory: [:], paperSheets: 0, nextSequence: 1, inService: true)]))
                for (width, height) in [(80, 24), (120, 40)] {
                    let text = ScreenRenderer.frame(for: finder, width: width, height: height).text
                    XCTAssertTrue(text.contains(phrase), "\(terminal) \(language):\n\(text)")
                    XCTAssertTrue(text.contains(Say.noPaper.in(language)), "the paper is still said:\n\(text)")
                    XCTAssertFalse(text.contains(Say.cash.in(language) + "のみ") || text.contains("Cash only"), text)
                }
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
        var pad = PINPad(pan: "6282560000005678", expiry: "12/30")
        s.send(.tap(.presentCard("unionpay-debit")), []) { [pad] in
            $0.order?.card = CardOnFile(brand: "UnionPay", last4: "5678", authCode: nil)
            $0.screen = .enteringPIN(pad)
        }
        var typed = ""
        for ch in "7391" {
            pad.pin = pad.pin.adding(ch.wholeNumberValue!)
            s.send(.key(.char(ch)), []) { [pad] in $0.screen = .enteringPIN(pad) }
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
        s.send(.tap(.start), []) { $0.screen = .enterNumber(digits: "") }
        let first = Sample.noon.addingTimeInterval(45), second = Sample.noon.addingTimeInterval(52)
        s.send(.tick(first), []) { $0.now = first }
        XCTAssertFalse(ScreenRenderer.frame(for: s.state, width: 80, height: 24).text.contains("Back to the start in"))
        s.send(.tick(second), []) { $0.now = second }
        XCTAssertTrue(ScreenRenderer.frame(for: s.state, width: 80, height: 24).text.contains("Back to the start in 8 s"))
    }

    func testOnlyChangedCellsAreRedrawn() {
        var s = Story()
        s.send(.tap(.start), []) { $0.screen = .enterNumber(digits: "") }
        let before = ScreenRenderer.frame(for: s.state, width: 80, height: 24)
        s.typeNumber("0")
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
