import Foundation
import GRDB
import XCTest
@testable import Kiosk
import Ledger

/// A machine that goes out of service in a simulated day is in the day's record, with the
/// moment and its screen's words, so that the report says why customers went unserved.
final class StoreDayOutOfServiceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-day-out-of-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func day(_ ledger: Ledger, terminals: [String], customers: Int, groupCommit: Bool = true) throws -> StoreDay {
        let settings = KioskAssembly.Settings(ledgerPath: ledger.path, receipts: folder.appendingPathComponent("receipts").path, seed: 5)
        let fixtures = try DayFixtures.load(from: Sample.fixtures)
        let queues = try StoreDay.queues(of: terminals.map { Sample.catalogue.terminal($0)! }, catalogue: Sample.catalogue,
                                         fixtures: fixtures, ledger: ledger, today: Sample.noon)
        return StoreDay(catalogue: Sample.catalogue, ledger: ledger, queues: queues, settings: settings,
                        rules: StoreDay.Rules(behaviour: fixtures.behaviour, hours: nil, customers: customers, groupCommit: groupCommit))
    }

    func testALedgerLockedByAnotherProgramStopsEveryMachineAtOpeningAndSaysSo() throws {
        let path = folder.appendingPathComponent("locked.sqlite").path
        let ledger = try Ledger(path: path, busyTimeout: 0.2)
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: path, configuration: config)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }
        // Sapporo's machine is set up first; Kyoto opens an hour earlier, so it is listed first.
        let record = try day(ledger, terminals: ["LW-SPR-1", "SE-KYO-1"], customers: 6).run()

        XCTAssertEqual(record.outOfService.map(\.terminalId), ["SE-KYO-1", "LW-SPR-1"])
        // Each at its own store's opening, before its first customer came.
        for (stop, store) in zip(record.outOfService, ["se-kyoto-station", "lw-sapporo-odori"]) {
            XCTAssertEqual(stop.at, record.queue.first { $0.storeId == store }?.at)
            XCTAssertTrue(stop.reason.hasPrefix("The ledger cannot be written. The ledger "), stop.reason)
            XCTAssertTrue(stop.reason.hasSuffix("stayed locked by another program for too long."), stop.reason)
        }
        XCTAssertEqual(record.summary.balked, 6)
        XCTAssertEqual(try ledger.transactions().count, 0)
        // The same day committing each write alone.
        let alone = try day(ledger, terminals: ["LW-SPR-1", "SE-KYO-1"], customers: 6, groupCommit: false).run()
        XCTAssertEqual(alone.outOfService, record.outOfService)
    }

    func testAMachineThatStopsMidDayIsNamedWithTheMomentAndTheLedgersWords() throws {
        // A ledger that fills up after a few customers, as a full disk would.
        let path = folder.appendingPathComponent("full.sqlite").path
        _ = try Ledger(path: path)
        let pages = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
        let ledger = try Ledger(path: path, maxPageCount: pages + 6)
        let record = try day(ledger, terminals: ["SE-KYO-1"], customers: 60).run()

        let stop = try XCTUnwrap(record.outOfService.first)
        XCTAssertEqual(record.outOfService.count, 1)
        XCTAssertEqual(stop.terminalId, "SE-KYO-1")
        XCTAssertGreaterThan(stop.at, record.start)
        XCTAssertTrue(stop.reason.hasPrefix("The ledger cannot be written. The ledger "), stop.reason)
        XCTAssertTrue(stop.reason.hasSuffix("cannot grow because the disk is full."), stop.reason)
        XCTAssertGreaterThan(record.summary.completed, 0)
        XCTAssertEqual(DayStatistics(record).outOfService, record.outOfService)
    }

    func testADayWithoutTroubleHasNoStops() throws {
        let ledger = try Ledger(path: folder.appendingPathComponent("fine.sqlite").path)
        let record = try day(ledger, terminals: ["SE-KYO-1"], customers: 5).run()
        XCTAssertEqual(record.outOfService, [])
        XCTAssertGreaterThan(record.summary.completed, 0)
    }
}
