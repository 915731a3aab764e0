import GRDB
import XCTest
import Money
@testable import Ledger

final class FlowTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.time(-3600))
    }

    func testCashSaleOfPlanFor2980WithA5000BillGivesChange2020AndReceipt1() throws {
        let receipts = try ledger.record(flow: Flow.cashSale("T1", inserted: [5000], change: [1000: 2, 10: 2]))

        XCTAssertEqual(receipts, ["T1": 1])
        let expected = TransactionRecord(
            id: "T1", storeId: "S001", terminalId: "K1", businessDate: "2026-11-25",
            startedAt: Flow.morning, finishedAt: Flow.time(12), status: .completed,
            simNumber: "09012345678", carrierId: "docomo", planId: "prepaid-30d", amountYen: 2980, taxYen: 271,
            paymentMethod: .cash, cashInYen: 5000, changeYen: 2020,
            cardBrand: nil, cardLast4: nil, authCode: nil, receiptNo: 1)
        XCTAssertEqual(try ledger.transaction(id: "T1"), expected)

        var inventory = Flow.openingFloat
        inventory[5000] += 1
        inventory[1000] -= 2
        inventory[10] -= 2
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), inventory)

        let steps = try ledger.journal(txnId: "T1").map(\.step)
        XCTAssertEqual(steps, Flow.cashSale("T1").flatMap { $0.map(\.step) })
        let moves = try ledger.cashMovements(terminalId: "K1").filter { $0.txnId == "T1" }
        XCTAssertEqual(moves.map { "\($0.kind.rawValue) \($0.count)x\($0.denomination)" }, ["in 1x5000", "change 2x1000", "change 2x10"])
        XCTAssertEqual(try ledger.openTransactions(), [])
    }

    func testCardSaleKeepsBrandLastFourAndAuthCodeAndMovesNoCash() throws {
        let receipts = try ledger.record(flow: Flow.cardSale("C1", brand: "visa", last4: "1111"))

        XCTAssertEqual(receipts, ["C1": 1])
        let record = try XCTUnwrap(ledger.transaction(id: "C1"))
        XCTAssertEqual(record.status, .completed)
        XCTAssertEqual(record.paymentMethod, .card)
        XCTAssertEqual([record.cardBrand, record.cardLast4, record.authCode], ["visa", "1111", "A11119"])
        XCTAssertEqual([record.cashInYen, record.changeYen], [0, 0])
        XCTAssertEqual(try ledger.cashMovements(terminalId: "K1").filter { $0.txnId != nil }, [])
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), Flow.openingFloat)
    }

    func testReceiptNumbersRunOneTwoThreePerTerminalAndSkipCancelledSales() throws {
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K2", openingFloat: Flow.openingFloat, at: Flow.morning)
        var numbers: [String: Int] = [:]
        numbers.merge(try ledger.record(flow: Flow.cashSale("A1", terminal: "K1"))) { $1 }
        numbers.merge(try ledger.record(flow: Flow.cardSale("B1", terminal: "K2"))) { $1 }
        try ledger.record([Entry(txnId: "A-cancel", terminalId: "K1", at: Flow.time(20), step: .begin(Flow.start("A-cancel"))),
                           Entry(txnId: "A-cancel", terminalId: "K1", at: Flow.time(21), step: .cashIn(denomination: 1000)),
                           Entry(txnId: "A-cancel", terminalId: "K1", at: Flow.time(22), step: .cashReturned(pieces: [1000: 1])),
                           Entry(txnId: "A-cancel", terminalId: "K1", at: Flow.time(22), step: .cancelled(reason: .cancelledByCustomer))])
        numbers.merge(try ledger.record(flow: Flow.cardSale("A2", terminal: "K1", at: Flow.time(30)))) { $1 }
        numbers.merge(try ledger.record(flow: Flow.cashSale("B2", terminal: "K2", at: Flow.time(40)))) { $1 }
        numbers.merge(try ledger.record(flow: Flow.cashSale("A3", terminal: "K1", at: Flow.time(50)))) { $1 }

        XCTAssertEqual(numbers, ["A1": 1, "A2": 2, "A3": 3, "B1": 1, "B2": 2])
        XCTAssertEqual(try ledger.transactions(terminalId: "K1").map(\.receiptNo), [1, nil, 2, 3])
        XCTAssertEqual(try ledger.transaction(id: "A-cancel")?.status, .cancelled)
        XCTAssertEqual(try ledger.transactions(terminalId: "K2", status: .completed).map(\.id), ["B1", "B2"])
    }

    func testRefundAndRefundDueTakeReceiptNumbersAndRefundDueWaitsForStaff() throws {
        try ledger.record([Entry(txnId: "R1", terminalId: "K1", at: Flow.time(0), step: .begin(Flow.start("R1"))),
                           Entry(txnId: "R1", terminalId: "K1", at: Flow.time(1), step: .cashIn(denomination: 1000)),
                           Entry(txnId: "R1", terminalId: "K1", at: Flow.time(2), step: .topUpFailed(reason: .carrierSilent)),
                           Entry(txnId: "R1", terminalId: "K1", at: Flow.time(3), step: .cashReturned(pieces: [1000: 1])),
                           Entry(txnId: "R1", terminalId: "K1", at: Flow.time(3), step: .refunded(reason: .carrierError))])
        let due = try ledger.record([
            Entry(txnId: "R2", terminalId: "K1", at: Flow.time(10), step: .begin(Flow.start("R2"))),
            Entry(txnId: "R2", terminalId: "K1", at: Flow.time(11), step: .cashIn(denomination: 10000)),
            Entry(txnId: "R2", terminalId: "K1", at: Flow.time(12), step: .refundDue(yen: 10000, reason: .carrierError)),
        ])
        XCTAssertEqual(due.receiptNumbers, ["R2": 2])
        XCTAssertEqual(try ledger.transaction(id: "R1")?.receiptNo, 1)
        XCTAssertEqual(try ledger.transaction(id: "R2")?.status, .refundDue)
        XCTAssertEqual(try ledger.refundsDue(terminalId: "K1"),
                       [RefundDueRecord(txnId: "R2", terminalId: "K1", yen: 10000, reason: StopReason.carrierError.refundDueSentence, at: Flow.time(12))])

        XCTAssertLedgerError(.invalidEntry("Transaction R2 is owed ¥10000, not ¥5000; settle the full amount.")) {
            try ledger.record([Entry(txnId: "R2", terminalId: "K1", at: Flow.time(99), step: .refundSettled(yen: 5000, staff: "Sato"))])
        }
        try ledger.record([Entry(txnId: "R2", terminalId: "K1", at: Flow.time(100), step: .refundSettled(yen: 10000, staff: "Sato"))])
        XCTAssertEqual(try ledger.refundsDue(), [])
        XCTAssertLedgerError(.noRefundDue(id: "R2")) {
            try ledger.record([Entry(txnId: "R2", terminalId: "K1", at: Flow.time(101), step: .refundSettled(yen: 10000, staff: "Sato"))])
        }
    }

    func testAnInvalidEntryRollsBackTheWholeCommit() throws {
        let before = try ledger.verify()
        XCTAssertLedgerError(.notEnoughCash(terminal: "K1", denomination: 5000, have: 5, want: 6)) {
            try ledger.record([Entry(txnId: "X1", terminalId: "K1", at: Flow.time(0), step: .begin(Flow.start("X1"))),
                               Entry(txnId: "X1", terminalId: "K1", at: Flow.time(1), step: .cashIn(denomination: 1000)),
                               Entry(txnId: "X1", terminalId: "K1", at: Flow.time(2), step: .changeDispensed(pieces: [5000: 6]))])
        }
        XCTAssertNil(try ledger.transaction(id: "X1"))
        XCTAssertEqual(try ledger.journal(txnId: "X1"), [])
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), Flow.openingFloat)
        XCTAssertEqual(try ledger.verify(), before)
    }

    func testEntriesThatBreakTheRulesAreRefusedWithASentence() throws {
        try ledger.record(flow: Flow.cashSale("T1"))
        let at = Flow.time(60)
        XCTAssertLedgerError(.unknownTransaction(id: "nope")) {
            try ledger.record([Entry(txnId: "nope", terminalId: "K1", at: at, step: .cashIn(denomination: 100))])
        }
        XCTAssertLedgerError(.duplicateTransaction(id: "T1")) {
            try ledger.record([Entry(txnId: "T1", terminalId: "K1", at: at, step: .begin(Flow.start("T1")))])
        }
        XCTAssertLedgerError(.alreadyFinished(id: "T1", status: .completed)) {
            try ledger.record([Entry(txnId: "T1", terminalId: "K1", at: at, step: .refunded(reason: .carrierError))])
        }
        XCTAssertLedgerError(.invalidEntry("¥3000 is not a yen coin or bill.")) {
            try ledger.record([Entry(txnId: "T2", terminalId: "K1", at: at, step: .begin(Flow.start("T2"))),
                               Entry(txnId: "T2", terminalId: "K1", at: at, step: .cashIn(denomination: 3000))])
        }
        XCTAssertLedgerError(.invalidEntry("Transaction T1 belongs to terminal K1, not K2.")) {
            try ledger.record([Entry(txnId: "T1", terminalId: "K2", at: at, step: .staff(action: "reprint", name: "Sato"))])
        }
        XCTAssertLedgerError(.invalidEntry("A cash_in entry must name its transaction.")) {
            try ledger.record([Entry(txnId: nil, terminalId: "K1", at: at, step: .cashIn(denomination: 100))])
        }
        var badDate = Flow.start("T3")
        badDate.businessDate = "2026-02-30"
        XCTAssertLedgerError(.invalidEntry("The business date \"2026-02-30\" of transaction T3 is not a date like 2026-11-25.")) {
            try ledger.record([Entry(txnId: "T3", terminalId: "K1", at: at, step: .begin(badDate))])
        }
        XCTAssertNil(try ledger.transaction(id: "T2"))
    }

    func testEveryKindOfStepReadsBackFromTheJournalAsWritten() throws {
        let steps: [Step] = [
            .begin(Flow.start("S1")), .cashIn(denomination: 1000), .changeDue(pieces: [10: 2]),
            .cardAuthorisationRequested(brand: "jcb", last4: "0000"), .cardDeclined(reason: "insufficient funds"),
            .cardAuthorised(brand: "jcb", last4: "0000", authCode: "Z9"), .cardCaptured(authCode: "Z9"),
            .cardVoided(authCode: "Z9"), .topUpRequested(simNumber: "08011112222", planId: "p"),
            .topUpFailed(reason: .carrierSilent), .topUpApplied(newExpiry: "2027-01-01"),
            .changeDispensed(pieces: [10: 2]), .cashReturned(pieces: [500: 1, 100: 4, 50: 1, 10: 3]),
            .replenished(pieces: [100: 1], staff: "Sato"), .collected(pieces: [100: 1], staff: "Sato"),
            .recovered(resolution: "refunded after restart"), .staff(action: "sign-in", name: "佐藤"),
            .refundDue(yen: 20, reason: .changeNotPaid), .refundSettled(yen: 20, staff: "Sato"),
        ]
        try ledger.record(steps.enumerated().map { Entry(txnId: "S1", terminalId: "K1", at: Flow.time($0.offset), step: $0.element) })
        for final in [Step.completed, .cancelled(reason: .cancelledByCustomer), .refunded(reason: .carrierRefused), .failed(reason: .cardDeclined)] {
            let id = "F-\(final.kind)"
            try ledger.record([Entry(txnId: id, terminalId: "K1", at: Flow.time(90), step: .begin(Flow.start(id))),
                               Entry(txnId: id, terminalId: "K1", at: Flow.time(91), step: final)])
            XCTAssertEqual(try ledger.journal(txnId: id).map(\.step), [.begin(Flow.start(id)), final])
        }

        let journal = try ledger.journal(txnId: "S1")
        XCTAssertEqual(journal.map(\.step), steps)
        XCTAssertEqual(journal.map(\.at), steps.indices.map { Flow.time($0) })
        XCTAssertEqual(Set(journal.map(\.terminalId)), ["K1"])
        XCTAssertEqual(journal.map(\.seq), Array(2...Int64(1 + steps.count)))
    }

    func testJournalRowsAreStoredInTheirDocumentedForm() throws {
        try ledger.record(flow: Flow.cashSale("T1", change: [1000: 2, 10: 2]))
        let rows = try rawConnection(ledger.path).read { db in
            try Row.fetchAll(db, sql: "SELECT seq, txn_id, at, kind, payload, prev_hash, hash FROM journal ORDER BY seq")
        }
        XCTAssertEqual(rows[0]["kind"] as String, "replenished")
        XCTAssertEqual(rows[0]["prev_hash"] as String, String(repeating: "0", count: 64))
        XCTAssertEqual(rows[0]["payload"] as String,
                       #"{"pieces":{"10":50,"100":50,"1000":20,"50":20,"500":20,"5000":5},"staff":"opening float"}"#)
        XCTAssertEqual(rows[1]["at"] as String, "2026-11-25T04:44:12.123Z")
        XCTAssertEqual(rows[2]["kind"] as String, "cash_in")
        XCTAssertEqual(rows[2]["payload"] as String, #"{"denomination":5000}"#)
        XCTAssertEqual(rows.last?["kind"] as String?, "completed")
        XCTAssertEqual(rows.last?["payload"] as String?, "{}")
        for (before, row) in zip(rows, rows.dropFirst()) {
            XCTAssertEqual(row["prev_hash"] as String, before["hash"] as String)
        }
        // The first row's hash, rebuilt by hand from its documented canonical form.
        let payload = (rows[0]["payload"] as String).replacingOccurrences(of: "\"", with: "\\\"")
        let canonical = #"[""# + String(repeating: "0", count: 64)
            + #"",1,null,"K1","2026-11-25T03:44:12.123Z","replenished",""# + payload + #""]"#
        XCTAssertEqual(rows[0]["hash"] as String, Chain.sha256(canonical))
    }

    func testOpeningFloatIsRecordedOnlyOnce() throws {
        XCTAssertFalse(try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning))
        XCTAssertTrue(try ledger.ensureTerminal(storeId: "S001", terminalId: "K9", openingFloat: [100: 3], at: Flow.morning))
        XCTAssertFalse(try ledger.ensureTerminal(storeId: "S001", terminalId: "K9", openingFloat: [100: 3], at: Flow.morning))
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K9"), [100: 3])
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), Flow.openingFloat)
        XCTAssertEqual(try ledger.cashMovements(terminalId: "K9").map(\.kind), [.replenish])
    }
}
