import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class ReportTests: ReportDayTestCase {
    /// Every number of the X report, against sums an auditor would write by hand in SQL.
    func testXReportNumbersEqualSumsOverTheRows() throws {
        let report = try ledger.xReport(terminalId: "K1", at: ReportDay.evening)
        try rawConnection(ledger.path).read { db in
            for status in ["completed", "cancelled", "refunded", "refund_due", "failed"] {
                let n = try Int.fetchOne(db, sql: "SELECT count(*) FROM transactions WHERE terminal_id = 'K1' AND status = ?",
                                         arguments: [status])!
                XCTAssertEqual(report.transactions[TransactionStatus(rawValue: status)!] ?? 0, n, status)
            }
            // Sales: completed, plus refund dues whose top-up was applied.
            let sales = "terminal_id = 'K1' AND (status = 'completed' OR id IN (SELECT txn_id FROM journal WHERE kind = 'top_up_applied' AND txn_id IN (SELECT id FROM transactions WHERE status = 'refund_due')))"
            let total = try Row.fetchOne(db, sql: "SELECT count(*) AS n, sum(amount_yen) AS yen, sum(tax_yen) AS tax FROM transactions WHERE \(sales)")!
            XCTAssertEqual(report.sales, ShiftReport.Tally(count: total["n"], yen: total["yen"]))
            XCTAssertEqual(report.taxYen, total["tax"] as Int)
            for method in ["cash", "card"] {
                let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, COALESCE(sum(amount_yen), 0) AS yen FROM transactions WHERE \(sales) AND payment_method = ?",
                                           arguments: [method])!
                XCTAssertEqual(report.byPayment[method], ShiftReport.Tally(count: row["n"], yen: row["yen"]), method)
            }
            let plans = try Row.fetchAll(db, sql: "SELECT carrier_id, plan_id, count(*) AS n, sum(amount_yen) AS yen FROM transactions WHERE \(sales) GROUP BY 1, 2 ORDER BY 1, 2")
            XCTAssertEqual(report.byPlan.map { [$0.carrierId, $0.planId, "\($0.sales.count)", "\($0.sales.yen)"] },
                           plans.map { [$0["carrier_id"], $0["plan_id"], "\($0["n"] as Int)", "\($0["yen"] as Int)"] })
            for kind in CashMovementKind.allCases {
                let yen = try Int.fetchOne(db, sql: "SELECT COALESCE(sum(denomination * count), 0) FROM cash_movements WHERE terminal_id = 'K1' AND kind = ?",
                                           arguments: [kind.rawValue])!
                let reported = [.cashIn: report.cash.inYen, .change: report.cash.changeOutYen, .refund: report.cash.refundedYen,
                                .replenish: report.cash.replenishedYen, .collect: report.cash.collectedYen][kind]!
                XCTAssertEqual(reported, yen, kind.rawValue)
            }
            let inventory = try Int.fetchOne(db, sql: "SELECT sum(denomination * count) FROM cash_inventory WHERE terminal_id = 'K1'")!
            XCTAssertEqual(report.cash.expectedYen, inventory)
            let owed = try Row.fetchOne(db, sql: "SELECT count(*) AS n, sum(yen) AS yen FROM refunds_due WHERE terminal_id = 'K1' AND settled_at IS NULL")!
            XCTAssertEqual(report.refundsDue, ShiftReport.Tally(count: owed["n"], yen: owed["yen"]))
        }
        XCTAssertEqual(report.cash.openingYen, 0)
        XCTAssertNil(report.from)
        XCTAssertEqual(report.transactions[.completed], 4)
        XCTAssertEqual(report.sales.count, 5)
    }

    /// Sales by hour in Japan: T1, T2, D2 finished in the 13:00 hour, T3 and T4 in the 14:00 hour.
    func testSalesByHourAreCountedInJapaneseTime() throws {
        let report = try ledger.xReport(terminalId: "K1", at: ReportDay.evening)
        XCTAssertEqual(report.byHour.map(\.hour), [13, 14])
        XCTAssertEqual(report.byHour.map(\.sales.count), [3, 2])
        XCTAssertEqual(report.byHour.map(\.sales.yen), [2980 * 3, 2980 + 980])
    }

    func testAnXReportChangesNothing() throws {
        let before = try fingerprint()
        _ = try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: [1000: 3])
        _ = try ledger.xReport(storeId: "S001", at: ReportDay.evening)
        XCTAssertEqual(try fingerprint(), before)
    }

    func testOverShortIsZeroWhenTheCountMatchesAndTheDifferenceOtherwise() throws {
        let inventory = try ledger.cashInventory(terminalId: "K1")
        let matching = try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: inventory)
        XCTAssertEqual(matching.cash.overShortYen, 0)
        var short = inventory
        short[100] -= 3
        short[10] -= 1
        XCTAssertEqual(try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: short).cash.overShortYen, -310)
        var over = inventory
        over[1000] += 1
        XCTAssertEqual(try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: over).cash.overShortYen, 1000)
        XCTAssertNil(try ledger.xReport(terminalId: "K1", at: ReportDay.evening).cash.overShortYen)
    }

    /// Z 1 closes the day; Z 2 covers only what came after, opening with what Z 1 expected.
    func testZReportsAreNumberedAndEachCoversOnlyItsPeriod() throws {
        let first = try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening)
        XCTAssertEqual(first.number, 1)
        let empty = try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening.addingTimeInterval(60))
        XCTAssertEqual(empty.number, 2)
        XCTAssertEqual(empty.from, first.to)
        XCTAssertEqual(empty.sales, ShiftReport.Tally())
        XCTAssertEqual(empty.transactions.values.reduce(0, +), 0)
        XCTAssertEqual(empty.cash.openingYen, first.cash.expectedYen)
        XCTAssertEqual(empty.cash.expectedYen, first.cash.expectedYen)

        let later = ReportDay.evening.addingTimeInterval(3600)
        try ledger.record(flow: Flow.cashSale("T9", at: later, inserted: [5000], change: [1000: 2, 10: 2]))
        let x = try ledger.xReport(terminalId: "K1", at: later.addingTimeInterval(60))
        XCTAssertEqual(x.sales, ShiftReport.Tally(count: 1, yen: 2980))
        XCTAssertEqual(x.cash.inYen, 5000)
        XCTAssertEqual(x.cash.openingYen, first.cash.expectedYen)
        XCTAssertEqual(try ledger.closeZ(terminalId: "K1", staff: "Sato", at: later.addingTimeInterval(60)).number, 3)
        XCTAssertEqual(try ledger.zReports(terminalId: "K1").map(\.number), [1, 2, 3])
        XCTAssertEqual(try ledger.zReports(terminalId: "K2"), [])
    }

    func testAZIsStoredAsItsJSONAndJournaledWithTheStaffName() throws {
        let z = try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening)
        let stored = try XCTUnwrap(try ledger.zReports(terminalId: "K1").first)
        XCTAssertEqual(stored.body, z.json)
        XCTAssertEqual(stored.businessDate, "2026-11-25")
        let last = try XCTUnwrap(try ledger.journal().last)
        XCTAssertEqual(last.step, .zClosed(number: 1, periodEnd: StoredTime.text(z.to), countedYen: nil, staff: "Sato"))
        XCTAssertEqual(try ledger.verify(), .ok(rows: try ledger.journal().count, zReports: 1))
    }

    func testAClosedZNeverChangesAndVerifyNoticesAnEdit() throws {
        try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening)
        let raw = try rawConnection(ledger.path)
        XCTAssertThrowsError(try raw.write { db in
            try db.execute(sql: "UPDATE z_reports SET body = replace(body, '\"sales_yen\":', '\"sales_yen\":1') WHERE number = 1")
        })
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER z_reports_no_update")
            try db.execute(sql: "UPDATE z_reports SET body = replace(body, '\"sales_yen\":', '\"sales_yen\":1') WHERE number = 1")
        }
        XCTAssertEqual(try ledger.verify(), .zReportChanged(number: 1, terminalId: "K1"))
    }

    func testAStoreZClosesEachOfItsTerminals() throws {
        let store = try ledger.closeZ(storeId: "S001", staff: "Sato", at: ReportDay.evening)
        XCTAssertEqual(store.closedNumbers, ["K1": 1, "K2": 1])
        XCTAssertNil(store.terminalId)
        let k1 = try ledger.zReports(terminalId: "K1")
        let k2 = try ledger.zReports(terminalId: "K2")
        XCTAssertEqual([k1.count, k2.count], [1, 1])
        XCTAssertEqual(store.sales.count, 6)
        XCTAssertEqual(store.byPayment["card"]?.count, 2)
        XCTAssertEqual(try ledger.closeZ(terminalId: "K2", staff: "Sato", at: ReportDay.evening.addingTimeInterval(1)).number, 2)
    }

    func testAReportOfAnUnknownTerminalOrStoreIsOneSentence() throws {
        XCTAssertLedgerError(.invalidEntry("Terminal K9 has never opened on this ledger, so it has nothing to report.")) {
            try ledger.xReport(terminalId: "K9", at: ReportDay.evening)
        }
        XCTAssertLedgerError(.invalidEntry("Store S404 has no terminal that has opened on this ledger.")) {
            try ledger.closeZ(storeId: "S404", staff: "Sato", at: ReportDay.evening)
        }
        try ledger.closeZ(terminalId: "K1", staff: "Sato", at: ReportDay.evening)
        XCTAssertThrowsError(try ledger.closeZ(terminalId: "K1", staff: "Sato", at: Flow.morning))
        XCTAssertEqual(try ledger.zReports(terminalId: "K1").count, 1)
    }

    func testEverySaleOfAMachineIsPaidAtTheMachine() throws {
        let report = try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: [1000: 1])
        XCTAssertGreaterThan(report.sales.count, 0)
        XCTAssertEqual(report.byPlace[.machineCash], report.byPayment["cash"])
        XCTAssertEqual(report.byPlace[.machineCard], report.byPayment["card"])
        XCTAssertNil(report.byPlace[.registerCash])
        XCTAssertEqual(report.byPlace.values.reduce(0) { $0 + $1.yen }, report.sales.yen)
        XCTAssertEqual(report.slips, ShiftReport.Slips())
    }

    func testJSONHasExactlyTheStableKeys() throws {
        let report = try ledger.xReport(terminalId: "K1", at: ReportDay.evening, counted: [1000: 1])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(report.prettyJSON.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["kind", "number", "store", "terminal", "period", "transactions", "sales_yen", "tax_yen",
                                          "by_payment", "by_brand", "by_carrier", "by_hour", "cash", "refunds_due",
                                          "by_place", "slips", "terminal_kind", "register_cash"])
        XCTAssertEqual(Set((object["by_place"] as! [String: Any]).keys),
                       ["machine_cash", "machine_card", "machine_wallet", "register_cash", "register_card"])
        XCTAssertEqual(object["terminal_kind"] as? String, "machine")
        XCTAssertTrue(object["register_cash"] is NSNull, "a terminal's report has no registers' drawers")
        XCTAssertEqual(Set((object["period"] as! [String: Any]).keys), ["from", "to"])
        XCTAssertEqual(Set((object["transactions"] as! [String: Any]).keys), ["completed", "cancelled", "refunded", "refund_due", "failed"])
        XCTAssertEqual(Set((object["by_payment"] as! [String: Any]).keys), ["cash", "card", "wallet"])
        XCTAssertEqual(Set(((object["by_brand"] as! [String: Any]).values.first as! [String: Any]).keys), ["count", "yen"])
        XCTAssertEqual(Set(((object["by_payment"] as! [String: Any])["cash"] as! [String: Any]).keys), ["count", "yen"])
        XCTAssertEqual(Set(((object["by_carrier"] as! [[String: Any]]).first!).keys), ["carrier", "plan", "count", "yen"])
        XCTAssertEqual(Set(((object["by_hour"] as! [[String: Any]]).first!).keys), ["hour", "count", "yen"])
        XCTAssertEqual(Set((object["cash"] as! [String: Any]).keys),
                       ["opening_yen", "in_yen", "change_out_yen", "refunded_yen", "replenished_yen", "collected_yen",
                        "expected_yen", "counted_yen", "over_short_yen"])
        XCTAssertEqual(Set((object["refunds_due"] as! [String: Any]).keys), ["count", "yen"])
        XCTAssertEqual(object["kind"] as? String, "x")
        XCTAssertTrue(object["number"] is NSNull)
        XCTAssertEqual((object["cash"] as! [String: Any])["over_short_yen"] as? Int, 1000 - report.cash.expectedYen)
        XCTAssertEqual(JSONValue.parse(report.json), JSONValue.parse(report.prettyJSON))
    }

    func testCSVHasOneFactARow() throws {
        let csv = try ledger.xReport(terminalId: "K1", at: ReportDay.evening).csv
        let lines = csv.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(lines.first, "section,item,detail,count,yen")
        XCTAssertTrue(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 5 }, csv)
        XCTAssertTrue(lines.contains("sales,sales,,5,\(2980 * 4 + 980)"), csv)
        XCTAssertTrue(lines.contains("by_carrier,docomo,prepaid-7d,1,980"), csv)
        XCTAssertTrue(lines.contains("cash,counted,,,"), csv)
    }

    /// Journal rows, movements and Z reports: what any write would change.
    private func fingerprint() throws -> [Int] {
        try rawConnection(ledger.path).read { db in
            try ["journal", "cash_movements", "z_reports", "transactions", "staff_lockout"].map {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)")!
            }
        }
    }
}
