import XCTest
@testable import Kiosk
import Ledger

/// One customer story per rule of the machine (DESIGN §4). Each step states the effects that
/// follow and exactly how the machine's state changes.
final class CustomerStoriesTests: XCTestCase {
    private let sim = SIMNumber.mobile("09012345678")

    private func start(_ plan: String, method: PaymentMethod = .cash, amount: Int, tax: Int) -> Step {
        .begin(TransactionStart(id: "FM-SBY-1-000001", storeId: "fm-shibuya-center", terminalId: "FM-SBY-1",
                                businessDate: "2026-11-25", simNumber: "09012345678", carrierId: Sample.catalogue.plan(plan)!.carrierId,
                                planId: plan, amountYen: amount, taxYen: tax, paymentMethod: method, language: "en"))
    }

    func testInsertFiveThousandForTwoNineEightyGivesTwoThousandTwentyChange() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        XCTAssertEqual(s.state.screen, .payingCash)
        let txn = s.txnId
        s.send(.tap(.insertCash(5000)), [.journal(txnId: txn, [
            start("docomo-3g-30", amount: 2980, tax: 270), .cashIn(denomination: 5000),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.awaiting = .cashIn(denomination: 5000, covers: true)
        }
        // The host is asked only once the ledger holds the money.
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
        s.send(.printed(files: ["000001.txt"]), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
            $0.screen = .done(Completion(txnId: txn, receiptNo: 1, newExpiry: "2027-01-06", change: Yen(2020), changeDue: .zero,
                                         receiptFiles: ["000001.txt"], printProblem: nil))
        }
    }

    func testPaperRunningOutAtOneSaleWarnsTheNextCustomerBeforePaying() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        XCTAssertNil(s.state.notice)
        s.insertKept(1000, covers: true)
        s.completeWithChange([10: 2], newExpiry: "2026-12-14", receiptNo: 1)
        s.send(.printFailed(.outOfPaper), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets = 0
            guard case .done(var done) = $0.screen else { return }
            done.printProblem = PrinterFault.outOfPaper.description
            $0.screen = .done(done)
        }
        s.finish()
        // The notice is stated by each step from the plan on.
        s.reachPayment(plan: "docomo-1g-7", notice: .noPaper)
        XCTAssertEqual(s.state.notice, .noPaper)
    }

    func testCancelWithThreeThousandInsertedReturnsThreeThousand() {
        var s = Story()
        s.reachPayment(plan: "docomo-10g-30")
        for _ in 0..<3 { s.insertKept(1000) }
        XCTAssertEqual(s.state.order?.paid, Yen(3000))
        s.send(.tap(.cancel), [.journal(txnId: s.txnId, [.cashReturnDue(pieces: [1000: 3])])]) {
            $0.awaiting = .returnIntent(.cancel(.cancelledByCustomer))
            $0.screen = .processing(.returningCash)
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 3])]) {
            $0.awaiting = .cashBack(.cancel(.cancelledByCustomer))
        }
        s.send(.cashGivenBack, [.journal(txnId: s.txnId, [.cashReturned(pieces: [1000: 3]), .cancelled(reason: .cancelledByCustomer)])]) {
            $0.machine?.status.inventory[1000] -= 3
            $0.awaiting = .closing(.cancelled(.cancelledByCustomer))
        }
        // The cash came back, so a refund slip says so.
        s.send(.journaled(receiptNo: nil), [.print(txnId: s.txnId)]) {
            $0.screen = .cancelled(returned: Yen(3000))
            $0.awaiting = .receipt
        }
        XCTAssertEqual(s.state.machine?.status.inventory[1000], 40)
        s.send(.printed(files: ["slip"]), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
        }
    }

    func testTenThousandBillIsReturnedBeforeItIsKeptWhenChangeCannotBeMade() {
        // No ¥5,000 bills, six ¥1,000 and few coins: ¥7,020 change is impossible.
        var s = Story(inventory: [10: 5, 100: 4, 500: 1, 1000: 6])
        s.reachPayment(plan: "docomo-3g-30")
        s.send(.tap(.insertCash(10000)), [.rejectCash(10000)]) { $0.notice = .cannotMakeChange(10000) }
        // With two ¥500 coins more it can: 6×¥1,000 + 2×¥500 + 2×¥10.
        s.state.machine?.status.inventory[500] = 3
        s.send(.tap(.insertCash(10000)), [.journal(txnId: s.txnId, [
            s.begin, .cashIn(denomination: 10000), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.awaiting = .cashIn(denomination: 10000, covers: true)
            $0.notice = nil
        }
    }

    func testCoinsTheMachineDoesNotTakeComeStraightBack() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        for d in [1, 5, 2000] {
            s.send(.cashInserted(d), [.rejectCash(d)]) { $0.notice = .cashNotAccepted(d) }
        }
    }

    func testHostTimeOutAfterPaymentIsAskedAgainThenRefunded() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        let txn = s.state.order?.txnId ?? ""
        s.insertKept(1000); s.insertKept(1000)
        s.insertKept(1000, covers: true)
        s.send(.topUpAnswered(.timedOut), [.askTopUp(txnId: txn)]) { $0.awaiting = .topUpStatus }
        s.send(.topUpStatus(newExpiry: nil),
               [.journal(txnId: txn, [.topUpFailed(reason: .carrierSilent), .cashReturnDue(pieces: [1000: 3])])]) {
            $0.awaiting = .returnIntent(.refund(.carrierSilent))
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 3])]) {
            $0.awaiting = .cashBack(.refund(.carrierSilent))
            $0.screen = .processing(.returningCash)
        }
        s.send(.cashGivenBack, [.journal(txnId: txn, [.cashReturned(pieces: [1000: 3]), .refunded(reason: .carrierSilent)])]) {
            $0.machine?.status.inventory[1000] -= 3
            $0.awaiting = .closing(.refunded(.carrierSilent))
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: Yen(3000), due: .zero, why: .carrierSilent, slipFiles: []))
            $0.awaiting = .receipt
        }
    }

    func testHostTimeOutWhoseTopUpWasAppliedCompletesTheSale() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(1000, covers: true)
        s.send(.topUpAnswered(.timedOut), [.askTopUp(txnId: s.txnId)]) { $0.awaiting = .topUpStatus }
        s.send(.topUpStatus(newExpiry: "2026-12-14"),
               [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2026-12-14"), .changeDue(pieces: [10: 2])])]) {
            $0.order?.newExpiry = "2026-12-14"
            $0.order?.change = [10: 2]
            $0.awaiting = .changeIntent
        }
    }

    func testRefundThatCannotBePaidOutBecomesARefundDue() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        let txn = s.state.order?.txnId ?? ""
        s.insertKept(5000, covers: true)
        s.send(.topUpAnswered(.failed(.carrierError)),
               [.journal(txnId: txn, [.topUpFailed(reason: .carrierError), .cashReturnDue(pieces: [5000: 1])])]) {
            $0.awaiting = .returnIntent(.refund(.carrierError))
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([5000: 1])]) {
            $0.awaiting = .cashBack(.refund(.carrierError))
            $0.screen = .processing(.returningCash)
        }
        s.send(.cashJammed, [.journal(txnId: txn, [.refundDue(yen: 5000, reason: .carrierError)])]) {
            $0.awaiting = .closing(.refundDue(Yen(5000), .carrierError))
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: .zero, due: Yen(5000), why: .carrierError, slipFiles: []))
            $0.machine?.status.refundsOwed = [RefundOwed(txnId: txn, yen: Yen(5000))]
            $0.awaiting = .receipt
        }
    }

    func testCardDeclineGoesBackToPaymentChoiceWithTheReason() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        XCTAssertEqual(s.state.screen, .payingCard)
        let txn = s.txnId
        s.send(.tap(.presentCard("visa-no-funds")), [.journal(txnId: txn, [
            start("docomo-3g-30", method: .card, amount: 2980, tax: 270), .cardAuthorisationRequested(brand: "Visa", last4: "9995")])]) {
            $0.order?.card = CardOnFile(brand: "Visa", last4: "9995", authCode: nil)
            $0.awaiting = .cardIntent(pan: "4000000000009995", expiry: "12/30")
            $0.screen = .processing(.authorisingCard)
        }
        s.send(.journaled(receiptNo: nil), [.authoriseCard(pan: "4000000000009995", expiry: "12/30", amount: Yen(2980), txnId: txn)]) {
            $0.order?.begun = true
            $0.awaiting = .cardAnswer
        }
        s.send(.cardAnswered(.declined(.insufficientFunds)),
               [.journal(txnId: txn, [.cardDeclined(reason: "insufficient_funds"), .failed(reason: .cardDeclined)])]) {
            $0.notice = .cardDeclined(.insufficientFunds)
            $0.awaiting = .attemptFailed()
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.order?.txnId = nil
            $0.order?.card = nil
            $0.order?.begun = false
            $0.screen = .choosePayment
        }
        // Paying again is a new transaction.
        s.choosePayment(.payByCash)
        XCTAssertEqual(s.txnId, "FM-SBY-1-000002")
    }

    func testACardWithNoAnswerIsReversedBeforeTheAttemptIsClosed() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        s.authoriseCard("visa-timeout", brand: "Visa")
        s.send(.cardAnswered(.timedOut), [.journal(txnId: s.txnId, [.cardDeclined(reason: "timeout")])]) {
            $0.notice = .cardTimedOut
            $0.awaiting = .reversalIntent
        }
        s.send(.journaled(receiptNo: nil), [.voidCard(authCode: "", txnId: s.txnId)]) { $0.awaiting = .reversal }
        s.send(.cardVoided, [.journal(txnId: s.txnId, [.failed(reason: .cardTimedOut)])]) { $0.awaiting = .attemptFailed() }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.order?.txnId = nil
            $0.order?.card = nil
            $0.order?.begun = false
            $0.screen = .choosePayment
        }
    }

    func testCardSaleCapturesOnlyAfterTheTopUp() {
        var s = Story()
        s.reachPayment(plan: "au-5g-30", method: .payByCard)
        s.authoriseCard("jcb-ok", brand: "JCB")
        let code = SimulatedAcquirer.authCode(s.txnId)
        s.send(.cardAnswered(.approved(authCode: code)), [.journal(txnId: s.txnId, [
            .cardAuthorised(brand: "JCB", last4: "0000", authCode: code),
            .topUpRequested(simNumber: "09012345678", planId: "au-5g-30")])]) {
            $0.order?.card?.authCode = code
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }
        s.send(.journaled(receiptNo: nil), [.topUp(txnId: s.txnId, sim: sim, planId: "au-5g-30")]) { $0.awaiting = .topUpAnswer }
        s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06")), [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2027-01-06")])]) {
            $0.order?.newExpiry = "2027-01-06"
            $0.awaiting = .captureIntent
        }
        s.send(.journaled(receiptNo: nil), [.captureCard(authCode: code, txnId: s.txnId)]) { $0.awaiting = .capture }
        s.send(.cardCaptured, [.journal(txnId: s.txnId, [.cardCaptured(authCode: code), .completed])]) {
            $0.awaiting = .closing(.completed)
        }
    }

    func testCardTopUpFailureVoidsTheAuthorisation() {
        var s = Story()
        s.reachPayment(plan: "au-5g-30", method: .payByCard)
        let txn = s.state.order?.txnId ?? ""
        s.authoriseCard("visa-ok", brand: "Visa")
        s.cardApproved("123456")
        s.send(.topUpAnswered(.failed(.carrierRefused)), [.journal(txnId: txn, [.topUpFailed(reason: .carrierRefused)])]) {
            $0.awaiting = .voidIntent(reason: .carrierRefused)
        }
        s.send(.journaled(receiptNo: nil), [.voidCard(authCode: "123456", txnId: txn)]) {
            $0.awaiting = .void(reason: .carrierRefused)
            $0.screen = .processing(.voidingCard)
        }
        s.send(.cardVoided, [.journal(txnId: txn, [.cardVoided(authCode: "123456"), .refunded(reason: .carrierRefused)])]) {
            $0.awaiting = .closing(.refunded(.carrierRefused))
        }
        s.send(.journaled(receiptNo: 1), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: Yen(3280), due: .zero, why: .carrierRefused, slipFiles: []))
            $0.awaiting = .receipt
        }
    }

    func testInactivityReturnsTheCashAndGoesBackToTheAttractScreen() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(1000)
        XCTAssertNil(s.state.countdown)
        let almost = Sample.noon.addingTimeInterval(52), over = Sample.noon.addingTimeInterval(61)
        s.send(.tick(almost), []) { $0.now = almost }
        XCTAssertEqual(s.state.countdown, 8)
        s.send(.tick(over), [.journal(txnId: s.txnId, [.cashReturnDue(pieces: [1000: 1])])]) {
            $0.now = over
            $0.lastActivity = over
            $0.awaiting = .returnIntent(.cancel(.timedOut))
            $0.screen = .processing(.returningCash)
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 1])]) { $0.awaiting = .cashBack(.cancel(.timedOut)) }
        s.send(.cashGivenBack, [.journal(txnId: s.txnId, [.cashReturned(pieces: [1000: 1]), .cancelled(reason: .timedOut)])]) {
            $0.machine?.status.inventory[1000] -= 1
            $0.awaiting = .closing(.cancelled(.timedOut))
        }
        // The customer walked away: the slip prints, then the next customer's start screen.
        s.send(.journaled(receiptNo: nil), [.print(txnId: s.txnId)]) {
            $0.screen = .processing(.printing)
            $0.awaiting = .receipt
        }
        s.send(.printed(files: ["slip"]), []) {
            $0.screen = .attract
            $0.awaiting = nil
            $0.order = nil
            $0.machine?.status.paperSheets -= 1
        }
    }

    func testInactivityWithoutMoneyGoesStraightBackAndResetsTheLanguage() {
        var s = Story()
        s.send(.tap(.language(.ja)), []) { $0.language = .ja }
        s.send(.tap(.start), []) { $0.screen = .enterNumber(digits: "") }
        s.typeNumber("0")
        let later = Sample.noon.addingTimeInterval(60)
        s.send(.tick(later), []) {
            $0.now = later
            $0.lastActivity = later
            $0.screen = .attract
            $0.language = .en
        }
    }

    func testTheSameTopUpAnsweredTwiceIsCreditedOnce() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(500); s.insertKept(500, covers: true)
        s.send(.topUpAnswered(.applied(newExpiry: "2026-12-14")),
               [.journal(txnId: s.txnId, [.topUpApplied(newExpiry: "2026-12-14"), .changeDue(pieces: [10: 2])])]) {
            $0.order?.newExpiry = "2026-12-14"
            $0.order?.change = [10: 2]
            $0.awaiting = .changeIntent
        }
        s.sendUnexpected(.topUpAnswered(.applied(newExpiry: "2026-12-14")))
    }

    func testLedgerFailureWhileKeepingABillPushesItBack() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        s.insertKept(1000)
        s.send(.tap(.insertCash(1000)), [.journal(txnId: s.txnId, [.cashIn(denomination: 1000)])]) {
            $0.awaiting = .cashIn(denomination: 1000, covers: false)
        }
        s.send(.ledgerFailed("disk full"), [.rejectCash(1000)]) {
            $0.awaiting = nil
            $0.screen = .outOfService(reason: "The ledger cannot be written. Disk full.", held: Yen(1000))
            $0.machine?.status.inService = false
        }
        // An out-of-service machine takes no money.
        s.send(.cashInserted(1000), [.rejectCash(1000)])
    }

    func testBackFromEveryCustomerScreenWithoutMoney() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        XCTAssertEqual(s.state.screen, .payingCash)
        s.send(.key(.escape), []) { $0.screen = .choosePayment }
        s.send(.key(.escape), []) { $0.screen = .choosePlan }
        s.send(.key(.escape), []) { $0.screen = .accountFound }
        // Back from the account found forgets the account; the number stays to correct.
        s.send(.key(.escape), []) {
            $0.screen = .enterNumber(digits: "09012345678")
            $0.order = nil
        }
        s.finish(.key(.escape))
        XCTAssertEqual(s.state.screen, .attract)
    }

    func testARefusedNumberSaysWhy() {
        var s = Story()
        s.send(.tap(.start), []) { $0.screen = .enterNumber(digits: "") }
        s.typeNumber("0901234567")
        s.send(.key(.enter), []) { $0.notice = .simRejected(.tooShort(missing: 1)) }
        XCTAssertEqual(s.state.notice?.description, "One digit too few.")
        s.typeNumber("8")
        s.confirmNumber(sim, key: .key(.enter))
        s.send(.accountLookedUp(.refused(.postpaid)), []) {
            $0.awaiting = nil
            $0.order = nil
            $0.notice = .accountRefused(.postpaid)
            $0.screen = .enterNumber(digits: "09012345678")
        }
    }

    func testANumberTypedInItsInternationalFormIsLookedUp() {
        for typed in ["+819012345678", "00819012345678"] {
            var s = Story()
            // A key on the start screen starts the number with it.
            s.send(.key(.char(typed.first!)), []) { $0.screen = .enterNumber(digits: String(typed.first!)) }
            s.typeNumber(String(typed.dropFirst()))
            s.confirmNumber(.mobile("09012345678"), key: .key(.enter))
        }
        // A plus sign only starts a number.
        var s = Story()
        s.send(.key(.char("0")), []) { $0.screen = .enterNumber(digits: "0") }
        s.typeNumber("90")
        s.send(.key(.char("+")), [])
        XCTAssertEqual(s.state.screen, .enterNumber(digits: "090"))
    }

    func testTheDoneScreenTimesOutWithoutTouchingTheMoney() {
        var s = Story()
        s.reachPayment(plan: "docomo-1g-7")
        s.insertKept(1000, covers: true)
        s.completeWithChange([10: 2], newExpiry: "2026-12-14", receiptNo: 1)
        s.send(.printed(files: ["r.txt"]), []) {
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
            $0.screen = .done(Completion(txnId: "FM-SBY-1-000001", receiptNo: 1, newExpiry: "2026-12-14", change: Yen(20),
                                         changeDue: .zero, receiptFiles: ["r.txt"], printProblem: nil))
        }
        XCTAssertEqual(s.state.screen.name, "done")
        let later = Sample.noon.addingTimeInterval(120)
        s.send(.tick(later), []) {
            $0.now = later
            $0.lastActivity = later
            $0.screen = .attract
            $0.order = nil
        }
        s.send(.shutdown, [])
    }
}
