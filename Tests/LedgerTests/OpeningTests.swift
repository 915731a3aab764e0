import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class OpeningTests: XCTestCase {
    var folder: ScratchFolder!

    override func setUpWithError() throws {
        folder = try ScratchFolder()
    }

    func testANewLedgerUsesWriteAheadLoggingAndFullSync() throws {
        let ledger = try Ledger(path: folder.path("new.sqlite"))
        let (mode, sync, id) = try ledger.queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int32.fetchOne(db, sql: "PRAGMA application_id"))
        }
        XCTAssertEqual(mode, "wal")
        XCTAssertEqual(sync, 2, "synchronous is not FULL")
        XCTAssertEqual(id, Schema.applicationId)
        XCTAssertEqual(try ledger.queue.read(Schema.applied), Schema.migrations.map(\.name))
        // Opening it again applies nothing twice.
        _ = try Ledger(path: ledger.path)
        XCTAssertEqual(try ledger.queue.read(Schema.applied), Schema.migrations.map(\.name))
    }

    func testAFolderIsRefused() {
        let path = folder.url.path
        XCTAssertLedgerError(.isDirectory(path: path), naming: path) { try Ledger(path: path) }
    }

    func testAMissingFolderIsNamed() {
        let path = folder.path("no-such-folder/ledger.sqlite")
        XCTAssertLedgerError(.cannotOpen(path: path, reason: "the folder \(folder.path("no-such-folder")) does not exist"),
                             naming: path) { try Ledger(path: path) }
    }

    func testATextFileIsRefusedAndLeftByteForByte() throws {
        let path = folder.path("notes.txt")
        let text = Data("Opening float ¥50,000\nCount again on Monday.\n".utf8)
        try text.write(to: URL(fileURLWithPath: path))
        XCTAssertLedgerError(.notALedger(path: path), naming: path) { try Ledger(path: path) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.url.path), ["notes.txt"])
    }

    func testAShortFileIsNotALedger() throws {
        let path = folder.path("short.sqlite")
        let bytes = Data("SQLite format 3\u{0}".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        XCTAssertLedgerError(.notALedger(path: path), naming: path) { try Ledger(path: path) }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), bytes)
    }

    func testAnotherProgramsDatabaseIsRefusedAndLeftUnchanged() throws {
        for (name, applicationId) in [("menu.sqlite", 0), ("tagged.sqlite", 0x1234)] {
            let path = folder.path(name)
            try {
                let other = try DatabaseQueue(path: path)
                try other.write { db in
                    try db.execute(sql: "PRAGMA application_id = \(applicationId)")
                    try db.execute(sql: "CREATE TABLE menu (name TEXT, yen INTEGER)")
                    try db.execute(sql: "INSERT INTO menu VALUES ('onigiri', 150)")
                }
            }()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertLedgerError(.notALedger(path: path), naming: path) { try Ledger(path: path) }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, name)
            XCTAssertEqual(try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master") }, ["menu"])
        }
    }

    func testAnEmptySQLiteFileBecomesALedger() throws {
        let path = folder.path("empty.sqlite")
        try { try DatabaseQueue(path: path).write { try $0.execute(sql: "PRAGMA user_version = 1") } }()
        let ledger = try Ledger(path: path)
        try ledger.record(flow: Flow.cardSale("C1"))
        XCTAssertEqual(try ledger.transaction(id: "C1")?.receiptNo, 1)
    }

    func testAMigrationMissingBeforeTheLastAppliedIsApplied() throws {
        let path = folder.path("ledger.sqlite")
        _ = try Ledger(path: path)
        // As a build without the printer's paper left it: later migrations applied, not that one.
        try rawConnection(path).write { db in
            try db.execute(sql: "DROP TABLE printer_paper; DELETE FROM ledger_migrations WHERE name = '5-printer-paper'")
        }
        let ledger = try Ledger(path: path)
        XCTAssertEqual(Set(try ledger.queue.read(Schema.applied)), Set(Schema.migrations.map(\.name)))
        XCTAssertEqual(try ledger.paperSheets(terminalId: "K1"), nil)
    }

    func testALedgerFromANewerKioskIsRefused() throws {
        let path = folder.path("ledger.sqlite")
        _ = try Ledger(path: path)
        try rawConnection(path).write { db in
            try db.execute(sql: "INSERT INTO ledger_migrations VALUES ('9-future', '2027-01-01T00:00:00.000Z')")
        }
        XCTAssertLedgerError(.newerLedger(path: path, migration: "9-future"), naming: path) { try Ledger(path: path) }
    }

    /// A damaged file takes no writes; a reader that writes nothing (a push) may still open an
    /// up-to-date one without reading every page first, and reads what is whole.
    func testADamagedLedgerIsRefusedForWritesAndOpensForAReaderThatWritesNothing() throws {
        let path = folder.path("ledger.sqlite")
        let ledger = try Ledger(path: path)
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        _ = try ledger.record(flow: Flow.cashSale("K1-000001", at: Flow.time(60)))
        try ledger.queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let (root, pageSize) = try rawConnection(path).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'cash_movements'")!,
             try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data([0x0D, 0, 0, 0, 0x50] + [UInt8](repeating: 0xEE, count: 300)))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertLedgerError(.corrupt(path: path), naming: path) { try Ledger(path: path) }
        let reader = try Ledger(path: path, readingOnly: true)
        XCTAssertEqual(try reader.journalRows(after: 0, limit: 100).count, try rawConnection(path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM journal")!
        })
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), damaged)
    }

    func testAReadOnlyLedgerIsRefused() throws {
        let path = folder.path("ledger.sqlite")
        try Ledger(path: path).record(flow: Flow.cardSale("C1"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        XCTAssertLedgerError(.readOnly(path: path), naming: path) { try Ledger(path: path) }
    }

    func testAReadOnlyFolderIsRefused() throws {
        let path = folder.path("ledger.sqlite")
        _ = try Ledger(path: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.url.path)
        guard !FileManager.default.isWritableFile(atPath: folder.url.path) else {
            throw XCTSkip("this user may write to any folder (root), so a read-only folder cannot be made")
        }
        XCTAssertLedgerError(.readOnly(path: path), naming: path) { try Ledger(path: path) }
    }

    func testALockHeldForLongIsReportedAsBusyAndAShortOneIsWaitedFor() throws {
        let path = folder.path("ledger.sqlite")
        let ledger = try Ledger(path: path, busyTimeout: 0.5)
        try ledger.record(flow: Flow.cardSale("C1"))

        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let locker = try DatabaseQueue(path: path, configuration: config)
        try locker.writeWithoutTransaction { try $0.execute(sql: "BEGIN EXCLUSIVE") }

        // Readers still read while the lock is held, and a kiosk can still start.
        XCTAssertEqual(try ledger.transaction(id: "C1")?.status, .completed)
        let second = try Ledger(path: path, busyTimeout: 0.5)
        let started = Date()
        XCTAssertLedgerError(.busy(path: path), naming: path) { try second.record(flow: Flow.cardSale("C2")) }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.5)
        XCTAssertNil(try ledger.transaction(id: "C2"))

        // A lock released within the time-out is simply waited for.
        let patient = try Ledger(path: path, busyTimeout: 10)
        let release = Thread {
            Thread.sleep(forTimeInterval: 0.7)
            try? locker.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        }
        release.start()
        XCTAssertEqual(try patient.record(flow: Flow.cardSale("C2")), ["C2": 2])
    }

    func testAFullDiskIsReportedAndTheFailedCommitLeavesNoTrace() throws {
        let path = folder.path("ledger.sqlite")
        try Ledger(path: path).ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        let pages = try rawConnection(path).read { try Int.fetchOne($0, sql: "PRAGMA page_count") }!
        let ledger = try Ledger(path: path, maxPageCount: pages + 2)
        var recorded = 0
        var failure: Error?
        for n in 1...500 {
            let flow = Flow.cashSale("T\(n)", plan: String(repeating: "long plan name ", count: 20))
            do {
                for commit in flow {
                    try ledger.record(commit)
                    recorded += commit.count
                }
            } catch {
                failure = error
                break
            }
        }
        XCTAssertGreaterThan(recorded, 0, "the disk was full before the first sale")
        XCTAssertEqual(failure as? LedgerError, .diskFull(path: path))
        XCTAssertTrue(String(describing: failure!).contains(path))
        XCTAssertEqual(try ledger.verify(), .ok(rows: 1 + recorded, zReports: 0))
        let fromMovements = try ledger.cashMovements(terminalId: "K1")
            .reduce(into: CashPieces()) { $0[$1.denomination] += $1.kind.sign * $1.count }
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), fromMovements.filter { _, n in n > 0 })
    }

    func testANewLedgerOnAFullDiskIsReported() {
        let path = folder.path("ledger.sqlite")
        XCTAssertLedgerError(.diskFull(path: path), naming: path) { try Ledger(path: path, maxPageCount: 2) }
    }
}
