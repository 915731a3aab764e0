import XCTest
@testable import Kiosk
import Ledger

/// The clerk's register, told to the reducer: a slip scanned, paid in cash or by card by the
/// machine's own payment steps, the carrier asked only after the money, and a failed top-up
/// refunded at the register.
final class RegisterStoriesTests: XCTestCase {
    private let sim = SIMNumber.mobile("09012345678")
    private let drawer: CashPieces = [10: 100, 50: 50, 100: 100, 500: 50, 1000: 50, 5000: 10]
    private let slip = SlipIssue(slipNo: "LW-SPR-2-S000001", storeId: "lw-sapporo-odori", terminalId: "LW-SPR-2",
                                 simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980,
                                 validMinutes: 30, language: "zh-Hans")

    private func start(_ method: PaymentMethod) -> Step {
        .begin(TransactionStart(id: "LW-SPR-R1-000001", storeId: "lw-sapporo-odori", terminalId: "LW-SPR-R1",
                                businessDate: "2026-11-25", simNumber: "09012345678", carrierId: "docomo",
                                planId: "docomo-3g-30", amountYen: 2980, taxYen: 270, paymentMethod: method,
                                language: "zh-Hans", slipNo: "LW-SPR-2-S000001"))
    }

    /// The register with the slip scanned and found payable.
    private func scanned() -> Story {
        var s = Story(inventory: drawer, terminal: "LW-SPR-R1")
        XCTAssertEqual(s.state.screen, .registerScan(typed: ""))
        // Typed in lower case, read as the slip's number.
        var typed = ""
        for ch in "lw-spr-2-s000001" {
            typed += ch.uppercased()
            s.send(.key(.char(ch)), []) { [typed] in $0.screen = .registerScan(typed: typed) }
        }
        XCTAssertEqual(s.state.screen, .registerScan(typed: "LW-SPR-2-S000001"))
        s.send(.key(.enter), [.lookUpSlip("LW-SPR-2-S000001")]) {
            $0.screen = .lookingUp
            $0.awaiting = .slipLookUp
        }
        s.send(.slipLookedUp(.payable(slip)), []) {
            $0.awaiting = nil
            $0.screen = .choosePayment
            var order = Order(sim: self.sim, account: Account(sim: self.sim, carrierId: "docomo", expiry: "", inGrace: false))
            order.plan = Sample.catalogue.plan("docomo-3g-30")
            order.slip = self.slip
            $0.order = order
        }
        return s
    }

