import Foundation
import XCTest
import Ledger
@testable import HeadOffice

/// The checks of a pushed batch, with no database and no HTTP.
final class ChainCheckTests: XCTestCase {
    private let store = StoreID(rawValue: "fm-namba")!
    private var scratch: Scratch!
    private var ledger: Ledger!

    override func setUpWithError() throws {
        scratch = try Scratch()
        ledger = try StoreDay.ledger(scratch.path("l.sqlite"), sales: 6)
    }

    override func tearDown() {
        ledger = nil
        scratch = nil
        super.tearDown()
    }

    private func head(after rows: [PushedRow]) -> LedgerHead {
        LedgerHead(lastSeq: rows.last!.row.seq, lastHash: rows.last!.row.hash)
    }

    private func refusal(_ result: Result<CheckedBatch, PushRefusal>) -> PushRefusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    func testAWholeLedgerIsNewRowsInOrder() throws {
        let batch = try StoreDay.batch(ledger)
        let checked = try ChainCheck.check(batch, store: store, head: .empty, held: [:]).get()
        XCTAssertEqual(checked.new.map(\.row.seq), Array(1...Int64(batch.rows.count)))
        XCTAssertEqual(checked.alreadyHeld, 0)
        XCTAssertEqual(checked.new.first?.step, .replenished(pieces: [1000: 100, 100: 50, 10: 100], staff: "opening float"))
    }

    func testRowsHQHoldsAreCountedNotStoredAgain() throws {
        let all = try StoreDay.batch(ledger).rows
        let head = head(after: Array(all.prefix(10)))
        let held = Dictionary(uniqueKeysWithValues: all.prefix(10).map { ($0.row.seq, $0.row.hash) })
        let checked = try ChainCheck.check(PushBatch(rows: Array(all[5...])), store: store, head: head, held: held).get()
        XCTAssertEqual(checked.alreadyHeld, 5)
        XCTAssertEqual(checked.new.first?.row.seq, 11)
    }

    func testAnEditedRowIsRefusedByItsSeq() throws {
        var batch = try StoreDay.batch(ledger)
        XCTAssertEqual(batch.rows[2].row.step, .cashIn(denomination: 5000))
        batch.rows[2].row.payload = batch.rows[2].row.payload.replacingOccurrences(of: "5000", with: "10000")
        XCTAssertEqual(refusal(ChainCheck.check(batch, store: store, head: .empty, held: [:])),
                       .conflict("Row seq 3 was changed after it was written: its hash does not match its content."))
    }

    func testAChainValidInItselfThatDoesNotContinueHQsIsAConflict() throws {
        let other = try StoreDay.ledger(scratch.path("other.sqlite"), sales: 6, from: 100)
        let mine = try StoreDay.batch(ledger, limit: 8).rows
        let theirs = try StoreDay.batch(other, after: 8).rows
        let result = ChainCheck.check(PushBatch(rows: theirs), store: store, head: head(after: mine), held: [:])
        XCTAssertEqual(refusal(result), .conflict("Row seq 9 does not continue HQ's chain: its prev_hash is not the hash of seq 8 that HQ holds."))
    }

    func testARowThatDiffersFromHQsCopyIsAFork() throws {
        let other = try StoreDay.ledger(scratch.path("other.sqlite"), sales: 6, from: 100)
        let mine = try StoreDay.batch(ledger, limit: 8).rows
        let held = Dictionary(uniqueKeysWithValues: mine.map { ($0.row.seq, $0.row.hash) })
        let result = ChainCheck.check(try StoreDay.batch(other, after: 6), store: store, head: head(after: mine), held: held)
        XCTAssertEqual(refusal(result), .conflict("Row seq 7 differs from the row HQ already holds: the ledger was edited or forked after an earlier push."))
    }

    func testAGapIsAConflict() throws {
        let all = try StoreDay.batch(ledger).rows
        let result = ChainCheck.check(PushBatch(rows: Array(all[12...])), store: store, head: head(after: Array(all.prefix(10))), held: [:])
        XCTAssertEqual(refusal(result), .conflict("Row seq 13 leaves a gap: HQ holds this ledger up to seq 10."))
        var holey = Array(all.prefix(6))
        holey.remove(at: 3)
        XCTAssertEqual(refusal(ChainCheck.check(PushBatch(rows: holey), store: store, head: .empty, held: [:])),
                       .conflict("Row seq 5 does not follow seq 3 in the batch: the rows must be consecutive."))
    }

