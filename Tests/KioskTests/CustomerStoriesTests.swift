import XCTest
@testable import Kiosk
import Ledger

/// One customer story per rule of the machine (DESIGN §4).
final class CustomerStoriesTests: XCTestCase {
    func testInsertFiveThousandForTwoNineEightyGivesTwoThousandTwentyChange() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        XCTAssertEqual(s.state.screen, .payingCash)
        let kept = s.send(.tap(.insertCash(5000)))
        XCTAssertEqual(kept, [.journal(txnId: "FM-SBY-1-000001", [
            .begin(TransactionStart(id: "FM-SBY-1-000001", storeId: "fm-shibuya-center", terminalId: "FM-SBY-1",
                                    businessDate: "2026-11-25", simNumber: "09012345678", carrierId: "docomo",
                                    planId: "docomo-3g-30", amountYen: 2980, taxYen: 270, paymentMethod: .cash,
                                    language: "en")),
            .cashIn(denomination: 5000),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])])
        // The host is asked only once the ledger holds the money.
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.topUp(txnId: s.txnId, sim: .mobile("09012345678"), planId: "docomo-3g-30")])
        let change: CashPieces = [1000: 2, 10: 2]
        XCTAssertEqual(s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06"))),
                       [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2027-01-06"), .changeDue(pieces: change)])])
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.dispenseChange(change)])
        XCTAssertEqual(s.send(.changeDispensed), [.journal(txnId: s.txnId, [.changeDispensed(pieces: change), .completed])])
        XCTAssertEqual(s.send(.journaled(receiptNo: 1)), [.print(txnId: s.txnId)])
        guard case .done(let done) = s.state.screen else { return XCTFail("not done: \(s.state.screen)") }
        XCTAssertEqual(done.change, Yen(2020))
        XCTAssertEqual(done.receiptNo, 1)
        XCTAssertEqual(done.newExpiry, "2027-01-06")
    }

    func testPaperRunningOutAtOneSaleWarnsTheNextCustomerBeforePaying() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        XCTAssertNil(s.state.notice)
        s.insertKept(1000)
        s.send(.topUpAnswered(.applied(newExpiry: "2026-12-14")))
        s.send(.journaled(receiptNo: nil))
        s.send(.changeDispensed)
        XCTAssertEqual(s.send(.journaled(receiptNo: 1)), [.print(txnId: s.txnId)])
        s.send(.printFailed(.outOfPaper))
        guard case .done(let done) = s.state.screen else { return XCTFail("not done: \(s.state.screen)") }
        XCTAssertEqual(done.printProblem, PrinterFault.outOfPaper.description)
        s.send(.tap(.finish))
        s.reachPayment(plan: "docomo-1g-7")
        XCTAssertEqual(s.state.notice, .noPaper)
    }

    func testCancelWithThreeThousandInsertedReturnsThreeThousand() {
        var s = Story()
        s.reachPayment(plan: "docomo-10g-30")
        for _ in 0..<3 { s.insertKept(1000) }
        XCTAssertEqual(s.state.order?.paid, Yen(3000))
        XCTAssertEqual(s.send(.tap(.cancel)), [.journal(txnId: s.txnId, [.cashReturnDue(pieces: [1000: 3])])])
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.giveBack([1000: 3])])
        XCTAssertEqual(s.send(.cashGivenBack),
                       [.journal(txnId: s.txnId, [.cashReturned(pieces: [1000: 3]), .cancelled(reason: .cancelledByCustomer)])])
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.state.screen, .cancelled(returned: Yen(3000)))
        XCTAssertEqual(s.state.machine?.status.inventory[1000], 40)
    }

    func testTenThousandBillIsReturnedBeforeItIsKeptWhenChangeCannotBeMade() {
        // No ¥5,000 bills, six ¥1,000 and few coins: ¥7,020 change is impossible.
        var s = Story(inventory: [10: 5, 100: 4, 500: 1, 1000: 6])
        s.reachPayment(plan: "docomo-3g-30")
        XCTAssertEqual(s.send(.tap(.insertCash(10000))), [.rejectCash(10000)])
        XCTAssertEqual(s.state.notice, .cannotMakeChange(10000))
        XCTAssertEqual(s.state.order?.paid, .zero)
        XCTAssertEqual(s.state.screen, .payingCash)
        // With two ¥500 coins more it can: 6×¥1,000 + 2×¥500 + 2×¥10.
        s.state.machine?.status.inventory[500] = 3
        XCTAssertEqual(s.send(.tap(.insertCash(10000))).count, 1)
        XCTAssertEqual(s.state.awaiting, .cashIn(denomination: 10000, covers: true))
    }

    func testCoinsTheMachineDoesNotTakeComeStraightBack() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        for d in [1, 5, 2000] {
            XCTAssertEqual(s.send(.cashInserted(d)), [.rejectCash(d)])
            XCTAssertEqual(s.state.notice, .cashNotAccepted(d))
        }
    }

    func testHostTimeOutAfterPaymentIsAskedAgainThenRefunded() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(1000); s.insertKept(1000)
        XCTAssertEqual(s.insertKept(1000), [.topUp(txnId: s.txnId, sim: .mobile("09012345678"), planId: "docomo-3g-30")])
        XCTAssertEqual(s.send(.topUpAnswered(.timedOut)), [.askTopUp(txnId: s.txnId)])
        XCTAssertEqual(s.send(.topUpStatus(newExpiry: nil)),
                       [.journal(txnId: s.txnId, [.topUpFailed(reason: .carrierSilent), .cashReturnDue(pieces: [1000: 3])])])
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.giveBack([1000: 3])])
        XCTAssertEqual(s.send(.cashGivenBack), [.journal(txnId: s.txnId, [
            .cashReturned(pieces: [1000: 3]), .refunded(reason: .carrierSilent)])])
        XCTAssertEqual(s.send(.journaled(receiptNo: 1)), [.print(txnId: s.txnId)])
        guard case .refund(let r) = s.state.screen else { return XCTFail("\(s.state.screen)") }
        XCTAssertEqual(r.returned, Yen(3000))
        XCTAssertEqual(r.due, .zero)
    }

    func testHostTimeOutWhoseTopUpWasAppliedCompletesTheSale() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(1000)
        s.send(.topUpAnswered(.timedOut))
        XCTAssertEqual(s.send(.topUpStatus(newExpiry: "2026-12-14")),
                       [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2026-12-14"), .changeDue(pieces: [10: 2])])])
    }

    func testRefundThatCannotBePaidOutBecomesARefundDue() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(5000)
        s.send(.topUpAnswered(.failed(.carrierError)))
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.send(.cashJammed), [.journal(txnId: s.txnId, [
            .refundDue(yen: 5000, reason: .carrierError)])])
        XCTAssertEqual(s.send(.journaled(receiptNo: 1)), [.print(txnId: s.txnId)])
        guard case .refund(let r) = s.state.screen else { return XCTFail("\(s.state.screen)") }
        XCTAssertEqual(r.due, Yen(5000))
    }

    func testCardDeclineGoesBackToPaymentChoiceWithTheReason() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        XCTAssertEqual(s.state.screen, .payingCard)
        let intent = s.send(.tap(.presentCard("visa-no-funds")))
        XCTAssertEqual(intent.count, 1)
        guard case .journal(_, let steps) = intent[0] else { return XCTFail() }
        XCTAssertEqual(steps.last, .cardAuthorisationRequested(brand: "Visa", last4: "9995"))
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)),
                       [.authoriseCard(pan: "4000000000009995", expiry: "12/30", amount: Yen(2980), txnId: s.txnId)])
        s.send(.cardAnswered(.declined(.insufficientFunds)))
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.state.screen, .choosePayment)
        XCTAssertEqual(s.state.notice, .cardDeclined(.insufficientFunds))
        // Paying again is a new transaction.
        s.send(.tap(.payByCash))
        XCTAssertEqual(s.txnId, "FM-SBY-1-000002")
    }

    func testCardSaleCapturesOnlyAfterTheTopUp() {
        var s = Story()
        s.reachPayment(plan: "au-5g-30", method: .payByCard)
        s.send(.tap(.presentCard("jcb-ok")))
        s.send(.journaled(receiptNo: nil))
        let code = SimulatedAcquirer.authCode(s.txnId)
        XCTAssertEqual(s.send(.cardAnswered(.approved(authCode: code))), [.journal(txnId: s.txnId, [
            .cardAuthorised(brand: "JCB", last4: "0000", authCode: code),
            .topUpRequested(simNumber: "09012345678", planId: "au-5g-30")])])
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06"))),
                       [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2027-01-06")])])
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.captureCard(authCode: code, txnId: s.txnId)])
        XCTAssertEqual(s.send(.cardCaptured), [.journal(txnId: s.txnId, [.cardCaptured(authCode: code), .completed])])
    }

    func testCardTopUpFailureVoidsTheAuthorisation() {
        var s = Story()
        s.reachPayment(plan: "au-5g-30", method: .payByCard)
        s.send(.tap(.presentCard("visa-ok")))
        s.send(.journaled(receiptNo: nil))
        s.send(.cardAnswered(.approved(authCode: "123456")))
        s.send(.journaled(receiptNo: nil))
        s.send(.topUpAnswered(.failed(.carrierRefused)))
        XCTAssertEqual(s.send(.journaled(receiptNo: nil)), [.voidCard(authCode: "123456", txnId: s.txnId)])
        XCTAssertEqual(s.send(.cardVoided), [.journal(txnId: s.txnId, [.cardVoided(authCode: "123456"),
                                                                        .refunded(reason: .carrierRefused)])])
        s.send(.journaled(receiptNo: 1))
        guard case .refund(let outcome) = s.state.screen else { return XCTFail("not on the refund screen") }
        XCTAssertEqual(outcome.why, .carrierRefused)
        XCTAssertEqual(outcome.returned, Yen(3280))
    }

    func testInactivityReturnsTheCashAndGoesBackToTheAttractScreen() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(1000)
        XCTAssertNil(s.state.countdown)
        XCTAssertEqual(s.send(.tick(Sample.noon.addingTimeInterval(52))), [])
        XCTAssertEqual(s.state.countdown, 8)
        XCTAssertEqual(s.send(.tick(Sample.noon.addingTimeInterval(61))),
                       [.journal(txnId: s.txnId, [.cashReturnDue(pieces: [1000: 1])])])
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.send(.cashGivenBack), [.journal(txnId: s.txnId, [.cashReturned(pieces: [1000: 1]), .cancelled(reason: .timedOut)])])
        s.send(.journaled(receiptNo: nil))
        XCTAssertEqual(s.state.screen, .cancelled(returned: Yen(1000)))
        s.send(.tap(.finish))
        XCTAssertEqual(s.state.screen, .attract)
    }

    func testInactivityWithoutMoneyGoesStraightBackAndResetsTheLanguage() {
        var s = Story()
        s.send(.tap(.language(.ja)))
        s.send(.tap(.start))
        s.send(.key(.char("0")))
        s.send(.tick(Sample.noon.addingTimeInterval(60)))
        XCTAssertEqual(s.state.screen, .attract)
        XCTAssertEqual(s.state.language, .en)
    }

    func testTheSameTopUpAnsweredTwiceIsCreditedOnce() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(500); s.insertKept(500)
        let first = s.send(.topUpAnswered(.applied(newExpiry: "2026-12-14")))
        XCTAssertEqual(first.count, 1)
        XCTAssertEqual(s.send(.topUpAnswered(.applied(newExpiry: "2026-12-14"))), [])
    }

    func testLedgerFailureWhileKeepingABillPushesItBack() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(1000)
        s.send(.tap(.insertCash(1000)))
        XCTAssertEqual(s.send(.ledgerFailed("disk full")), [.rejectCash(1000)])
        guard case .outOfService(let why, let held) = s.state.screen else { return XCTFail() }
        XCTAssertTrue(why.contains("disk full"), why)
        XCTAssertEqual(held, Yen(1000))
        // An out-of-service machine takes no money.
        XCTAssertEqual(s.send(.cashInserted(1000)), [.rejectCash(1000)])
    }

    func testBackFromEveryCustomerScreenWithoutMoney() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        XCTAssertEqual(s.state.screen, .payingCash)
        let expected: [Screen] = [.choosePayment, .choosePlan, .accountFound, .enterNumber(digits: "09012345678"), .attract]
        for screen in expected {
            s.send(.key(.escape))
            XCTAssertEqual(s.state.screen, screen)
        }
    }

    func testARefusedNumberSaysWhy() {
        var s = Story()
        s.send(.tap(.start))
        for ch in "0901234567" { s.send(.key(.char(ch))) }
        XCTAssertEqual(s.send(.key(.enter)), [])
        XCTAssertEqual(s.state.notice, .simRejected(.tooShort(missing: 1)))
        XCTAssertEqual(s.state.notice?.description, "One digit too few.")
        s.send(.key(.char("8")))
        XCTAssertEqual(s.send(.key(.enter)), [.lookUpAccount(.mobile("09012345678"))])
        s.send(.accountLookedUp(.refused(.postpaid)))
        XCTAssertEqual(s.state.screen, .enterNumber(digits: "09012345678"))
        XCTAssertEqual(s.state.notice, .accountRefused(.postpaid))
    }

    func testTheDoneScreenTimesOutWithoutTouchingTheMoney() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(1000)
        s.send(.topUpAnswered(.applied(newExpiry: "2026-12-14")))
        s.send(.journaled(receiptNo: nil))
        s.send(.changeDispensed)
        s.send(.journaled(receiptNo: 1))
        s.send(.printed(files: ["r.txt"]))
        XCTAssertEqual(s.state.screen.name, "done")
        XCTAssertEqual(s.send(.tick(Sample.noon.addingTimeInterval(120))), [])
        XCTAssertEqual(s.state.screen, .attract)
        XCTAssertEqual(s.send(.shutdown), [])
    }
}