    func testFiveThousandInCashAtTheRegisterTopsUpThenCountsOutTheChange() {
        var s = scanned()
        let txn = "LW-SPR-R1-000001"
        s.send(.tap(.payByCash), []) {
            $0.order?.method = .cash
            $0.order?.txnId = txn
            $0.machine?.status.nextSequence = 2
            $0.screen = .payingCash
        }
        // The slip is taken by the same commit that keeps the money, before the carrier is asked.
        s.send(.tap(.insertCash(5000)), [.journal(txnId: txn, [start(.cash), .cashIn(denomination: 5000),
                                                               .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.awaiting = .cashIn(denomination: 5000, covers: true)
        }
        s.send(.journaled(receiptNo: nil), [.topUp(txnId: txn, sim: sim, planId: "docomo-3g-30")]) {
            $0.order?.begun = true
            $0.order?.inserted = [5000: 1]
            $0.machine?.status.inventory[5000] += 1
            $0.screen = .processing(.toppingUp)
            $0.awaiting = .topUpAnswer
        }
        let change: CashPieces = [1000: 2, 10: 2]
        s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06")),
               [.journal(txnId: txn, [.topUpApplied(newExpiry: "2027-01-06"), .changeDue(pieces: change)])]) {
            $0.order?.newExpiry = "2027-01-06"
            $0.order?.change = change
            $0.awaiting = .changeIntent
        }
        s.send(.journaled(receiptNo: nil), [.dispenseChange(change)]) {
            $0.awaiting = .change
            $0.screen = .processing(.dispensingChange)
        }
        s.send(.changeDispensed, [.journal(txnId: txn, [.changeDispensed(pieces: change), .completed])]) {
            $0.machine?.status.inventory.add(change, sign: -1)
            $0.awaiting = .closing(.completed)
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .done(Completion(txnId: txn, receiptNo: 1, newExpiry: "2027-01-06", change: Yen(2020), changeDue: .zero,
                                         receiptFiles: [], printProblem: nil))
            $0.awaiting = .receipt
        }
        s.send(.printed(files: ["r.txt"]), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
            $0.screen = .done(Completion(txnId: txn, receiptNo: 1, newExpiry: "2027-01-06", change: Yen(2020), changeDue: .zero,
                                         receiptFiles: ["r.txt"], printProblem: nil))
        }
        // The clerk is back at the scanner for the next slip.
        s.send(.tap(.finish), []) {
            $0.screen = .registerScan(typed: "")
            $0.order = nil
        }
    }

    func testAFailedTopUpAfterACardPaymentAtTheRegisterIsVoidedWithARefundSlip() {
        var s = scanned()
        let txn = "LW-SPR-R1-000001"
        s.choosePayment(.payByCard)
        s.send(.tap(.presentCard("visa-ok")), [.journal(txnId: txn, [start(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111")])]) {
            $0.order?.card = CardOnFile(brand: "Visa", last4: "1111", authCode: nil)
            $0.screen = .processing(.authorisingCard)
            $0.awaiting = .cardIntent(pan: "4111111111111111", expiry: "12/30", pin: nil)
        }
        s.send(.journaled(receiptNo: nil), [.authoriseCard(pan: "4111111111111111", expiry: "12/30", amount: 2980, txnId: txn)]) {
            $0.order?.begun = true
            $0.awaiting = .cardAnswer
        }
        s.cardApproved("A1")
        s.send(.topUpAnswered(.failed(.carrierRefused)), [.journal(txnId: txn, [.topUpFailed(reason: .carrierRefused)])]) {
            $0.awaiting = .voidIntent(reason: .carrierRefused)
        }
        s.send(.journaled(receiptNo: nil), [.voidCard(authCode: "A1", txnId: txn)]) {
            $0.awaiting = .void(reason: .carrierRefused)
            $0.screen = .processing(.voidingCard)
        }
        s.send(.cardVoided, [.journal(txnId: txn, [.cardVoided(authCode: "A1"), .refunded(reason: .carrierRefused)])]) {
            $0.awaiting = .closing(.refunded(.carrierRefused))
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: 2980, due: .zero, why: .carrierRefused, slipFiles: []))
            $0.awaiting = .receipt
            $0.lastActivity = Sample.noon
        }
    }

    func testAFailedTopUpAfterCashAtTheRegisterGivesTheCashBack() {
        var s = scanned()
        let txn = "LW-SPR-R1-000001"
        s.choosePayment(.payByCash)
        XCTAssertEqual(s.txnId, txn)
        s.insertKept(1000)
        XCTAssertEqual(s.begin, start(.cash), "the sale begins with the slip's language and number")
        s.insertKept(1000)
        s.insertKept(1000, covers: true)
        s.send(.topUpAnswered(.failed(.carrierError)),
               [.journal(txnId: txn, [.topUpFailed(reason: .carrierError), .cashReturnDue(pieces: [1000: 3])])]) {
            $0.awaiting = .returnIntent(.refund(.carrierError))
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 3])]) {
            $0.awaiting = .cashBack(.refund(.carrierError))
            $0.screen = .processing(.returningCash)
        }
        s.send(.cashGivenBack, [.journal(txnId: txn, [.cashReturned(pieces: [1000: 3]), .refunded(reason: .carrierError)])]) {
            $0.machine?.status.inventory[1000] -= 3
            $0.awaiting = .closing(.refunded(.carrierError))
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: 3000, due: .zero, why: .carrierError, slipFiles: []))
            $0.awaiting = .receipt
        }
    }

    func testAnExpiredSlipIsRefusedWithTheTimeItExpired() {
        var s = Story(inventory: drawer, terminal: "LW-SPR-R1")
        let expired = Sample.noon.addingTimeInterval(-60)
        s.send(.slipScanned("LW-SPR-2-S000001"), [.lookUpSlip("LW-SPR-2-S000001")]) {
            $0.screen = .lookingUp
            $0.awaiting = .slipLookUp
        }
        s.send(.slipLookedUp(.refused(slipNo: "LW-SPR-2-S000001", .expired(at: expired))), []) {
            $0.awaiting = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipRefused(slipNo: "LW-SPR-2-S000001", .expired(at: expired))
        }
        assertToldTheSlipExpired(s)
    }

    func testASlipScannedTwiceIsToldItIsAlreadyPaid() {
        var s = Story(inventory: drawer, terminal: "LW-SPR-R1")
        s.send(.slipScanned("LW-SPR-2-S000001"), [.lookUpSlip("LW-SPR-2-S000001")]) {
            $0.screen = .lookingUp
            $0.awaiting = .slipLookUp
        }
        s.send(.slipLookedUp(.refused(slipNo: "LW-SPR-2-S000001", .alreadyPaid)), []) {
            $0.awaiting = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipRefused(slipNo: "LW-SPR-2-S000001", .alreadyPaid)
        }
        XCTAssertEqual(s.state.notice?.description, "Slip LW-SPR-2-S000001 is already paid.")
    }

    /// The other register took the slip between the scan and the money: the ledger refuses
    /// the commit, the bill was never kept and goes back, and the clerk is told why and is
    /// back at the scanner, the register still in service.
    func testASlipPaidAtAnotherRegisterMeanwhilePushesTheBillBackAndWaitsForTheNextSlip() {
        var s = scanned()
        s.choosePayment(.payByCash)
        s.send(.tap(.insertCash(5000)), [.journal(txnId: s.txnId, [
            start(.cash), .cashIn(denomination: 5000), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.awaiting = .cashIn(denomination: 5000, covers: true)
        }
        s.send(.slipRefused(slipNo: "LW-SPR-2-S000001", .alreadyPaid), [.rejectCash(5000)]) {
            $0.awaiting = nil
            $0.order = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipRefused(slipNo: "LW-SPR-2-S000001", .alreadyPaid)
        }
        XCTAssertEqual(s.state.notice?.description, "Slip LW-SPR-2-S000001 is already paid.")
        XCTAssertEqual(s.state.machine?.status.inService, true)
        XCTAssertEqual(s.state.machine?.status.inventory, drawer, "the bill was never kept")
        // The next slip is taken as ever.
        s.send(.slipScanned("LW-SPR-2-S000002"), [.lookUpSlip("LW-SPR-2-S000002")]) {
            $0.notice = nil
            $0.screen = .lookingUp
            $0.awaiting = .slipLookUp
        }
    }

    /// The slip's time ran out while the clerk held the customer's bill: the same, with when
    /// it expired, in the clerk's language.
    func testASlipThatExpiresWhileTheClerkTakesTheCashGivesTheBillBackWithTheTime() {
        var s = scanned()
        let expired = Sample.noon.addingTimeInterval(-5)
        s.choosePayment(.payByCash)
        s.send(.tap(.insertCash(1000)), [.journal(txnId: s.txnId, [start(.cash), .cashIn(denomination: 1000)])]) {
            $0.awaiting = .cashIn(denomination: 1000, covers: false)
        }
        s.send(.slipRefused(slipNo: "LW-SPR-2-S000001", .expired(at: expired)), [.rejectCash(1000)]) {
            $0.awaiting = nil
            $0.order = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipRefused(slipNo: "LW-SPR-2-S000001", .expired(at: expired))
        }
        assertToldTheSlipExpired(s)
    }

    /// A card presented for a slip voided meanwhile is never sent to the acquirer.
    func testACardForASlipVoidedMeanwhileIsNeverCharged() {
        var s = scanned()
        s.choosePayment(.payByCard)
        s.send(.tap(.presentCard("visa-ok")), [.journal(txnId: s.txnId, [start(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111")])]) {
            $0.order?.card = CardOnFile(brand: "Visa", last4: "1111", authCode: nil)
            $0.screen = .processing(.authorisingCard)
            $0.awaiting = .cardIntent(pan: "4111111111111111", expiry: "12/30")
        }
        s.send(.slipRefused(slipNo: "LW-SPR-2-S000001", .voided), []) {
            $0.awaiting = nil
            $0.order = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipRefused(slipNo: "LW-SPR-2-S000001", .voided)
        }
        XCTAssertEqual(s.state.notice?.description, "Slip LW-SPR-2-S000001 was voided and cannot be paid.")
    }

    /// A refusal that answers no slip's first commit is a broken ledger rule: out of service.
    func testASlipRefusalAfterTheMoneyIsKeptIsALedgerFailure() {
        var s = scanned()
        s.choosePayment(.payByCash)
        s.insertKept(1000)
        s.send(.tap(.insertCash(1000)), [.journal(txnId: s.txnId, [.cashIn(denomination: 1000)])]) {
            $0.awaiting = .cashIn(denomination: 1000, covers: false)
        }
        s.send(.slipRefused(slipNo: "LW-SPR-2-S000001", .alreadyPaid), [.rejectCash(1000)]) {
            $0.awaiting = nil
            $0.screen = .outOfService(reason: "The ledger cannot be written. Slip LW-SPR-2-S000001 is already paid.", held: 1000)
            $0.machine?.status.inService = false
        }
    }

    func testTheClerkVoidsASlipNobodyPays() {
        var s = scanned()
        s.send(.tap(.voidSlip), [.journal(txnId: nil, [.slipVoided(slipNo: "LW-SPR-2-S000001")])]) {
            $0.screen = .processing(.printing)
            $0.awaiting = .slipVoid(slipNo: "LW-SPR-2-S000001")
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.order = nil
            $0.screen = .registerScan(typed: "")
            $0.notice = .slipVoided("LW-SPR-2-S000001")
        }
    }

    func testTheRegisterNeverTimesOutOnTheClerk() {
        var s = scanned()
        s.send(.tick(Sample.noon.addingTimeInterval(3600)), []) { $0.now = Sample.noon.addingTimeInterval(3600) }
    }

    func testAMachineHasNoVoidButton() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCash)
        s.send(.tap(.back), []) { $0.screen = .choosePayment }
        // Not a register: the void changes nothing.
        s.send(.tap(.voidSlip), [])
    }

    /// The clerk is told the slip expired, and when, on the screen too.
    private func assertToldTheSlipExpired(_ s: Story, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(s.state.notice?.description,
                       "Slip LW-SPR-2-S000001 expired at 11:59 JST; the customer can print a new one at the machine.", file: file, line: line)
        let text = ScreenRenderer.frame(for: s.state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("11:59"), text, file: file, line: line)
    }
}
