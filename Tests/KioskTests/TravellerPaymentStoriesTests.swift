import XCTest
@testable import Kiosk
import Ledger

/// The ways travellers pay: a UnionPay card with its PIN, and phone wallets by payment code.
final class TravellerPaymentStoriesTests: XCTestCase {
    private let debitPAN = "6282560000005678"
    private let tradeNo = "2026000000000000004321"

    private func pin(_ digits: String) -> PIN { digits.reduce(PIN()) { $0.adding($1.wholeNumberValue!) } }

    /// Digits typed on the PIN pad: each adds a dot, nothing more.
    private func type(_ digits: String, on s: inout Story, file: StaticString = #filePath, line: UInt = #line) {
        for ch in digits {
            guard case .enteringPIN(var pad) = s.state.screen else { return XCTFail("not on the PIN pad", file: file, line: line) }
            pad.pin = pad.pin.adding(ch.wholeNumberValue!)
            s.send(.key(.char(ch)), [], { [pad] in $0.screen = .enteringPIN(pad) }, file: file, line: line)
        }
    }

    /// The UnionPay debit card presented: it asks for its PIN before anything is journaled.
    private func presentDebit(_ s: inout Story, file: StaticString = #filePath, line: UInt = #line) {
        s.send(.tap(.presentCard("unionpay-debit")), [], {
            $0.order?.card = CardOnFile(brand: "UnionPay", last4: "5678", authCode: nil)
            $0.notice = nil
            $0.screen = .enteringPIN(PINPad(pan: self.debitPAN, expiry: "12/30"))
        }, file: file, line: line)
    }

    /// A PIN typed and entered: the attempt is journaled (the sale's `begin` with the first),
    /// then the PIN goes to the acquirer and leaves the machine's state.
    private func sendPIN(_ digits: String, first: Bool, on s: inout Story, file: StaticString = #filePath, line: UInt = #line) {
        type(digits, on: &s, file: file, line: line)
        let txn = s.txnId
        s.send(.key(.enter), [.journal(txnId: txn, (first ? [s.begin] : []) + [.cardAuthorisationRequested(brand: "UnionPay", last4: "5678")])], {
            $0.notice = nil
            $0.awaiting = .cardIntent(pan: self.debitPAN, expiry: "12/30", pin: self.pin(digits))
            $0.screen = .processing(.authorisingCard)
        }, file: file, line: line)
        s.send(.journaled(receiptNo: nil), [.authoriseCard(pan: debitPAN, expiry: "12/30", amount: Yen(2980), txnId: txn, pin: pin(digits))], {
            $0.order?.begun = true
            $0.awaiting = .pinAnswer(pan: self.debitPAN, expiry: "12/30")
        }, file: file, line: line)
    }

    /// A wrong PIN: journaled as a decline of this attempt, then the PIN pad again.
    private func wrongPIN(triesLeft left: Int, on s: inout Story, file: StaticString = #filePath, line: UInt = #line) {
        s.send(.cardAnswered(.wrongPIN(triesLeft: left)), [.journal(txnId: s.txnId, [.cardDeclined(reason: "wrong_pin")])], {
            $0.notice = .wrongPIN(triesLeft: left)
            $0.awaiting = .pinRetryRecorded(PINPad(pan: self.debitPAN, expiry: "12/30", triesLeft: left))
        }, file: file, line: line)
        s.send(.journaled(receiptNo: nil), [], {
            $0.awaiting = nil
            $0.screen = .enteringPIN(PINPad(pan: self.debitPAN, expiry: "12/30", triesLeft: left))
        }, file: file, line: line)
    }

    /// A failed attempt journaled: back to the choice of how to pay, with nothing on file.
    private func attemptClosed(_ s: inout Story, file: StaticString = #filePath, line: UInt = #line) {
        s.send(.journaled(receiptNo: nil), [], {
            $0.awaiting = nil
            $0.order?.txnId = nil
            $0.order?.card = nil
            $0.order?.wallet = nil
            $0.order?.begun = false
            $0.screen = .choosePayment
        }, file: file, line: line)
    }

    // MARK: - UnionPay

