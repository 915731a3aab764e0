import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class HostTopUpTests: XCTestCase {
    func testApplyingTwiceWithOneTransactionIdCreditsOnce() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        let first = try ledger.hostApply(txnId: "T1", simNumber: "09012345678", planId: "prepaid-30d",
                                         newExpiry: "2026-12-25", at: Flow.morning)
        let again = try ledger.hostApply(txnId: "T1", simNumber: "09012345678", planId: "prepaid-30d",
                                         newExpiry: "2027-01-24", at: Flow.time(30))
        XCTAssertEqual(again, first)
        XCTAssertEqual(first, HostTopUp(txnId: "T1", simNumber: "09012345678", planId: "prepaid-30d",
                                        newExpiry: "2026-12-25", appliedAt: Flow.morning))
        XCTAssertEqual(try ledger.hostLatestExpiry(simNumber: "09012345678"), "2026-12-25")
        let rows = try rawConnection(ledger.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM host_topups") }
        XCTAssertEqual(rows, 1)
    }

    func testAnotherProcessSeesWhatTheHostApplied() throws {
        let folder = try ScratchFolder()
        let kiosk = try Ledger(path: folder.path("ledger.sqlite"))
        let host = try Ledger(path: kiosk.path)
        XCTAssertNil(try kiosk.hostTopUp(txnId: "T1"))
        XCTAssertNil(try kiosk.hostLatestExpiry(simNumber: "09012345678"))
        try host.hostApply(txnId: "T1", simNumber: "09012345678", planId: "p30", newExpiry: "2026-12-25", at: Flow.morning)
        try host.hostApply(txnId: "T2", simNumber: "09012345678", planId: "p30", newExpiry: "2027-01-24", at: Flow.time(60))
        try host.hostApply(txnId: "T3", simNumber: "08099990000", planId: "p7", newExpiry: "2026-12-02", at: Flow.time(90))
        XCTAssertEqual(try kiosk.hostTopUp(txnId: "T2")?.newExpiry, "2027-01-24")
        XCTAssertEqual(try kiosk.hostLatestExpiry(simNumber: "09012345678"), "2027-01-24")
        XCTAssertEqual(try kiosk.hostLatestExpiry(simNumber: "08099990000"), "2026-12-02")
    }

    func testTheHostsTopUpsInASnapshotAreThoseOfItsMoment() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.snapshot {
            XCTAssertNil(try ledger.hostTopUp(txnId: "T1"))
            try ledger.hostApply(txnId: "T1", simNumber: "09012345678", planId: "p30", newExpiry: "2026-12-25", at: Flow.morning)
            XCTAssertNil(try ledger.hostTopUp(txnId: "T1"))
            XCTAssertNil(try ledger.hostLatestExpiry(simNumber: "09012345678"))
        }
        XCTAssertEqual(try ledger.hostTopUp(txnId: "T1")?.newExpiry, "2026-12-25")
    }

    func testTheKiosksCommitsWaitForTheDiskAgainAfterADevicesWrite() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        func synchronous() throws -> Int? { try ledger.queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA synchronous") } }
        let full = 2
        XCTAssertEqual(try synchronous(), full)
        try ledger.hostApply(txnId: "T1", simNumber: "09012345678", planId: "p30", newExpiry: "2026-12-25", at: Flow.morning)
        XCTAssertEqual(try synchronous(), full)
        // A device's write that fails leaves the connection as it found it, too.
        XCTAssertThrowsError(try ledger.hostApply(txnId: "", simNumber: "09012345678", planId: "p30", newExpiry: "2026-12-25", at: Flow.morning))
        XCTAssertThrowsError(try ledger.deviceWrite { db in try db.execute(sql: "INSERT INTO no_such_table VALUES (1)") })
        XCTAssertEqual(try synchronous(), full)
    }

    func testTheLatestTopUpOfASIMIsOneStepDownAnIndex() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        let plan = try ledger.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Ledger.latestExpirySQL, arguments: ["09012345678"]).map { $0["detail"] as String }
        }
        XCTAssertEqual(plan, ["SEARCH host_topups USING INDEX host_topups_by_sim (sim_number=?)"])
    }

    /// The carrier's records do not wait for the disk; the kiosk's own commits always do.
    func testOnlyTheCarriersWritesSkipWaitingForTheDisk() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        let synchronous = "PRAGMA synchronous"   // 1 is NORMAL, 2 is FULL
        XCTAssertEqual(try ledger.deviceWrite { try Int.fetchOne($0, sql: synchronous) }, 1)
        XCTAssertEqual(try ledger.write { try Int.fetchOne($0, sql: synchronous) }, 2)
        XCTAssertEqual(try ledger.read { try Int.fetchOne($0, sql: synchronous) }, 2)
    }
}
