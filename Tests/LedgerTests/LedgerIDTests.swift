import Foundation
import GRDB
import XCTest
@testable import Ledger

/// Each ledger has a stable id, made when the file gets its tables, by which HQ knows it.
final class LedgerIDTests: XCTestCase {
    func testANewLedgerHasAnIdThatStaysWhenItOpensAgain() throws {
        let folder = try ScratchFolder()
        let first = try Ledger(path: folder.path("a.sqlite")).id()
        XCTAssertEqual(try Ledger(path: folder.path("a.sqlite")).id(), first)
        XCTAssertNotEqual(try Ledger(path: folder.path("b.sqlite")).id(), first, "two ledgers, two ids")
        XCTAssertNotNil(UUID(uuidString: first.rawValue))
        XCTAssertEqual(first.rawValue, first.rawValue.lowercased())
        XCTAssertEqual(Array(first.rawValue)[14], "4", "a version 4 UUID")
    }

    func testTheIdCannotBeChangedThroughSQL() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("a.sqlite"))
        let id = try ledger.id()
        XCTAssertThrowsError(try ledger.write { db in
            try db.execute(sql: "UPDATE ledger_identity SET id = '00000000-0000-4000-8000-000000000000'")
        })
        XCTAssertThrowsError(try ledger.write { db in try db.execute(sql: "DELETE FROM ledger_identity") })
        XCTAssertEqual(try ledger.id(), id)
    }

    func testALedgerFromBeforeIdsGetsOneByTheMigration() throws {
        let folder = try ScratchFolder()
        let path = folder.path("old.sqlite")
        do {
            let ledger = try Ledger(path: path)
            try ledger.write { db in
                try db.execute(sql: """
                    DROP TRIGGER ledger_identity_no_delete;
                    DELETE FROM ledger_identity;
                    DROP TABLE ledger_identity;
                    DELETE FROM ledger_migrations WHERE name = '8-ledger-id';
                    """)
            }
        }
        let reopened = try Ledger(path: path)
        let id = try reopened.id()
        XCTAssertEqual(try Ledger(path: path).id(), id)
        XCTAssertTrue(try reopened.read { try Schema.applied($0) }.contains("8-ledger-id"))
    }

    func testALedgerIdIsALowercaseUUID() {
        XCTAssertNotNil(LedgerID(rawValue: "3f2b9c4e-1d2a-4b5c-8d6e-7f8091a2b3c4"))
        XCTAssertNil(LedgerID(rawValue: "3F2B9C4E-1D2A-4B5C-8D6E-7F8091A2B3C4"))
        XCTAssertNil(LedgerID(rawValue: "../../etc/passwd"))
        XCTAssertNil(LedgerID(rawValue: ""))
    }
}