    func testRowsOfAnotherStoreAreForbiddenWhateverTheyClaim() throws {
        let other = try StoreDay.ledger(scratch.path("b.sqlite"), store: "se-shinjuku-3", terminal: "SE-SJK3-1", sales: 2)
        let theirs = try StoreDay.batch(other, store: "se-shinjuku-3")
        XCTAssertEqual(refusal(ChainCheck.check(theirs, store: store, head: .empty, held: [:])),
                       .otherStore("Row seq 1 belongs to store se-shinjuku-3; this token pushes only store fm-namba's rows."))
        // Relabelled as the token's store, the sale itself still names its store, under the hash.
        let relabelled = try StoreDay.batch(other, store: "fm-namba")
        XCTAssertEqual(refusal(ChainCheck.check(relabelled, store: store, head: .empty, held: [:])),
                       .otherStore("Row seq 2 begins a sale of store se-shinjuku-3; this token pushes only store fm-namba's rows."))
    }

    func testTheBodyAPusherSendsReadsBackAsTheSameRowsByAnyJSONReader() throws {
        var batch = try StoreDay.batch(ledger)
        // A text that needs escaping and a row of no transaction travel as they are.
        batch.rows[0].row.terminalId = "FM-\"NMB\"\\1\u{1}\n東京"
        batch.rows[0].row.txnId = nil
        XCTAssertEqual(try PushBatch.decode(batch.body).get(), batch)
        XCTAssertEqual(try JSONDecoder().decode(PushBatch.self, from: batch.body), batch)
        // Written by another JSON writer, in another key order and spacing, it reads the same.
        let foundation = try JSONEncoder().encode(batch)
        XCTAssertNotEqual(foundation, batch.body)
        XCTAssertEqual(try PushBatch.decode(foundation).get(), batch)
    }

    func testAcrossABatchCheckedOnEveryCoreTheFirstFaultIsNamed() throws {
        let day = try StoreDay.ledger(scratch.path("day.sqlite"), sales: 80)
        let batch = try StoreDay.batch(day)
        XCTAssertGreaterThan(batch.rows.count, 2 * 256, "rows for more than one core")
        let checked = try ChainCheck.check(batch, store: store, head: .empty, held: [:]).get()
        XCTAssertEqual(checked.new.map(\.step), batch.rows.map { $0.row.step! })
        func edited(_ indices: [Int]) -> PushBatch {
            var edited = batch
            for i in indices { edited.rows[i].row.at = "2026-01-01T00:00:00.000Z" }
            return edited
        }
        let last = batch.rows.count - 1
        for faults in [[last], [300, last], [5, 300, last]] {
            XCTAssertEqual(refusal(ChainCheck.check(edited(faults), store: store, head: .empty, held: [:])),
                           .conflict("Row seq \(faults[0] + 1) was changed after it was written: its hash does not match its content."))
        }
        var unreadable = edited([5])
        unreadable.rows[last].row.kind = "no_such_step"
        XCTAssertEqual(refusal(ChainCheck.check(unreadable, store: store, head: .empty, held: [:])),
                       .malformed("Row seq \(last + 1) does not hold a journal step the ledger can read."))
    }

    func testALargeBodyIsTheBatchAndItsLastBadRowIsNamed() throws {
        let batch = try StoreDay.batch(try StoreDay.ledger(scratch.path("day.sqlite"), sales: 80))
        XCTAssertGreaterThan(batch.rows.count, 500)
        XCTAssertEqual(try PushBatch.decode(batch.body).get(), batch)
        var text = String(decoding: batch.body, as: UTF8.self)
        text.replaceSubrange(try XCTUnwrap(text.range(of: "\"prev_hash\"", options: .backwards)), with: "\"prev\"")
        XCTAssertEqual(PushBatch.decode(Data(text.utf8)),
                       .failure(.malformed("Row \(batch.rows.count) of the batch (seq \(batch.rows.count)) does not decode: \"prev_hash\" is missing.")))
    }

