import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class ConcurrencyTests: XCTestCase {
    /// Four kiosks of one store, each with its own connection on its own thread, each
    /// serving 200 customers in 3–5 commits apiece, all at once on one file.
    func testFourKiosksWritingAtOnceLoseNothingAndDuplicateNothing() throws {
        let folder = try ScratchFolder()
        let path = folder.path("store.sqlite")
        let terminals = ["K1", "K2", "K3", "K4"]
        let flows = 200
        let failures = Failures()

        let threads = terminals.map { terminal in
            Thread {
                do {
                    let ledger = try Ledger(path: path)
                    try ledger.ensureTerminal(storeId: "S001", terminalId: terminal, openingFloat: Flow.openingFloat, at: Flow.morning)
                    for n in 1...flows {
                        let id = "\(terminal)-\(n)"
                        let receipts = n % 3 == 0
                            ? try ledger.record(flow: Flow.cardSale(id, terminal: terminal, at: Flow.time(n)))
                            : try ledger.record(flow: Flow.cashSale(id, terminal: terminal, at: Flow.time(n),
                                                                    inserted: [1000, 1000, 1000], change: [1000: 1],
                                                                    amount: 2000, tax: 181))
                        if receipts != [id: n] { failures.add("\(id) got receipt \(receipts)") }
                    }
                } catch {
                    failures.add("\(terminal): \(error)")
                }
            }
        }
        threads.forEach { $0.start() }
        while threads.contains(where: { !$0.isFinished }) {
            Thread.sleep(forTimeInterval: 0.05)
        }

        XCTAssertEqual(failures.all, [])
        let ledger = try Ledger(path: path)
        let all = try ledger.transactions()
        XCTAssertEqual(all.count, terminals.count * flows)
        XCTAssertEqual(Set(all.map(\.id)).count, all.count)
        XCTAssertTrue(all.allSatisfy { $0.status == .completed })
        for terminal in terminals {
            XCTAssertEqual(try ledger.transactions(terminalId: terminal).compactMap(\.receiptNo).sorted(), Array(1...flows))
        }
        let seqs = try ledger.journal().map(\.seq)
        XCTAssertEqual(seqs, Array(1...Int64(seqs.count)))
        let cardFlows = flows / 3, cashFlows = flows - cardFlows
        XCTAssertEqual(seqs.count, terminals.count * (1 + cardFlows * 7 + cashFlows * 9))
        XCTAssertEqual(try ledger.verify(), .ok(rows: seqs.count, zReports: 0))
        var expected = Flow.openingFloat
        expected[1000] += 2 * cashFlows
        for terminal in terminals {
            XCTAssertEqual(try ledger.cashInventory(terminalId: terminal), expected)
        }
    }
}

/// Failures gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        messages.append(message)
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
