import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

/// A folder of its own for one test, removed afterwards.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }
}

/// Entries of the flows a kiosk journals, as it would write them.
enum Flow {
    /// 2026-11-25 13:44:12.123 in Japan; whole milliseconds, as the ledger stores them.
    static let morning = Date(timeIntervalSince1970: 1_795_581_852.123)

    static func time(_ seconds: Int) -> Date {
        morning.addingTimeInterval(Double(seconds))
    }

    static func start(_ id: String, terminal: String = "K1", method: PaymentMethod = .cash,
                      amount: Int = 2980, tax: Int = 271, plan: String = "prepaid-30d",
                      carrier: String = "docomo") -> TransactionStart {
        TransactionStart(id: id, storeId: "S001", terminalId: terminal, businessDate: "2026-11-25",
                         simNumber: "09012345678", carrierId: carrier, planId: plan,
                         amountYen: amount, taxYen: tax, paymentMethod: method)
    }

    static let openingFloat: CashPieces = [10: 50, 50: 20, 100: 50, 500: 20, 1000: 20, 5000: 5]

    /// A cash sale in the commits a kiosk makes: start, each piece inserted, change and top-up, outcome.
    static func cashSale(_ id: String, terminal: String = "K1", at: Date = morning,
                         inserted: [Int] = [5000], change: CashPieces = [1000: 2, 10: 2],
                         amount: Int = 2980, tax: Int = 271, plan: String = "prepaid-30d") -> [[Entry]] {
        func entry(_ s: Int, _ step: Step) -> Entry {
            Entry(txnId: id, terminalId: terminal, at: at.addingTimeInterval(Double(s)), step: step)
        }
        var commits: [[Entry]] = [[entry(0, .begin(start(id, terminal: terminal, amount: amount, tax: tax, plan: plan)))]]
        commits += inserted.enumerated().map { [entry(1 + $0.offset, .cashIn(denomination: $0.element))] }
        commits.append([entry(10, .topUpRequested(simNumber: "09012345678", planId: plan))])
        commits.append([entry(11, .topUpApplied(newExpiry: "2026-12-25")),
                        entry(11, .changeDue(pieces: change))])
        commits.append([entry(12, .changeDispensed(pieces: change)), entry(12, .completed)])
        return commits
    }

    /// A card sale: authorise, top up, capture, complete. Only brand and last four are journaled.
    static func cardSale(_ id: String, terminal: String = "K1", at: Date = morning,
                         brand: String = "visa", last4: String = "1111") -> [[Entry]] {
        func entry(_ s: Int, _ step: Step) -> Entry {
            Entry(txnId: id, terminalId: terminal, at: at.addingTimeInterval(Double(s)), step: step)
        }
        return [
            [entry(0, .begin(start(id, terminal: terminal, method: .card)))],
            [entry(1, .cardAuthorisationRequested(brand: brand, last4: last4))],
            [entry(2, .cardAuthorised(brand: brand, last4: last4, authCode: "A\(last4)9"))],
            [entry(3, .topUpRequested(simNumber: "09012345678", planId: "prepaid-30d"))],
            [entry(4, .topUpApplied(newExpiry: "2026-12-25")), entry(4, .cardCaptured(authCode: "A\(last4)9"))],
            [entry(5, .completed)],
        ]
    }
}

extension Ledger {
    /// Records each commit of a flow in turn; the receipt numbers they produced.
    @discardableResult
    func record(flow commits: [[Entry]]) throws -> [String: Int] {
        var receipts: [String: Int] = [:]
        for commit in commits {
            receipts.merge(try record(commit).receiptNumbers) { $1 }
        }
        return receipts
    }
}

/// A second, plain SQLite connection to the same file, as an auditor's shell would have.
func rawConnection(_ path: String) throws -> DatabaseQueue {
    var config = Configuration()
    config.busyMode = .timeout(5)
    return try DatabaseQueue(path: path, configuration: config)
}

/// Asserts that `work` throws exactly `expected`, whose sentence names `path` when given.
func XCTAssertLedgerError<T>(_ expected: LedgerError, naming path: String? = nil,
                             file: StaticString = #filePath, line: UInt = #line, _ work: () throws -> T) {
    do {
        _ = try work()
        XCTFail("expected \(expected), nothing was thrown", file: file, line: line)
    } catch let error as LedgerError {
        XCTAssertEqual(error, expected, file: file, line: line)
        if let path {
            XCTAssertTrue(error.description.contains(path), "\"\(error)\" does not name \(path)", file: file, line: line)
        }
        XCTAssertTrue(error.description.hasSuffix("."), "\"\(error)\" is not a sentence", file: file, line: line)
    } catch {
        XCTFail("expected \(expected), got \(error)", file: file, line: line)
    }
}
