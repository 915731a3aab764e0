import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// A day's summary counts the customers of this run alone: another process's sales on the
/// same file, or a customer who tries twice, never change what this run reports.
final class StoreDayCountTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-day-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func day(_ ledger: Ledger, faults: Faults = .none, seed: UInt64 = 3, customers: Int) throws -> StoreDay {
        let settings = KioskAssembly.Settings(ledgerPath: ledger.path, receipts: folder.appendingPathComponent("receipts").path,
                                              faults: faults, seed: seed)
        let fixtures = try DayFixtures.load(from: Sample.fixtures)
        let queues = try StoreDay.queues(of: [Sample.catalogue.terminal("SE-KYO-1")!], catalogue: Sample.catalogue,
                                         fixtures: fixtures, ledger: ledger, today: Sample.noon)
        return StoreDay(catalogue: Sample.catalogue, ledger: ledger, queues: queues, settings: settings,
                        rules: StoreDay.Rules(behaviour: fixtures.behaviour, hours: nil, customers: customers))
    }

    private func flows(_ s: StoreDay.Summary) -> Int { s.completed + s.cancelled + s.refunded + s.refundsDue + s.failed }

    func testSalesThatAnotherProcessMakesMeanwhileAreNotCounted() throws {
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let ledger = try Ledger(path: path)
        let other = try Ledger(path: path)
        var intruders = 0
        let summary = try day(ledger, customers: 12).run { _ in
            // Another kiosk process on the same file cancels a sale as each of our customers comes.
            let id = "SE-KYO-1-9\(String(format: "%05d", intruders))"
            let at = try! other.lastEntryTime()!.addingTimeInterval(1)
            let start = TransactionStart(id: id, storeId: "se-kyoto-station", terminalId: "SE-KYO-1", businessDate: "2026-11-25",
                                         simNumber: "08011112222", carrierId: "au", planId: "au-5g-30",
                                         amountYen: 3300, taxYen: 300, paymentMethod: .card)
            try! other.record([Entry(txnId: id, terminalId: "SE-KYO-1", at: at, step: .begin(start))])
            try! other.record([Entry(txnId: id, terminalId: "SE-KYO-1", at: at, step: .cancelled(reason: .cancelledByCustomer))])
            intruders += 1
        }.summary
        XCTAssertGreaterThanOrEqual(intruders, 12)
        let ours = try ledger.transactions(terminalId: "SE-KYO-1").filter { !$0.id.hasPrefix("SE-KYO-1-9") }
        XCTAssertEqual(flows(summary), ours.count)
        XCTAssertEqual(summary.cancelled, ours.filter { $0.status == .cancelled }.count)
    }

    func testNoSaleIsNeverNegativeWhenCustomersTryAgain() throws {
        for seed in 1...4 as ClosedRange<UInt64> {
            let ledger = try Ledger(path: folder.appendingPathComponent("faulty-\(seed).sqlite").path)
            var faults = Faults()
            faults.hostError = 1
            let summary = try day(ledger, faults: faults, seed: seed, customers: 8).run().summary
            XCTAssertTrue((0...8).contains(summary.noTransaction), "seed \(seed): no sale \(summary.noTransaction)")
            XCTAssertEqual(flows(summary), try ledger.transactions().count, "seed \(seed)")
        }
    }
}