    func testABatchOverTheBodyLimitIsCutToTheLeadingRowsThatFit() throws {
        let rows = try StoreDay.batch(ledger, limit: 10).rows
        XCTAssertEqual(rows.count, 10)
        let all = PushBatch.leading(rows, within: HQServer.bodyLimit)
        XCTAssertEqual(all.rows, rows[...])
        XCTAssertEqual(all.body, PushBatch(rows: rows).body)
        let three = PushBatch(rows: Array(rows.prefix(3))).body.count
        let cut = PushBatch.leading(rows, within: three)
        XCTAssertEqual(cut.rows, rows.prefix(2))
        XCTAssertEqual(try PushBatch.decode(cut.body).get(), PushBatch(rows: Array(rows.prefix(2))))
        XCTAssertEqual(PushBatch.leading(rows, within: 1).rows, rows.prefix(1))
    }

    func testABodyThatDoesNotDecodeNamesTheRow() throws {
        func decoded(_ text: String) -> PushRefusal? {
            if case .failure(let refusal) = PushBatch.decode(Data(text.utf8)) { return refusal }
            return nil
        }
        XCTAssertEqual(decoded("{rows: ["), .malformed("The body is not JSON."))
        XCTAssertEqual(decoded("[1, 2]"), .malformed("The body must be a JSON object with a list \"rows\"."))
        let good = String(decoding: try JSONEncoder().encode(try StoreDay.batch(ledger, limit: 2)), as: UTF8.self)
        XCTAssertNil(decoded(good))
        let missing = good.replacingOccurrences(of: "\"prev_hash\"", with: "\"prev\"")
        XCTAssertEqual(decoded(missing), .malformed("Row 1 of the batch (seq 1) does not decode: \"prev_hash\" is missing."))
        XCTAssertEqual(decoded(#"{"rows": [{"seq": 1, "store_id": "NOT A STORE"}]}"#)?.status, 400)
        var junk = try StoreDay.batch(ledger, limit: 3)
        junk.rows[2].row.kind = "no_such_step"
        XCTAssertEqual(refusal(ChainCheck.check(junk, store: store, head: .empty, held: [:])),
                       .malformed("Row seq 3 does not hold a journal step the ledger can read."))
    }
}

/// HQ's books from the rows equal the ledger's own tables and its own replay.
final class BooksTests: XCTestCase {
    func testBooksFromTheJournalEqualTheLedgersOwnTables() throws {
        let scratch = try Scratch()
        let ledger = try StoreDay.ledger(scratch.path("l.sqlite"), sales: 20)
        var books = Books()
        for pushed in try StoreDay.batch(ledger).rows {
            try books.apply(VerifiedRow(row: pushed.row, step: pushed.row.step!))
        }
        let own = try ledger.transactions()
        XCTAssertEqual(own.count, 20)
        XCTAssertEqual(books.transactions.values.sorted { $0.id < $1.id }, own.sorted { $0.id < $1.id })
        XCTAssertEqual(try JournalReplay(rows: try ledger.journalRows(after: 0, limit: .max)).transactions, own.sorted { $0.id < $1.id })
        let movements = try ledger.cashMovements().map { "\($0.kind.rawValue) \($0.denomination)×\($0.count) \($0.txnId ?? "")" }
        XCTAssertEqual(books.movements.map { "\($0.kind.rawValue) \($0.denomination)×\($0.count) \($0.txnId ?? "")" }.sorted(),
                       movements.sorted())
        XCTAssertEqual(books.topUpApplied.count, 17, "every sale but the three cancelled")
    }

    func testAStepOfASaleThatNeverBeganIsRefused() throws {
        let scratch = try Scratch()
        let ledger = try StoreDay.ledger(scratch.path("l.sqlite"), sales: 2)
        var books = Books()
        let rows = try StoreDay.batch(ledger).rows
        try books.apply(VerifiedRow(row: rows[0].row, step: rows[0].row.step!))
        let third = rows[2].row
        XCTAssertThrowsError(try books.apply(VerifiedRow(row: third, step: third.step!))) { error in
            XCTAssertEqual(error as? PushRefusal, .malformed("Row seq 3 cannot be applied: transaction FM-NMB-1-000001 never began."))
        }
    }
}
