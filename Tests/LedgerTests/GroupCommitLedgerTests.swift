import Foundation
import XCTest
import Money
@testable import Ledger

/// Several machines' writes in one commit (`record(together:)`), beside processes that commit
/// each write alone on the same file.
final class GroupCommitLedgerTests: XCTestCase {
    /// One writer commits four terminals' flows a step of each at a time, in groups, while two
    /// others commit theirs one write at a time: nothing lost, nothing twice, receipts 1, 2, 3…
    func testGroupsBesideSingleCommitsLoseNothingAndDuplicateNothing() throws {
        let folder = try ScratchFolder()
        let path = folder.path("store.sqlite")
        let grouped = ["G1", "G2", "G3", "G4"], alone = ["K1", "K2"]
        let flows = 60
        let failures = Failures()
        @Sendable func flow(_ n: Int, _ terminal: String) -> [[Entry]] {
            n % 3 == 0 ? Flow.cardSale("\(terminal)-\(n)", terminal: terminal, at: Flow.time(n))
                : Flow.cashSale("\(terminal)-\(n)", terminal: terminal, at: Flow.time(n), inserted: [1000, 1000, 1000],
                                change: [1000: 1], amount: 2000, tax: 181)
        }
        var threads = [Thread {
            do {
                let ledger = try Ledger(path: path)
                for t in grouped {
                    try ledger.ensureTerminal(storeId: "S001", terminalId: t, openingFloat: Flow.openingFloat, at: Flow.morning)
                }
                for n in 1...flows {
                    let writes = grouped.map { flow(n, $0) }
                    var receipts: [String: Int] = [:]
                    for step in 0..<writes.map(\.count).max()! {
                        let group = writes.filter { step < $0.count }.map { $0[step] }
                        let answers = try ledger.record(together: group)
                        if answers.count != group.count { failures.add("\(group.count) writes, \(answers.count) answers") }
                        answers.forEach { receipts.merge($0.receiptNumbers) { $1 } }
                    }
                    let expected = Dictionary(uniqueKeysWithValues: grouped.map { ("\($0)-\(n)", n) })
                    if receipts != expected { failures.add("flow \(n) got receipts \(receipts)") }
                }
            } catch {
                failures.add("grouped: \(error)")
            }
        }]
        threads += alone.map { terminal in
            Thread {
                do {
                    let ledger = try Ledger(path: path)
                    try ledger.ensureTerminal(storeId: "S001", terminalId: terminal, openingFloat: Flow.openingFloat, at: Flow.morning)
                    for n in 1...flows {
                        let receipts = try ledger.record(flow: flow(n, terminal))
                        if receipts != ["\(terminal)-\(n)": n] { failures.add("\(terminal)-\(n) got receipt \(receipts)") }
                    }
                } catch {
                    failures.add("\(terminal): \(error)")
                }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.05) }

        XCTAssertEqual(failures.all, [])
        let ledger = try Ledger(path: path)
        let all = try ledger.transactions()
        XCTAssertEqual(all.count, (grouped.count + alone.count) * flows)
        XCTAssertTrue(all.allSatisfy { $0.status == .completed })
        for terminal in grouped + alone {
            XCTAssertEqual(try ledger.transactions(terminalId: terminal).compactMap(\.receiptNo).sorted(), Array(1...flows), terminal)
        }
        let seqs = try ledger.journal().map(\.seq)
        XCTAssertEqual(seqs, Array(1...Int64(seqs.count)))
        XCTAssertEqual(try ledger.verify(), .ok(rows: seqs.count, zReports: 0))
    }

    /// One bad write fails the whole group: no other machine's write of it is kept.
    func testOneBadWriteFailsTheWholeGroup() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("store.sqlite"))
        for t in ["K1", "K2"] {
            try ledger.ensureTerminal(storeId: "S001", terminalId: t, openingFloat: Flow.openingFloat, at: Flow.morning)
        }
        let before = try ledger.journal().count
        let good = Flow.cashSale("K1-1", terminal: "K1")[0]
        let bad = [Entry(txnId: "K2-9", terminalId: "K2", at: Flow.morning, step: .cashIn(denomination: 1000))]
        XCTAssertThrowsError(try ledger.record(together: [good, bad]))
        XCTAssertEqual(try ledger.journal().count, before)
        XCTAssertEqual(try ledger.transactions(), [])
        XCTAssertEqual(try ledger.record(together: [good]), [Recorded()])
        XCTAssertEqual(try ledger.transactions().map(\.id), ["K1-1"])
    }
}
