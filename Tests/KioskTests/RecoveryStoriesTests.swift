import XCTest
@testable import Kiosk
import Ledger

/// Sales a stopped process left open, rebuilt from their journals and carried on by the
/// reducer: the same rules as a live sale, told without a database.
final class RecoveryStoriesTests: XCTestCase {
    private let txn = "FM-SBY-1-000003"
    private let sim = SIMNumber.mobile("09012345678")

    private func begin(_ method: PaymentMethod = .cash, plan: String = "docomo-3g-30", amount: Int = 2980, language: String = "ja") -> Step {
        .begin(TransactionStart(id: txn, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", businessDate: "2026-11-25",
                                simNumber: "09012345678", carrierId: Sample.catalogue.plan(plan)!.carrierId, planId: plan,
                                amountYen: amount, taxYen: amount * 10 / 110, paymentMethod: method, language: language))
    }

    func testCashHeldWithNothingAskedGoesBack() throws {
        var s = try Story(resuming: [begin(), .cashIn(denomination: 1000), .cashIn(denomination: 500)])
        XCTAssertEqual(s.state.language, .ja, "the customer's language, for the slip")
        XCTAssertEqual(s.state.order?.inserted, [1000: 1, 500: 1])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "cash_held")])])
        s.send(.journaled(receiptNo: nil), [.journal(txnId: txn, [.cashReturnDue(pieces: [1000: 1, 500: 1])])]) {
            $0.awaiting = .returnIntent(.refund(.interrupted))
            $0.screen = .processing(.returningCash)
        }
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 1, 500: 1])]) { $0.awaiting = .cashBack(.refund(.interrupted)) }
        s.send(.cashGivenBack, [.journal(txnId: txn, [.cashReturned(pieces: [1000: 1, 500: 1]), .refunded(reason: .interrupted)])]) {
            $0.machine?.status.inventory.add([1000: 1, 500: 1], sign: -1)
            $0.awaiting = .closing(.refunded(.interrupted))
        }
        s.send(.journaled(receiptNo: 7), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: self.txn, returned: Yen(1500), due: .zero, why: .interrupted, slipFiles: []))
            $0.awaiting = .receipt
        }
    }

    func testATopUpWithNoAnswerIsAskedForByTransactionIdAndCompletes() throws {
        var s = try Story(resuming: [begin(), .cashIn(denomination: 5000), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "top_up_unanswered")])])
        // The answer was lost with the process, as in a live time-out: ask, never top up again.
        s.send(.journaled(receiptNo: nil), [.askTopUp(txnId: txn)]) { $0.awaiting = .topUpStatus }
        s.send(.topUpStatus(newExpiry: "2027-01-06"),
               [.journal(txnId: txn, [.topUpApplied(newExpiry: "2027-01-06"), .changeDue(pieces: [1000: 2, 10: 2])])]) {
            $0.order?.newExpiry = "2027-01-06"
            $0.order?.change = [1000: 2, 10: 2]
            $0.awaiting = .changeIntent
        }
        s.send(.journaled(receiptNo: nil), [.dispenseChange([1000: 2, 10: 2])]) {
            $0.awaiting = .change
            $0.screen = .processing(.dispensingChange)
        }
    }

    func testATopUpTheCarrierNeverAppliedIsRefunded() throws {
        var s = try Story(resuming: [begin(), .cashIn(denomination: 1000), .cashIn(denomination: 1000), .cashIn(denomination: 1000),
                                     .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "top_up_unanswered")])])
        s.send(.journaled(receiptNo: nil), [.askTopUp(txnId: txn)]) { $0.awaiting = .topUpStatus }
        s.send(.topUpStatus(newExpiry: nil), [.journal(txnId: txn, [.topUpFailed(reason: .carrierSilent), .cashReturnDue(pieces: [1000: 3])])]) {
            $0.awaiting = .returnIntent(.refund(.carrierSilent))
        }
    }

    func testChangeDueIsPaidAgainFromWhatTheUnitHolds() throws {
        let journal: [Step] = [begin(), .cashIn(denomination: 5000), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"),
                               .topUpApplied(newExpiry: "2027-01-06"), .changeDue(pieces: [1000: 2, 10: 2])]
        var s = try Story(resuming: journal)
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "change_unpaid")])])
        s.send(.journaled(receiptNo: nil), [.dispenseChange([1000: 2, 10: 2])]) {
            $0.awaiting = .change
            $0.screen = .processing(.dispensingChange)
        }

        // Staff took the ¥1,000 bills out before the restart: the change is made again.
        var emptied = try Story(resuming: journal, inventory: [10: 100, 500: 10])
        emptied.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "change_unpaid")])])
        emptied.send(.journaled(receiptNo: nil), [.journal(txnId: txn, [.changeDue(pieces: [500: 4, 10: 2])])]) {
            $0.order?.change = [500: 4, 10: 2]
            $0.awaiting = .changeIntent
        }

        // Nothing left to make it from: the change is owed, with a slip.
        var bare = try Story(resuming: journal, inventory: [10: 1])
        bare.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "change_unpaid")])])
        bare.send(.journaled(receiptNo: nil), [.journal(txnId: txn, [.refundDue(yen: 2020, reason: .changeNotPaid)])]) {
            $0.awaiting = .closing(.completedChangeOwed(Yen(2020)))
        }
    }

    func testACardNeverAnsweredIsReversed() throws {
        var s = try Story(resuming: [begin(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "card_unanswered")])])
        s.send(.journaled(receiptNo: nil), [.journal(txnId: txn, [.cardDeclined(reason: "timeout")])]) {
            $0.notice = .cardTimedOut
            $0.awaiting = .reversalIntent
        }
        s.send(.journaled(receiptNo: nil), [.voidCard(authCode: "", txnId: txn)]) { $0.awaiting = .reversal }
        s.send(.cardVoided, [.journal(txnId: txn, [.failed(reason: .cardTimedOut)])]) { $0.awaiting = .attemptFailed() }
    }

    func testACardWhoseTopUpWentThroughIsCaptured() throws {
        var s = try Story(resuming: [begin(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111"),
                                     .cardAuthorised(brand: "Visa", last4: "1111", authCode: "A1"),
                                     .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"), .topUpApplied(newExpiry: "2027-01-06")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "capture_unsent")])])
        s.send(.journaled(receiptNo: nil), [.captureCard(authCode: "A1", txnId: txn)]) { $0.awaiting = .capture }
        s.send(.cardCaptured, [.journal(txnId: txn, [.cardCaptured(authCode: "A1"), .completed])]) { $0.awaiting = .closing(.completed) }
    }

    func testACardWhoseTopUpFailedIsVoided() throws {
        var s = try Story(resuming: [begin(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111"),
                                     .cardAuthorised(brand: "Visa", last4: "1111", authCode: "A1"),
                                     .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"), .topUpFailed(reason: .carrierRefused)])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "void_unsent")])])
        s.send(.journaled(receiptNo: nil), [.voidCard(authCode: "A1", txnId: txn)]) {
            $0.awaiting = .void(reason: .carrierRefused)
            $0.screen = .processing(.voidingCard)
        }
    }

    func testResumedTwiceItCarriesOnFromTheSamePlace() throws {
        // A recovery killed after its note: the note changes nothing about where the sale stands.
        let journal: [Step] = [begin(), .cashIn(denomination: 1000), .cashReturnDue(pieces: [1000: 1])]
        let once = try OpenSale(journal: journal, catalogue: Sample.catalogue)
        let twice = try OpenSale(journal: journal + [.recovered(resolution: "cash_return_unpaid")], catalogue: Sample.catalogue)
        XCTAssertEqual(once, twice)
        var s = try Story(resuming: journal + [.recovered(resolution: "cash_return_unpaid")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "cash_return_unpaid")])])
        // The customer had asked for their cash: the sale ends cancelled, not refunded.
        s.send(.journaled(receiptNo: nil), [.giveBack([1000: 1])]) {
            $0.awaiting = .cashBack(.cancel(.interrupted))
            $0.screen = .processing(.returningCash)
        }
    }

    func testAJournalThatCannotBeCarriedOnSaysWhy() {
        XCTAssertThrowsError(try OpenSale(journal: [.cashIn(denomination: 1000)], catalogue: Sample.catalogue)) {
            XCTAssertEqual("\($0)", "its journal does not begin the transaction")
        }
        XCTAssertThrowsError(try OpenSale(journal: [begin(plan: "docomo-3g-30").withPlan("gone-plan")], catalogue: Sample.catalogue)) {
            XCTAssertEqual("\($0)", "its plan gone-plan is not in the fixtures")
        }
    }

    /// The line staff read for each recovered sale says what the journal shows was done.
    func testRecoveryLinesSayWhatTheJournalShows() {
        let tradeNo = "2026000000000000004321"
        let wallet = [begin(.wallet), .walletPaymentRequested(brand: "Alipay")]
        XCTAssertEqual(RecoveryLine.describe(wallet + [
            .walletPaid(brand: "Alipay", last4: "4321", tradeNo: tradeNo), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"),
            .recovered(resolution: "top_up_unanswered"), .topUpFailed(reason: .carrierSilent),
            .walletRefunded(tradeNo: tradeNo), .refunded(reason: .carrierSilent)]),
            "the top-up failed (the carrier did not answer); Alipay payment refunded to the wallet; refunded")
        XCTAssertEqual(RecoveryLine.describe(wallet + [
            .recovered(resolution: "wallet_unanswered"), .walletDeclined(reason: "not_confirmed"), .walletCancelled,
            .failed(reason: .walletNotConfirmed)]),
            "Alipay order cancelled; attempt closed (wallet payment not confirmed in time); nothing stays charged")
        XCTAssertEqual(RecoveryLine.describe(wallet + [
            .recovered(resolution: "wallet_unanswered"), .walletDeclined(reason: "no_order"), .failed(reason: .walletDeclined)]),
            "Alipay has no order for it; attempt closed (wallet payment declined); no money had been taken")
        // A UnionPay attempt stopped after a wrong PIN: nothing was sent, nothing taken.
        XCTAssertEqual(RecoveryLine.describe([
            begin(.card), .cardAuthorisationRequested(brand: "UnionPay", last4: "5678"), .cardDeclined(reason: "wrong_pin"),
            .recovered(resolution: "attempt_unfinished"), .failed(reason: .interrupted)]),
            "attempt closed (interrupted by a restart); no money had been taken")
        XCTAssertEqual(RecoveryLine.describe([
            begin(.card), .cardAuthorisationRequested(brand: "Visa", last4: "1111"),
            .recovered(resolution: "card_unanswered"), .cardDeclined(reason: "timeout"), .failed(reason: .cardTimedOut)]),
            "reversal sent; attempt closed (card reader timed out); nothing stays charged")
        XCTAssertEqual(RecoveryLine.describe([
            begin(), .cashIn(denomination: 1000), .recovered(resolution: "cash_held"),
            .cashReturnDue(pieces: [1000: 1]), .cashReturned(pieces: [1000: 1]), .refunded(reason: .interrupted)]),
            "¥1,000 returned; refunded (interrupted by a restart)")
        XCTAssertEqual(RecoveryLine.describe([
            begin(), .cashIn(denomination: 5000), .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"),
            .recovered(resolution: "top_up_unanswered"), .topUpApplied(newExpiry: "2027-01-06"),
            .changeDue(pieces: [1000: 2, 10: 2]), .changeDispensed(pieces: [1000: 2, 10: 2]), .completed]),
            "the top-up was applied; change ¥2,020 paid; sale completed")
    }

    func testACardAttemptStoppedAfterAWrongPINIsNotedAsAnAttemptThatHeldNoMoney() throws {
        let sale = try OpenSale(journal: [begin(.card), .cardAuthorisationRequested(brand: "UnionPay", last4: "5678"),
                                          .cardDeclined(reason: "wrong_pin")], catalogue: Sample.catalogue)
        XCTAssertEqual(sale.interruption, "attempt_unfinished")
    }
}

private extension Step {
    func withPlan(_ plan: String) -> Step {
        guard case .begin(var start) = self else { return self }
        start.planId = plan
        return .begin(start)
    }
}
