import ChildProcess
import Foundation
import Ledger
import Money
import XCTest

/// HQ's Z reports, register slips and terminal states, each from the pushed journal, against
/// the store's own ledger.
extension PushTests {
    private func sqlite(_ ledger: String, _ sql: String) throws -> String {
        let out = try ChildProcess.run("sqlite3", [ledger, sql], timeout: 60)
        XCTAssertEqual(out.status, 0, out.errors)
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func closeZ(_ ledger: String, terminal: String, counted: String?) throws -> [String: Any] {
        let out = try HQCluster.kiosk(["report", "z", "--terminal", terminal, "--format", "json",
                                       "--ledger", ledger, "--fixtures", "fixtures"] + (counted.map { ["--counted", $0] } ?? []))
        XCTAssertEqual(out.status, 0, out.stderr)
        return try json(out.stdout)
    }

    func testEachZAtHQHasTheStoresOwnSalesCashAndOverShort() throws {
        let ledger = scratch.path("namba.sqlite")
        let store = try StoreDay.ledger(ledger, sales: 20)
        func after(_ sales: Int) -> Date { StoreDay.opening.addingTimeInterval(Double(60 * sales + 30)) }
        let all = try store.cashInventory(terminalId: "FM-NMB-1")
        var zs = [try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: after(20), counted: all)]
        try StoreDay.record(on: store, store: "fm-namba", terminal: "FM-NMB-1", sales: 20..<35)
        zs.append(try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: after(35), counted: [1000: 3, 100: 7]))
        try StoreDay.record(on: store, store: "fm-namba", terminal: "FM-NMB-1", sales: 35..<40)
        zs.append(try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: after(40)))
        let own = try zs.map { try json($0.json) }
        XCTAssertEqual(try push(ledger, token: try enroll("fm-namba")).status, 0)

        let rows = try cluster.psql(db, """
            SELECT string_agg(concat_ws(' ', number, sales_yen, tax_yen, opening_yen, expected_yen,
                                        coalesce(counted_yen::text, 'null'), coalesce(over_short_yen::text, 'null'),
                                        coalesce(period_start, 'null'), period_end),
                              '|' ORDER BY number) FROM z_reports WHERE store_id = 'fm-namba'
            """)
        let expected = try own.map { z -> String in
            let cash = try XCTUnwrap(z["cash"] as? [String: Any])
            let period = try XCTUnwrap(z["period"] as? [String: Any])
            func text(_ v: Any?) -> String { (v as? Int).map(String.init) ?? "null" }
            return [text(z["number"]), text(z["sales_yen"]), text(z["tax_yen"]), text(cash["opening_yen"]),
                    text(cash["expected_yen"]), text(cash["counted_yen"]), text(cash["over_short_yen"]),
                    period["from"] as? String ?? "null", period["to"] as? String ?? ""].joined(separator: " ")
        }.joined(separator: "|")
        XCTAssertEqual(rows, expected)
        XCTAssertEqual(own.first.flatMap { ($0["cash"] as? [String: Any])?["over_short_yen"] as? Int }, 0, "all counted")
        XCTAssertNotEqual(own[1]["sales_yen"] as? Int, 0)
        XCTAssertEqual(try verify().status, 0)

        _ = try cluster.psql(db, "UPDATE z_reports SET counted_yen = counted_yen + 10, over_short_yen = over_short_yen + 10 WHERE number = 2")
        let out = try verify()
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.hasSuffix("HQ's Z report 2 of terminal FM-NMB-1 differs from what the journal gives.\n"), out.stderr)
    }

    func testSlipsTerminalStatesAndCashAtHQAreTheLedgersOwn() throws {
        let ledger = scratch.path("sapporo.sqlite")
        try simulate(ledger, terminal: "LW-SPR-2", customers: 30, seed: 3)
        try simulate(ledger, terminal: "LW-SPR-1", customers: 20, seed: 4)
        let load = try HQCluster.kiosk(["paper", "load", "--terminal", "LW-SPR-1", "--sheets", "350",
                                        "--ledger", ledger, "--fixtures", "fixtures"])
        XCTAssertEqual(load.status, 0, load.stderr)
        XCTAssertEqual(try push(ledger, token: try enroll("lw-sapporo-odori")).status, 0)

        let ownSlips = try sqlite(ledger, """
            SELECT group_concat(slip_no || ' ' || terminal_id || ' ' || amount_yen || ' ' || status
                                || coalesce(' ' || txn_id || ' ' || register_id, ''), '|')
            FROM (SELECT * FROM register_slips ORDER BY slip_no)
            """)
        XCTAssertTrue(ownSlips.contains(" paid "), ownSlips)
        XCTAssertEqual(try cluster.psql(db, """
            SELECT string_agg(concat_ws(' ', slip_no, terminal_id, amount_yen, status, txn_id, register_id), '|' ORDER BY slip_no)
            FROM register_slips
            """), ownSlips)

        let cash = try cluster.psql(db, """
            SELECT string_agg(terminal_id || ' ' || denomination || '=' || count, ',' ORDER BY terminal_id, denomination)
            FROM terminal_cash WHERE count > 0
            """)
        XCTAssertEqual(cash, try sqlite(ledger, """
            SELECT group_concat(terminal_id || ' ' || denomination || '=' || count, ',')
            FROM (SELECT * FROM cash_inventory WHERE count > 0 ORDER BY terminal_id, denomination)
            """))
        let states = try cluster.psql(db, """
            SELECT string_agg(concat_ws(' ', terminal_id, last_seq, last_receipt_no, coalesce(paper_loaded_sheets::text, '-'),
                                        receipts_since_paper, CASE WHEN last_sale_at IS NULL THEN 'none' ELSE 'sold' END), '|' ORDER BY terminal_id)
            FROM terminal_state
            """)
        let lastSeq = { (t: String) in try self.sqlite(ledger, "SELECT max(seq) FROM journal WHERE terminal_id = '\(t)'") }
        let lastReceipt = { (t: String) in try self.sqlite(ledger, "SELECT max(receipt_no) FROM transactions WHERE terminal_id = '\(t)'") }
        XCTAssertEqual(states, [
            "LW-SPR-1 \(try lastSeq("LW-SPR-1")) \(try lastReceipt("LW-SPR-1")) 350 0 sold",
            "LW-SPR-2 \(try lastSeq("LW-SPR-2"))",
            "LW-SPR-R1 \(try lastSeq("LW-SPR-R1")) \(try lastReceipt("LW-SPR-R1")) - \(try lastReceipt("LW-SPR-R1")) sold",
        ].joined(separator: "|").replacingOccurrences(of: "LW-SPR-2 \(try lastSeq("LW-SPR-2"))",
                                                      with: "LW-SPR-2 \(try lastSeq("LW-SPR-2")) - 0 none"))
        XCTAssertEqual(try verify().status, 0)

        _ = try cluster.psql(db, "UPDATE register_slips SET status = 'voided' WHERE slip_no = (SELECT min(slip_no) FROM register_slips WHERE status = 'paid')")
        var out = try verify()
        XCTAssertTrue(out.stderr.hasSuffix("HQ's register slips differ from what the journal gives.\n"), out.stderr)
        _ = try cluster.psql(db, "UPDATE register_slips SET status = 'paid' WHERE status = 'voided'")
        _ = try cluster.psql(db, "UPDATE terminal_cash SET count = count + 1 WHERE denomination = 100 AND terminal_id = 'LW-SPR-1'")
        out = try verify()
        XCTAssertTrue(out.stderr.hasSuffix("HQ's terminal cash differs from what the journal's cash movements give.\n"), out.stderr)
    }

    func testTheReportOfAStoreIsItsOwnZsAndAreasAndSilentStoresAreNamed() throws {
        let ledger = scratch.path("namba.sqlite")
        let store = try StoreDay.ledger(ledger, sales: 12)
        func after(_ sales: Int) -> Date { StoreDay.opening.addingTimeInterval(Double(60 * sales + 30)) }
        var zs = [try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: after(12), counted: [10000: 3])]
        try StoreDay.record(on: store, store: "fm-namba", terminal: "FM-NMB-1", sales: 12..<30)
        zs.append(try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: after(30), counted: try store.cashInventory(terminalId: "FM-NMB-1")))
        XCTAssertEqual(try push(ledger, token: try enroll("fm-namba")).status, 0)
        func report(_ arguments: [String]) throws -> [String: Any] {
            let out = try HQCluster.kiosk(["hq", "report", "--db", db, "--format", "json", "--fixtures", "fixtures"] + arguments)
            XCTAssertEqual(out.status, 0, out.stderr)
            return try json(out.stdout)
        }

        let mine = try report(["--store", "fm-namba"])
        let own = try zs.map { try json($0.json) }
        let hqZs = try XCTUnwrap(mine["z_reports"] as? [[String: Any]])
        func figures(_ z: [String: Any]) -> String {
            let cash = z["cash"] as? [String: Any] ?? [:]
            return "\(z["number"] ?? "") \(z["sales_yen"] ?? "") \(z["tax_yen"] ?? "") \(cash["expected_yen"] ?? "") \(cash["counted_yen"] ?? "") \(cash["over_short_yen"] ?? "")"
        }
        XCTAssertEqual(hqZs.map(figures), own.map(figures))
        XCTAssertEqual(own.map { ($0["cash"] as? [String: Any])?["over_short_yen"] as? Int }, [30_000 - zs[0].cash.expectedYen, 0])
        XCTAssertEqual(mine["sales_yen"] as? Int, own.compactMap { $0["sales_yen"] as? Int }.reduce(0, +), "every sale is in one of the Zs")

        let osaka = try report(["--area", "Osaka"])
        XCTAssertEqual((osaka["by_store"] as? [[String: Any]])?.map { $0["store"] as? String }, ["fm-namba"])
        XCTAssertEqual((osaka["silent_stores"] as? [[String: Any]])?.count, 0)
        let tokyo = try report(["--area", "Tokyo"])
        XCTAssertEqual((tokyo["silent_stores"] as? [[String: Any]])?.map { "\($0["store"]!) \($0["last_push_at"]!)" },
                       ["fm-shibuya-center <null>", "lw-haneda-t3 <null>", "se-shinjuku-3 <null>"])
        _ = try cluster.psql(db, "UPDATE ledgers SET last_push_at = now() - interval '30 hours'")
        XCTAssertEqual((try report(["--area", "Osaka"])["silent_stores"] as? [[String: Any]])?.map { $0["store"] as? String }, ["fm-namba"])
        XCTAssertEqual((try report(["--area", "Osaka", "--silent-hours", "31"])["silent_stores"] as? [[String: Any]])?.count, 0)

        let unknown = try HQCluster.kiosk(["hq", "report", "--area", "Nagoya", "--db", db, "--fixtures", "fixtures"])
        XCTAssertEqual(unknown.stderr, "Unknown area \"Nagoya\"; the areas are Kyoto, Osaka, Sapporo, Tokyo.\n")

        let pdf = scratch.path("namba.pdf")
        let made = try HQCluster.kiosk(["hq", "report", "--store", "fm-namba", "--db", db, "--format", "pdf", "--out", pdf, "--fixtures", "fixtures"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let text = try ChildProcess.run("pdftotext", ["-layout", pdf, "-"], timeout: 60)
        XCTAssertEqual(text.status, 0, text.errors)
        XCTAssertTrue(text.output.contains("Z REPORTS"), text.output)
        XCTAssertTrue(text.output.contains("FM-NMB-1 Z2"), text.output)
        XCTAssertTrue(text.output.contains(formatYen(30_000 - zs[0].cash.expectedYen)), text.output)
    }

    func testAZOfAStoreWithALongIdIsNamedWholeInTheTextReport() throws {
        let ledger = scratch.path("shibuya.sqlite")
        let store = try StoreDay.ledger(ledger, store: "fm-shibuya-center", terminal: "FM-SBY-1", sales: 3)
        _ = try store.closeZ(terminalId: "FM-SBY-1", staff: "Sato", at: StoreDay.opening.addingTimeInterval(600))
        XCTAssertEqual(try push(ledger, token: try enroll("fm-shibuya-center")).status, 0)
        func report(_ format: String) throws -> String {
            let out = try HQCluster.kiosk(["hq", "report", "--store", "fm-shibuya-center", "--db", db, "--format", format, "--fixtures", "fixtures"])
            XCTAssertEqual(out.status, 0, out.stderr)
            return out.stdout
        }
        let z = try XCTUnwrap((try json(try report("json"))["z_reports"] as? [[String: Any]])?.first)
        let day = try XCTUnwrap(z["business_date"] as? String)
        XCTAssertTrue(try report("text").contains("  fm-shibuya-center FM-SBY-1 Z1 \(day) "), "the Z's label, its day whole")
    }

    /// A database from before the Z, slip and terminal tables: the next command that opens it
    /// adds them and projects into them the rows pushed before, so `hq verify` passes.
    func testTheRowsPushedBeforeTheZTablesCameAreInThemAfter() throws {
        let ledger = scratch.path("namba.sqlite")
        let store = try StoreDay.ledger(ledger, sales: 12)
        let z = try store.closeZ(terminalId: "FM-NMB-1", staff: "Sato", at: StoreDay.opening.addingTimeInterval(3600),
                                 counted: [1000: 2])
        XCTAssertEqual(try push(ledger, token: try enroll("fm-namba")).status, 0)
        let before = try cluster.psql(db, "SELECT number, expected_yen, over_short_yen FROM z_reports")
        XCTAssertEqual(before, "\(try XCTUnwrap(z.number))|\(z.cash.expectedYen)|\(try XCTUnwrap(z.cash.overShortYen))")
        _ = try cluster.psql(db, """
            DROP TABLE terminal_cash, terminal_state, register_slips, z_reports;
            DELETE FROM hq_migrations WHERE name = '3-z-reports-slips-terminals'
            """)

        XCTAssertEqual(try verify().status, 0)
        XCTAssertEqual(try cluster.psql(db, "SELECT number, expected_yen, over_short_yen FROM z_reports"), before)
        XCTAssertEqual(try cluster.psql(db, "SELECT count(*) FROM terminal_state WHERE store_id = 'fm-namba'"), "1")
    }
}