    func testUnionPayDebitAsksForThePINAndShowsOnlyDots() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        let txn = s.txnId
        s.send(.tap(.presentCard("unionpay-debit")), []) {
            $0.order?.card = CardOnFile(brand: "UnionPay", last4: "5678", authCode: nil)
            $0.screen = .enteringPIN(PINPad(pan: self.debitPAN, expiry: "12/30"))
        }
        type("12", on: &s)
        s.send(.key(.char("3")), []) { $0.screen = .enteringPIN(PINPad(pan: self.debitPAN, expiry: "12/30", pin: self.pin("123"))) }
        XCTAssertEqual(s.state.summary, "entering-pin •••")
        // Three digits are not a PIN: Enter does nothing.
        s.send(.key(.enter), [])
        type("4", on: &s)
        s.send(.key(.enter), [.journal(txnId: txn, [
            .begin(TransactionStart(id: txn, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", businessDate: "2026-11-25",
                                    simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980,
                                    taxYen: 270, paymentMethod: .card, language: "en")),
            .cardAuthorisationRequested(brand: "UnionPay", last4: "5678")])]) {
            $0.awaiting = .cardIntent(pan: self.debitPAN, expiry: "12/30", pin: self.pin("1234"))
            $0.screen = .processing(.authorisingCard)
        }
        // The PIN goes to the acquirer and leaves the machine's state.
        s.send(.journaled(receiptNo: nil),
               [.authoriseCard(pan: debitPAN, expiry: "12/30", amount: Yen(2980), txnId: txn, pin: pin("1234"))]) {
            $0.order?.begun = true
            $0.awaiting = .pinAnswer(pan: self.debitPAN, expiry: "12/30")
        }
        s.send(.cardAnswered(.approved(authCode: "U12345")), [.journal(txnId: txn, [
            .cardAuthorised(brand: "UnionPay", last4: "5678", authCode: "U12345"),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.order?.card?.authCode = "U12345"
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }
    }

    func testAWrongPINTwiceThenTheRightOne() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        let txn = s.txnId
        presentDebit(&s)
        sendPIN("1111", first: true, on: &s)
        s.send(.cardAnswered(.wrongPIN(triesLeft: 2)), [.journal(txnId: txn, [.cardDeclined(reason: "wrong_pin")])]) {
            $0.notice = .wrongPIN(triesLeft: 2)
            $0.awaiting = .pinRetryRecorded(PINPad(pan: self.debitPAN, expiry: "12/30", triesLeft: 2))
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.screen = .enteringPIN(PINPad(pan: self.debitPAN, expiry: "12/30", triesLeft: 2))
        }
        XCTAssertEqual(s.state.notice?.description, "Wrong PIN. You can try 2 more times.")
        type("2222", on: &s)
        // The same transaction tries again: no second begin.
        s.send(.key(.enter), [.journal(txnId: txn, [.cardAuthorisationRequested(brand: "UnionPay", last4: "5678")])]) {
            $0.notice = nil
            $0.awaiting = .cardIntent(pan: self.debitPAN, expiry: "12/30", pin: self.pin("2222"))
            $0.screen = .processing(.authorisingCard)
        }
        s.send(.journaled(receiptNo: nil), [.authoriseCard(pan: debitPAN, expiry: "12/30", amount: Yen(2980), txnId: txn, pin: pin("2222"))]) {
            $0.awaiting = .pinAnswer(pan: self.debitPAN, expiry: "12/30")
        }
        wrongPIN(triesLeft: 1, on: &s)
        XCTAssertEqual(s.state.notice?.description, "Wrong PIN. You can try once more.")
        sendPIN("1234", first: false, on: &s)
        s.send(.cardAnswered(.approved(authCode: "U1")), [.journal(txnId: txn, [
            .cardAuthorised(brand: "UnionPay", last4: "5678", authCode: "U1"),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.order?.card?.authCode = "U1"
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }
    }

    func testThreeWrongPINsRefuseTheCardForTheDay() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        let txn = s.txnId
        presentDebit(&s)
        for (wrong, left) in [("1111", 2), ("2222", 1)] {
            sendPIN(wrong, first: left == 2, on: &s)
            wrongPIN(triesLeft: left, on: &s)
        }
        sendPIN("3333", first: false, on: &s)
        s.send(.cardAnswered(.declined(.pinTriesExceeded)),
               [.journal(txnId: txn, [.cardDeclined(reason: "pin_tries_exceeded"), .failed(reason: .cardDeclined)])]) {
            $0.notice = .cardDeclined(.pinTriesExceeded)
            $0.awaiting = .attemptFailed()
        }
        attemptClosed(&s)

        // The issuer's side: the third wrong PIN refuses the card, even with the right one after.
        let acquirer = SimulatedAcquirer(cards: Sample.catalogue.testCards)
        XCTAssertEqual(acquirer.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-1", pin: pin("1111")), .wrongPIN(triesLeft: 2))
        XCTAssertEqual(acquirer.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-2", pin: pin("1234")),
                       .approved(authCode: SimulatedAcquirer.authCode("A-2")), "a right PIN clears the count")
        for (n, left) in [(3, 2), (4, 1)] {
            XCTAssertEqual(acquirer.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-\(n)", pin: pin("0000")), .wrongPIN(triesLeft: left))
        }
        XCTAssertEqual(acquirer.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-5", pin: pin("0000")), .declined(.pinTriesExceeded))
        XCTAssertEqual(acquirer.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-6", pin: pin("1234")), .declined(.pinTriesExceeded))
    }

    /// The issuer keeps its count in the store's ledger: another terminal on the file, or the
    /// same one after a restart, refuses the card too, until the business day in Japan changes.
    func testACardRefusedForTheDayStaysRefusedOnEveryTerminalAndAfterARestartUntilTheNextDay() throws {
        let path = TestMachine.temporaryPath()
        var now = Date(timeIntervalSince1970: 1_795_000_000)   // 2026-11-18 20:06 in Japan
        let clock = { now }
        let first = SimulatedAcquirer(cards: Sample.catalogue.testCards, pinTries: try Ledger(path: path), clock: clock)
        for (n, left) in [(1, 2), (2, 1)] {
            XCTAssertEqual(first.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "A-\(n)", pin: pin("0000")),
                           .wrongPIN(triesLeft: left))
        }
        // The third wrong PIN on another terminal of the store: the count is the file's, not the terminal's.
        let other = SimulatedAcquirer(cards: Sample.catalogue.testCards, pinTries: try Ledger(path: path), clock: clock)
        XCTAssertEqual(other.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "B-1", pin: pin("0000")),
                       .declined(.pinTriesExceeded))
        // A machine started again on the same file, the right PIN: still refused today.
        let restarted = SimulatedAcquirer(cards: Sample.catalogue.testCards, pinTries: try Ledger(path: path), clock: clock)
        XCTAssertEqual(restarted.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "C-1", pin: pin("1234")),
                       .declined(.pinTriesExceeded))
        // Another card is not touched by this one's count.
        XCTAssertEqual(try Ledger(path: path).wrongPINs(pan: "6282560000000051", businessDate: "2026-11-18"), 0)
        // Midnight in Japan (15:00 UTC) starts a new business day: the card is tried afresh.
        now = Date(timeIntervalSince1970: 1_795_014_000 + 60)   // 2026-11-19 00:01 in Japan
        XCTAssertEqual(JapanTime.date(now), "2026-11-19")
        XCTAssertEqual(restarted.authorise(pan: debitPAN, expiry: "12/30", amount: Yen(980), txnId: "C-2", pin: pin("1234")),
                       .approved(authCode: SimulatedAcquirer.authCode("C-2")))
        // The file holds a digest of the card, never its number, and no PIN.
        let bytes = try [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
            .map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        for data in bytes {
            XCTAssertNil(data.range(of: Data(debitPAN.utf8)), "the card number in the ledger file")
        }
    }

    func testUnionPayCreditAsksForNoPINAndNeedsNoLuhnCheck() {
        XCTAssertEqual(CardBrand.reading("6250946000000000016"), .unionPay)
        XCTAssertFalse(Luhn.isValid("6250946000000000016"))
        XCTAssertNil(CardBrand.reading("625094600000001"), "15 digits are too few for UnionPay")
        XCTAssertNil(CardBrand.reading("4111111111111112"), "other brands still need the Luhn check")
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        s.send(.tap(.presentCard("unionpay-credit")), [.journal(txnId: s.txnId, [
            s.begin, .cardAuthorisationRequested(brand: "UnionPay", last4: "0016")])]) {
            $0.order?.card = CardOnFile(brand: "UnionPay", last4: "0016", authCode: nil)
            $0.awaiting = .cardIntent(pan: "6250946000000000016", expiry: "12/30")
            $0.screen = .processing(.authorisingCard)
        }
    }

    func testLeavingThePINScreenAfterAWrongPINClosesTheAttempt() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCard)
        let txn = s.txnId
        presentDebit(&s)
        sendPIN("1111", first: true, on: &s)
        wrongPIN(triesLeft: 2, on: &s)
        s.send(.tap(.cancel), [.journal(txnId: txn, [.failed(reason: .cancelledByCustomer)])]) {
            $0.awaiting = .attemptFailed(backToStart: true)
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.order = nil
            $0.notice = nil
            $0.screen = .attract
        }
    }

    // MARK: - Wallets

    private func atTheScanner(_ s: inout Story, plan: String = "docomo-3g-30") -> String {
        s.reachPayment(plan: plan, method: .payByWallet)
        XCTAssertEqual(s.state.screen, .payingWallet)
        return s.txnId
    }

    /// The wallet answered that the customer is still to confirm in their app.
    private func waitingInTheApp(_ s: inout Story, wallet: String, brand: String) -> String {
        let txn = atTheScanner(&s)
        s.chargeWallet(wallet, brand: brand)
        s.send(.walletAnswered(.pending), []) {
            $0.screen = .confirmInApp(until: Sample.noon.addingTimeInterval(30))
            $0.awaiting = .walletPending(since: Sample.noon, asked: Sample.noon)
        }
        return txn
    }

    func testAWalletPaidAtOnce() {
        var s = Story()
        let txn = atTheScanner(&s)
        s.send(.tap(.scanCode("alipay-ok")), [.journal(txnId: txn, [
            .begin(TransactionStart(id: txn, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", businessDate: "2026-11-25",
                                    simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980,
                                    taxYen: 270, paymentMethod: .wallet, language: "en")),
            .walletPaymentRequested(brand: "Alipay")])]) {
            $0.order?.wallet = WalletOnFile(brand: "Alipay", tradeNo: nil)
            $0.awaiting = .walletIntent(code: "281234567890123456")
            $0.screen = .processing(.payingByWallet)
        }
        s.send(.journaled(receiptNo: nil), [.chargeWallet(code: "281234567890123456", amount: Yen(2980), txnId: txn)]) {
            $0.order?.begun = true
            $0.awaiting = .walletAnswer
        }
        s.send(.walletAnswered(.paid(tradeNo: tradeNo)), [.journal(txnId: txn, [
            .walletPaid(brand: "Alipay", last4: "4321", tradeNo: tradeNo),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.order?.wallet?.tradeNo = self.tradeNo
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }
        s.send(.journaled(receiptNo: nil), [.topUp(txnId: txn, sim: .mobile("09012345678"), planId: "docomo-3g-30")]) {
            $0.awaiting = .topUpAnswer
        }
        s.send(.topUpAnswered(.applied(newExpiry: "2027-01-06")),
               [.journal(txnId: txn, [.topUpApplied(newExpiry: "2027-01-06"), .completed])]) {
            $0.order?.newExpiry = "2027-01-06"
            $0.awaiting = .closing(.completed)
        }
    }

    func testAWalletInProgressIsAskedAgainUntilTheCustomerConfirms() {
        var s = Story()
        let txn = waitingInTheApp(&s, wallet: "alipay-confirm", brand: "Alipay")
        let second = Sample.noon.addingTimeInterval(1), third = Sample.noon.addingTimeInterval(3)
        s.send(.tick(second), []) { $0.now = second }
        XCTAssertEqual(s.state.summary, "confirm-in-app for 29 s more")
        s.send(.tick(third), [.askWallet(txnId: txn)]) {
            $0.now = third
            $0.awaiting = .walletStatus(since: Sample.noon)
        }
        s.send(.walletStatus(.pending), []) { $0.awaiting = .walletPending(since: Sample.noon, asked: third) }
        let sixth = Sample.noon.addingTimeInterval(6)
        s.send(.tick(sixth), [.askWallet(txnId: txn)]) {
            $0.now = sixth
            $0.awaiting = .walletStatus(since: Sample.noon)
        }
        s.send(.walletStatus(.paid(tradeNo: tradeNo)), [.journal(txnId: txn, [
            .walletPaid(brand: "Alipay", last4: "4321", tradeNo: tradeNo),
            .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30")])]) {
            $0.order?.wallet?.tradeNo = self.tradeNo
            $0.awaiting = .topUpIntent
            $0.screen = .processing(.toppingUp)
        }
    }

    func testAWalletNotConfirmedInTimeIsCancelled() {
        var s = Story()
        let txn = waitingInTheApp(&s, wallet: "wechat-never", brand: "WeChat Pay")
        var t = 0.0
        while t < 27 {
            t += 3
            let asked = Sample.noon.addingTimeInterval(t)
            s.send(.tick(asked), [.askWallet(txnId: txn)]) {
                $0.now = asked
                $0.awaiting = .walletStatus(since: Sample.noon)
            }
            s.send(.walletStatus(.pending), []) { $0.awaiting = .walletPending(since: Sample.noon, asked: asked) }
        }
        let limit = Sample.noon.addingTimeInterval(30)
        s.send(.tick(limit), [.journal(txnId: txn, [.walletDeclined(reason: "not_confirmed")])]) {
            $0.now = limit
            $0.notice = .walletNotConfirmed
            $0.awaiting = .walletCancelIntent(reason: .walletNotConfirmed)
            $0.screen = .processing(.payingByWallet)
        }
        s.send(.journaled(receiptNo: nil), [.cancelWallet(txnId: txn)]) { $0.awaiting = .walletCancel(reason: .walletNotConfirmed) }
        s.send(.walletCancelled, [.journal(txnId: txn, [.walletCancelled, .failed(reason: .walletNotConfirmed)])]) {
            $0.awaiting = .attemptFailed()
        }
        attemptClosed(&s)
        XCTAssertEqual(s.state.screen, .choosePayment)
    }

    /// Cancel on the confirm-in-app screen ends the sale, as Cancel does everywhere: the order
    /// is cancelled at the wallet (whatever it came to), the attempt closed, and the customer
    /// told it was cancelled and nothing charged, not that time ran out.
    func testCancelWhileWaitingForTheAppCancelsTheOrderAndTheSale() {
        var s = Story()
        let txn = waitingInTheApp(&s, wallet: "wechat-never", brand: "WeChat Pay")
        s.send(.tap(.cancel), [.journal(txnId: txn, [.walletDeclined(reason: "cancelled_by_customer")])]) {
            $0.awaiting = .walletCancelIntent(reason: .cancelledByCustomer)
            $0.screen = .processing(.payingByWallet)
        }
        s.send(.journaled(receiptNo: nil), [.cancelWallet(txnId: txn)]) { $0.awaiting = .walletCancel(reason: .cancelledByCustomer) }
        s.send(.walletCancelled, [.journal(txnId: txn, [.walletCancelled, .failed(reason: .cancelledByCustomer)])]) {
            $0.awaiting = .attemptCancelled
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.order?.txnId = nil
            $0.order?.wallet = nil
            $0.order?.begun = false
            $0.screen = .cancelled(returned: .zero)
        }
        XCTAssertNil(s.state.notice, "not the time-out notice")
        s.send(.tap(.finish), []) {
            $0.screen = .attract
            $0.order = nil
        }

        // Restarted after the decision was journaled and before the wallet heard of it: the
        // cancel is sent again, and the sale closed for the same reason.
        var resumed = try! Story(resuming: [begin(txn), .walletPaymentRequested(brand: "WeChat Pay"),
                                            .walletDeclined(reason: "cancelled_by_customer")])
        resumed.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "wallet_cancel_unsent")])])
        resumed.send(.journaled(receiptNo: nil), [.cancelWallet(txnId: txn)]) { $0.awaiting = .walletCancel(reason: .cancelledByCustomer) }
        resumed.send(.walletCancelled, [.journal(txnId: txn, [.walletCancelled, .failed(reason: .cancelledByCustomer)])]) {
            $0.awaiting = .attemptCancelled
        }
    }

    func testAWalletDeclinedSaysWhyAndTheCustomerChoosesAgain() {
        var s = Story()
        let txn = atTheScanner(&s)
        s.chargeWallet("alipay-balance", brand: "Alipay")
        s.send(.walletAnswered(.declined(.balance)), [.journal(txnId: txn, [.walletDeclined(reason: "balance"), .failed(reason: .walletDeclined)])]) {
            $0.notice = .walletDeclined(.balance)
            $0.awaiting = .attemptFailed()
        }
        attemptClosed(&s)
        XCTAssertEqual(s.state.screen, .choosePayment)
        XCTAssertNil(s.state.order?.wallet)
    }

    func testAFailedTopUpAfterAWalletPaymentRefundsIt() {
        var s = Story()
        let txn = atTheScanner(&s)
        s.chargeWallet("wechat-ok", brand: "WeChat Pay")
        s.walletPaid(tradeNo)
        s.send(.topUpAnswered(.failed(.carrierError)), [.journal(txnId: txn, [.topUpFailed(reason: .carrierError)])]) {
            $0.awaiting = .walletRefundIntent(reason: .carrierError)
        }
        s.send(.journaled(receiptNo: nil), [.refundWallet(tradeNo: tradeNo, amount: Yen(2980), txnId: txn)]) {
            $0.awaiting = .walletRefund(reason: .carrierError)
            $0.screen = .processing(.refundingWallet)
        }
        s.send(.walletRefunded, [.journal(txnId: txn, [.walletRefunded(tradeNo: tradeNo), .refunded(reason: .carrierError)])]) {
            $0.awaiting = .closing(.refunded(.carrierError))
        }
        s.send(.journaled(receiptNo: 3), [.print(txnId: txn)]) {
            $0.screen = .refund(RefundOutcome(txnId: txn, returned: Yen(2980), due: .zero, why: .carrierError, slipFiles: []))
            $0.awaiting = .receipt
        }
    }

    func testACodeNoWalletKnowsIsRefused() {
        var s = Story()
        _ = atTheScanner(&s)
        s.send(.codeScanned("990000000000000000"), []) { $0.notice = .walletCodeUnknown }
        s.send(.codeScanned("2812"), []) { $0.notice = .walletCodeUnknown }
        XCTAssertEqual(Sample.catalogue.walletBrand(of: "134567890123456789")?.name, "WeChat Pay")
        XCTAssertNil(Sample.catalogue.walletBrand(of: "1345678901234567890"), "WeChat Pay codes have 18 digits")
    }

    // MARK: - After a restart

    private func begin(_ txn: String) -> Step {
        .begin(TransactionStart(id: txn, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", businessDate: "2026-11-25",
                                simNumber: "09012345678", carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980,
                                taxYen: 270, paymentMethod: .wallet, language: "zh-Hans"))
    }

    func testAWalletPaymentWithNoAnswerIsAskedForAfterARestart() throws {
        let txn = "FM-SBY-1-000005"
        var s = try Story(resuming: [begin(txn), .walletPaymentRequested(brand: "Alipay")])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "wallet_unanswered")])])
        s.send(.journaled(receiptNo: nil), [.askWallet(txnId: txn)]) { $0.awaiting = .walletStatus(since: Sample.noon) }
        // Paid: the customer is topped up, as in a live sale.
        var paid = s
        paid.walletPaid(tradeNo, answer: .walletStatus(.paid(tradeNo: tradeNo)))
        // Still waiting for a customer who has gone: cancelled.
        s.send(.walletStatus(.pending), [.journal(txnId: txn, [.walletDeclined(reason: "not_confirmed")])]) {
            $0.notice = .walletNotConfirmed
            $0.awaiting = .walletCancelIntent(reason: .walletNotConfirmed)
            $0.screen = .processing(.payingByWallet)
        }
    }

    func testARefundDueToAWalletIsSentAgainAfterARestart() throws {
        let txn = "FM-SBY-1-000006"
        var s = try Story(resuming: [begin(txn), .walletPaymentRequested(brand: "Alipay"),
                                     .walletPaid(brand: "Alipay", last4: "4321", tradeNo: tradeNo),
                                     .topUpRequested(simNumber: "09012345678", planId: "docomo-3g-30"), .topUpFailed(reason: .carrierRefused)])
        s.send(.resume, [.journal(txnId: txn, [.recovered(resolution: "wallet_refund_unsent")])])
        s.send(.journaled(receiptNo: nil), [.refundWallet(tradeNo: tradeNo, amount: Yen(2980), txnId: txn)]) {
            $0.awaiting = .walletRefund(reason: .carrierRefused)
            $0.screen = .processing(.refundingWallet)
        }
    }

    func testTheSimulatedWalletNeverPaysTwice() {
        let wallets = SimulatedWalletAcquirer(codes: Sample.catalogue.testWallets)
        let first = wallets.charge(code: "281234567890123456", amount: Yen(2980), txnId: "T-1")
        XCTAssertEqual(wallets.charge(code: "281234567890123456", amount: Yen(2980), txnId: "T-1"), first)
        XCTAssertEqual(wallets.status(txnId: "T-1"), first)
        XCTAssertEqual(wallets.status(txnId: "T-2"), .declined(.noOrder))
        XCTAssertEqual(wallets.charge(code: "289900001111222233", amount: Yen(980), txnId: "T-3"), .pending)
        XCTAssertEqual(wallets.status(txnId: "T-3"), .pending)
        guard case .paid? = Optional(wallets.status(txnId: "T-3")) else { return XCTFail("confirmed on the second ask") }
        XCTAssertEqual(wallets.charge(code: "4000000000000000119", amount: Yen(980), txnId: "T-4"), .timedOut)
        guard case .paid = wallets.status(txnId: "T-4") else { return XCTFail("a lost answer was still paid") }
    }
}
