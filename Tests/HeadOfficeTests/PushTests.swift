import ChildProcess
import Foundation
import XCTest

/// Stores push their journals to a real `kiosk hq serve` over a real PostgreSQL: one cluster
/// for the class, a database of its own for each test.
final class PushTests: XCTestCase {
    nonisolated(unsafe) static var cluster: HQCluster?
    var scratch: Scratch!
    var db: String!
    private var service: ChildProcess?
    var hq: String!

    override class func setUp() {
        super.setUp()
        cluster = try? HQCluster()
    }

    override class func tearDown() {
        cluster?.remove()
        super.tearDown()
    }

    var cluster: HQCluster {
        get throws { try XCTUnwrap(Self.cluster, "PostgreSQL did not start (scripts/hq-postgres.sh)") }
    }

    override func setUpWithError() throws {
        scratch = try Scratch()
        db = try cluster.newDatabase()
        try startService()
    }

    override func tearDown() {
        stopService()
        scratch = nil
        super.tearDown()
    }

    private func startService() throws {
        let (process, port) = try HQCluster.serve(db)
        service = process
        hq = "http://127.0.0.1:\(port)"
    }

    private func stopService(_ signal: Int32 = SIGTERM) {
        service?.kill(signal)
        _ = service?.wait(timeout: 30)
        service = nil
    }

    // MARK: - Steps

    func simulate(_ ledger: String, terminal: String, customers: Int, seed: Int) throws {
        let out = try HQCluster.kiosk(["simulate", "--ledger", ledger, "--terminal", terminal, "--customers", String(customers),
                                       "--seed", String(seed), "--receipts", scratch.path("receipts"), "--fixtures", "fixtures"])
        XCTAssertEqual(out.status, 0, out.stderr)
    }

    /// The store's own X report of everything in its ledger, as JSON.
    func storesOwnX(_ store: String, _ ledger: String) throws -> [String: Any] {
        try json(try HQCluster.kiosk(["report", "x", "--store", store, "--format", "json", "--ledger", ledger, "--fixtures", "fixtures"]).stdout)
    }

    /// `kiosk hq report --store` of this HQ, in `format` (text when nil).
    func hqReport(store: String, _ format: String? = nil, _ more: [String] = []) throws -> HQCluster.Output {
        try HQCluster.kiosk(["hq", "report", "--store", store, "--db", db] + (format.map { ["--format", $0] } ?? []) + ["--fixtures", "fixtures"] + more)
    }

    func enroll(_ store: String) throws -> String {
        let out = try HQCluster.kiosk(["hq", "enroll", "--db", db, "--store", store])
        XCTAssertEqual(out.status, 0, out.stderr)
        let file = scratch.path("\(store).token")
        try out.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func push(_ ledger: String, token: String, _ more: [String] = []) throws -> HQCluster.Output {
        try HQCluster.kiosk(["hq", "push", "--hq", hq, "--token-file", token, "--ledger", ledger] + more)
    }

    func count(_ sql: String) throws -> Int {
        try XCTUnwrap(Int(try cluster.psql(db, sql)), sql)
    }

    func ledgerRows(_ ledger: String) throws -> Int {
        let out = try ChildProcess.run("sqlite3", [ledger, "SELECT count(*) FROM journal"], timeout: 60)
        return try XCTUnwrap(Int(out.output.trimmingCharacters(in: .whitespacesAndNewlines)), out.errors)
    }

    /// A request to HQ by curl: its status and its body.
    func curl(_ arguments: [String]) throws -> (Int, String) {
        let out = try ChildProcess.run("curl", ["-s", "-o", "-", "-w", "\n%{http_code}"] + arguments, timeout: 60)
        let lines = out.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last!) ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    func verify() throws -> HQCluster.Output {
        try HQCluster.kiosk(["hq", "verify", "--db", db])
    }

    func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], text)
    }

    // MARK: - Tests

    func testEnrollPushVerifyAndTheReportEqualsTheStoresOwn() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 60, seed: 7)
        let token = try enroll("fm-namba")
        let rows = try ledgerRows(ledger)

        let first = try push(ledger, token: token)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("Pushed \(rows) rows"), first.stdout)
        XCTAssertEqual(try count("SELECT count(*) FROM journal WHERE store_id = 'fm-namba'"), rows)
        let ledgerId = try HQCluster.kiosk(["ledger", "id", "--ledger", ledger]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try cluster.psql(db, "SELECT ledger_id || ' ' || last_seq FROM ledgers"), "\(ledgerId) \(rows)")

        let verified = try verify()
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("1 ledgers, \(rows) journal rows"), verified.stdout)

        // A second push changes nothing.
        let before = try cluster.psql(db, "SELECT md5(string_agg(t::text, '|' ORDER BY txn_id)) FROM transactions t")
        let second = try push(ledger, token: token)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("Pushed 0 rows"), second.stdout)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        XCTAssertEqual(try cluster.psql(db, "SELECT md5(string_agg(t::text, '|' ORDER BY txn_id)) FROM transactions t"), before)

        // HQ's report of the store is the store's own X report.
        let own = try storesOwnX("fm-namba", ledger)
        let out = try hqReport(store: "fm-namba", "json")
        XCTAssertEqual(out.status, 0, out.stderr)
        let mine = try json(out.stdout)
        XCTAssertGreaterThan(own["sales_yen"] as? Int ?? 0, 0)
        XCTAssertEqual(mine["sales_yen"] as? Int, own["sales_yen"] as? Int)
        XCTAssertEqual(mine["tax_yen"] as? Int, own["tax_yen"] as? Int)
        let ownPayment = try XCTUnwrap(own["by_payment"] as? [String: [String: Int]])
        let myPayment = try XCTUnwrap(mine["by_payment"] as? [String: [String: Int]])
        for (method, tally) in ownPayment {
            XCTAssertEqual(myPayment[method]?["count"], tally["count"], method)
            XCTAssertEqual(myPayment[method]?["yen"], tally["yen"], method)
        }
        let ownPlans = try XCTUnwrap(own["by_carrier"] as? [[String: Any]]).map { "\($0["carrier"]!) \($0["plan"]!) \($0["count"]!) \($0["yen"]!)" }
        let myPlans = try XCTUnwrap(mine["by_carrier"] as? [[String: Any]]).map { "\($0["carrier"]!) \($0["plan"]!) \($0["count"]!) \($0["yen"]!)" }
        XCTAssertEqual(myPlans, ownPlans)

        // No token in clear anywhere in HQ's database.
        let secret = try String(contentsOfFile: token, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let dump = try ChildProcess.run("pg_dump", [db], timeout: 120)
        XCTAssertEqual(dump.status, 0, dump.errors)
        XCTAssertTrue(dump.output.contains("push_tokens"))
        XCTAssertFalse(dump.output.contains(String(secret.split(separator: ".")[2])), "the secret is stored only hashed")
    }

    /// Travellers' ways to pay in HQ's books: the brand split of one store (UnionPay, the
    /// wallets, the other cards) in JSON, CSV and text equals the store's own X report's.
    func testTheReportSplitsSalesByBrandAsTheStoresOwnXReportDoes() throws {
        let ledger = scratch.path("shibuya.sqlite")
        try simulate(ledger, terminal: "FM-SBY-1", customers: 120, seed: 7)
        XCTAssertEqual(try push(ledger, token: try enroll("fm-shibuya-center")).status, 0)
        let own = try storesOwnX("fm-shibuya-center", ledger)
        let ownBrands = try XCTUnwrap(own["by_brand"] as? [String: [String: Int]])
        for brand in ["UnionPay", "Alipay", "WeChat Pay"] {
            XCTAssertGreaterThan(ownBrands[brand]?["count"] ?? 0, 0, "a simulated day in Shibuya has \(brand) sales: \(ownBrands)")
        }
        let out = try hqReport(store: "fm-shibuya-center", "json")
        XCTAssertEqual(out.status, 0, out.stderr)
        let myBrands = try XCTUnwrap(try json(out.stdout)["by_brand"] as? [String: [String: Int]])
        XCTAssertEqual(myBrands.mapValues { [$0["count"]!, $0["yen"]!] }, ownBrands.mapValues { [$0["count"]!, $0["yen"]!] })

        let csv = try hqReport(store: "fm-shibuya-center", "csv")
        let unionPay = try XCTUnwrap(myBrands["UnionPay"])
        XCTAssertTrue(csv.stdout.contains("by_brand,UnionPay,,\(unionPay["count"]!),\(unionPay["yen"]!),\(unionPay["tax_yen"]!),,,\r\n"), csv.stdout)
        let text = try hqReport(store: "fm-shibuya-center").stdout
        let block = try XCTUnwrap(text.components(separatedBy: "\nBy brand\n").last?.components(separatedBy: "\n\n").first, text)
        XCTAssertEqual(block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").first! },
                       ownBrands.keys.sorted(), text)
    }

    /// At a machine that takes no money, customers pay their slips at the register or let them
    /// expire: HQ splits the sales by where they were paid and counts the slips as the store does.
    func testTheReportSplitsSalesByWherePaidAndCountsSlipsAsTheStoresOwnXReportDoes() throws {
        let ledger = scratch.path("sapporo.sqlite")
        try simulate(ledger, terminal: "LW-SPR-2", customers: 40, seed: 11)
        XCTAssertEqual(try push(ledger, token: try enroll("lw-sapporo-odori")).status, 0)
        let own = try storesOwnX("lw-sapporo-odori", ledger)
        let ownPlaces = try XCTUnwrap(own["by_place"] as? [String: [String: Int]])
        XCTAssertGreaterThan(ownPlaces["register_cash"]?["count"] ?? 0, 0, "customers paid at the register: \(ownPlaces)")
        let ownSlips = try XCTUnwrap(own["slips"] as? [String: Int])
        XCTAssertGreaterThan(ownSlips["expired"] ?? 0, 0, "some slips were never paid: \(ownSlips)")
        let out = try hqReport(store: "lw-sapporo-odori", "json")
        XCTAssertEqual(out.status, 0, out.stderr)
        let report = try json(out.stdout)
        let places = try XCTUnwrap(report["by_place"] as? [String: [String: Int]])
        XCTAssertEqual(places.mapValues { [$0["count"]!, $0["yen"]!] }, ownPlaces.mapValues { [$0["count"]!, $0["yen"]!] })
        XCTAssertEqual(places.values.map { $0["yen"]! }.reduce(0, +), report["sales_yen"] as? Int)
        XCTAssertEqual(report["slips"] as? [String: Int], ownSlips)
        let text = try hqReport(store: "lw-sapporo-odori").stdout
        XCTAssertTrue(text.contains("Application slips: \(ownSlips["issued"]!) issued, \(ownSlips["paid"]!) paid, "
                                    + "\(ownSlips["expired"]!) expired, \(ownSlips["voided"]!) voided"), text)
        let csv = try hqReport(store: "lw-sapporo-odori", "csv")
        XCTAssertTrue(csv.stdout.contains("by_place,register_cash,,\(places["register_cash"]!["count"]!),\(places["register_cash"]!["yen"]!),"), csv.stdout)
    }

    func testTheChainReportAddsUpItsStoresOwnReports() throws {
        var own: [String: Int] = [:]
        for (store, terminal, seed) in [("fm-namba", "FM-NMB-1", 21), ("fm-shibuya-center", "FM-SBY-1", 22), ("se-shinjuku-3", "SE-SJK3-1", 23)] {
            let ledger = scratch.path("\(store).sqlite")
            try simulate(ledger, terminal: terminal, customers: 15, seed: seed)
            XCTAssertEqual(try push(ledger, token: try enroll(store)).status, 0)
            let x = try storesOwnX(store, ledger)
            own[store] = try XCTUnwrap(x["sales_yen"] as? Int)
        }
        let out = try HQCluster.kiosk(["hq", "report", "--chain", "familymart", "--db", db, "--format", "json", "--fixtures", "fixtures"])
        XCTAssertEqual(out.status, 0, out.stderr)
        let report = try json(out.stdout)
        let byStore = try XCTUnwrap(report["by_store"] as? [[String: Any]])
        XCTAssertEqual(byStore.map { $0["store"] as? String }, ["fm-namba", "fm-shibuya-center"], "only the chain's stores")
        XCTAssertEqual(byStore.map { $0["yen"] as? Int }, [own["fm-namba"], own["fm-shibuya-center"]])
        XCTAssertEqual(report["sales_yen"] as? Int, own["fm-namba"]! + own["fm-shibuya-center"]!)
        let days = try XCTUnwrap(report["by_day"] as? [[String: Any]]).compactMap { $0["yen"] as? Int }
        XCTAssertEqual(days.reduce(0, +), report["sales_yen"] as? Int)

        let unknown = try HQCluster.kiosk(["hq", "report", "--chain", "ministop", "--db", db, "--fixtures", "fixtures"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.stderr, "Unknown chain \"ministop\"; the chains are seven-eleven, familymart, lawson.\n")
        let csv = try hqReport(store: "fm-namba", "csv", ["--from", "2000-01-01", "--to", "2000-01-02"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertTrue(csv.stdout.hasPrefix("section,item,detail,count,yen,tax_yen,expected_yen,counted_yen,over_short_yen\r\nsales,all,,0,0,0,,,\r\n"), csv.stdout)
    }

    func testBadInputOnTheCommandLineIsOneSentence() throws {
        func refused(_ arguments: [String], _ sentence: String, file: StaticString = #filePath, line: UInt = #line) throws {
            let out = try HQCluster.kiosk(arguments)
            XCTAssertEqual(out.status, 1, out.stdout, file: file, line: line)
            XCTAssertEqual(out.stderr, sentence + "\n", file: file, line: line)
        }
        try refused(["hq", "enroll", "--db", "mysql://x", "--store", "fm-namba"],
                    "\"mysql://x\" is not a database URL like postgres://hq:PASSWORD@127.0.0.1:5433/hq.")
        try refused(["hq", "enroll", "--db", db, "--store", "FM Namba"],
                    "\"FM Namba\" is not a store id: lowercase letters, digits and hyphens, at most 64.")
        let port = HQCluster.freePort()
        try refused(["hq", "verify", "--db", "postgres://hq:x@127.0.0.1:\(port)/hq"],
                    "The head-office database postgres://hq@127.0.0.1:\(port)/hq cannot be reached: nothing accepts connections at 127.0.0.1:\(port).")
        try refused(["hq", "verify", "--db", String(db.dropLast(2)) + "nosuch"],
                    "The head-office database \(DatabaseURLText.withoutPassword(String(db.dropLast(2)) + "nosuch")) refused: database \"nosuch\" does not exist.")
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 1, seed: 1)
        let junk = scratch.path("junk.token")
        try "not a token\n".write(toFile: junk, atomically: true, encoding: .utf8)
        try refused(["hq", "push", "--hq", hq, "--token-file", junk, "--ledger", ledger],
                    "The token file \(junk) does not hold a push token (from `kiosk hq enroll`).")
        try refused(["hq", "push", "--hq", "ftp://127.0.0.1", "--token-file", junk, "--ledger", ledger],
                    "\"ftp://127.0.0.1\" is not HQ's URL: http://HOST:PORT or https://HOST:PORT, nothing after the port.")
        try refused(["hq", "push", "--hq", hq, "--token-file", try enroll("fm-namba"), "--ledger", scratch.path("none.sqlite")],
                    "There is no ledger at \(scratch.path("none.sqlite")); check the path (a kiosk creates its ledger when it first runs).")
    }

    func testVerifyNamesTheFirstFaultInHQsBooksOrChain() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 8, seed: 11)
        XCTAssertEqual(try push(ledger, token: try enroll("fm-namba")).status, 0)
        XCTAssertEqual(try verify().status, 0)
        let txn = try cluster.psql(db, "SELECT txn_id FROM transactions WHERE status = 'completed' ORDER BY txn_id LIMIT 1")
        _ = try cluster.psql(db, "UPDATE transactions SET amount_yen = amount_yen + 1000 WHERE txn_id = '\(txn)'")
        var out = try verify()
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.hasSuffix("transaction \(txn) in HQ's transactions differs from what the journal gives.\n"), out.stderr)
        _ = try cluster.psql(db, "UPDATE transactions SET amount_yen = amount_yen - 1000 WHERE txn_id = '\(txn)'")
        XCTAssertEqual(try verify().status, 0)
        _ = try cluster.psql(db, "UPDATE journal SET payload = replace(payload, '1000', '5000') WHERE seq = 1")
        out = try verify()
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.hasSuffix("row seq 1 was changed: its hash does not match its content.\n"), out.stderr)
    }

    func testVerifyFindsJournalRowsAndMovementsOfALedgerHQDoesNotHold() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 8, seed: 11)
        XCTAssertEqual(try push(ledger, token: try enroll("fm-namba")).status, 0)
        let stray = "00000000-0000-4000-8000-000000000000"
        for table in ["journal", "cash_movements"] {
            let columns = try cluster.psql(db, """
                SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
                WHERE table_name = '\(table)' AND column_name <> 'ledger_id'
                """)
            _ = try cluster.psql(db, "INSERT INTO \(table) (ledger_id, \(columns)) SELECT '\(stray)', \(columns) FROM \(table) WHERE seq = 1")
            let out = try verify()
            XCTAssertEqual(out.status, 1)
            XCTAssertTrue(out.stderr.hasSuffix("HQ's \(table) holds rows of ledger \(stray) of store fm-namba, which is not a ledger HQ holds.\n"),
                          out.stderr)
            _ = try cluster.psql(db, "DELETE FROM \(table) WHERE ledger_id = '\(stray)'")
            XCTAssertEqual(try verify().status, 0)
        }
    }

    func testAStoresTokenCannotPushAnotherStoresLedger() throws {
        let shinjuku = scratch.path("shinjuku.sqlite")
        try simulate(shinjuku, terminal: "SE-SJK3-1", customers: 10, seed: 1)
        let namba = try enroll("fm-namba")
        let out = try push(shinjuku, token: namba)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stderr, "Row seq 1 belongs to store se-shinjuku-3; this token pushes only store fm-namba's rows.\n")
        XCTAssertEqual(try count("SELECT (SELECT count(*) FROM journal) + (SELECT count(*) FROM ledgers) + (SELECT count(*) FROM transactions)"), 0)
        XCTAssertEqual(try verify().status, 0)
    }

    func testALedgerEditedAfterAPushIsRefusedAndHQKeepsWhatItHad() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 10, seed: 2)
        let token = try enroll("fm-namba")
        XCTAssertEqual(try push(ledger, token: token).status, 0)
        let held = try ledgerRows(ledger)
        try simulate(ledger, terminal: "FM-NMB-1", customers: 5, seed: 3)
        let edit = try ChildProcess.run("sqlite3", [ledger, """
            DROP TRIGGER journal_no_update;
            UPDATE journal SET at = '2026-01-01T00:00:00.000Z' WHERE seq = \(held);
            """], timeout: 60)
        XCTAssertEqual(edit.status, 0, edit.errors)

        let out = try push(ledger, token: token)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stderr, "Row seq \(held) was changed after it was written: its hash does not match its content.\n")
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), held)
        XCTAssertEqual(try verify().status, 0)
    }

    /// A ledger of 13 customers pushed to HQ, and a copy of it made after 10 that went on with
    /// 15 of its own: HQ holds `held` rows, and the copy's rows from `held` on are not HQ's.
    func pushedLedgerAndAForkOfIt(seed: Int) throws -> (copy: String, token: String, held: Int) {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 10, seed: seed)
        let copy = scratch.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: ledger, toPath: copy)
        try simulate(ledger, terminal: "FM-NMB-1", customers: 3, seed: seed + 1)
        try simulate(copy, terminal: "FM-NMB-1", customers: 15, seed: seed + 2)
        let token = try enroll("fm-namba")
        XCTAssertEqual(try push(ledger, token: token).status, 0)
        return (copy, token, try ledgerRows(ledger))
    }

    func testACopyOfTheLedgerThatWentItsOwnWayIsAFork() throws {
        let (copy, token, held) = try pushedLedgerAndAForkOfIt(seed: 4)

        let out = try push(copy, token: token)
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stderr, "Row seq \(held) differs from the row HQ already holds: the ledger was edited or forked after an earlier push.\n")
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), held)
        XCTAssertEqual(try verify().status, 0)
    }

    func testABatchWhoseChainIsValidButDoesNotContinueHQsIsRefusedAndNothingIsStored() throws {
        let (copy, token, held) = try pushedLedgerAndAForkOfIt(seed: 7)
        XCTAssertGreaterThan(try ledgerRows(copy), held + 1)

        // The copy's rows after HQ's last, sent as they are: each links to the one before it,
        // but the first to the copy's own row `held`, not to HQ's.
        let rows = try ChildProcess.run("sqlite3", [copy, """
            SELECT json_object('rows', json_group_array(json_object('store_id', 'fm-namba', 'seq', seq, 'txn_id', txn_id,
                'terminal_id', terminal_id, 'at', at, 'kind', kind, 'payload', payload, 'prev_hash', prev_hash, 'hash', hash)))
            FROM (SELECT * FROM journal WHERE seq > \(held) ORDER BY seq)
            """], timeout: 60)
        XCTAssertEqual(rows.status, 0, rows.errors)
        let body = scratch.path("batch.json")
        try rows.output.write(toFile: body, atomically: true, encoding: .utf8)
        let id = try HQCluster.kiosk(["ledger", "id", "--ledger", copy]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let secret = try String(contentsOfFile: token, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let (status, answer) = try curl(["-X", "POST", "\(hq!)/v1/ledgers/\(id)/journal", "-H", "Authorization: Bearer \(secret)",
                                         "--data-binary", "@\(body)"])
        XCTAssertEqual(status, 409)
        XCTAssertEqual(answer, #"{"error":"Row seq \#(held + 1) does not continue HQ's chain: its prev_hash is not the hash of seq \#(held) that HQ holds."}"#)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), held)
        XCTAssertEqual(try verify().status, 0)
    }

    func testPushingToAnHQThatIsNotThereExitsWithASentence() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 2, seed: 1)
        let token = try enroll("fm-namba")
        let port = HQCluster.freePort()
        let out = try HQCluster.kiosk(["hq", "push", "--hq", "http://127.0.0.1:\(port)", "--token-file", token, "--ledger", ledger])
        XCTAssertEqual(out.status, 1)
        XCTAssertEqual(out.stderr, "HQ at http://127.0.0.1:\(port) cannot be reached: connection refused.\n")
    }

    func testKilledMidPushThenPushedAgainHQHoldsEveryRowOnce() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 150, seed: 8)
        let token = try enroll("fm-namba")
        let rows = try ledgerRows(ledger)
        let pusher = try ChildProcess(HQCluster.kiosk, ["hq", "push", "--hq", hq, "--token-file", token, "--ledger", ledger,
                                                         "--batch", "3"], directory: HQCluster.projectRoot.path)
        let deadline = Date().addingTimeInterval(60)
        while try count("SELECT count(*) FROM journal") == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        stopService(SIGKILL)
        let cut = pusher.wait(timeout: 120)
        XCTAssertEqual(cut.status, 1, "the push was cut short: \(cut.output)")
        XCTAssertTrue(cut.errors.hasPrefix("HQ at \(hq!) "), cut.errors)
        let partial = try count("SELECT count(*) FROM journal")
        XCTAssertLessThan(partial, rows)

        try startService()
        let again = try push(ledger, token: token)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        XCTAssertEqual(try count("SELECT count(DISTINCT seq) FROM journal"), rows)
        XCTAssertEqual(try count("SELECT max(seq) FROM journal"), rows)
        let verified = try verify()
        XCTAssertEqual(verified.status, 0, verified.stderr)
    }

    func testTwoPushersOfOneLedgerAtOnceStoreEachRowOnce() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 40, seed: 12)
        let token = try enroll("fm-namba")
        let pushers = try (0..<2).map { _ in
            try ChildProcess(HQCluster.kiosk, ["hq", "push", "--hq", hq, "--token-file", token, "--ledger", ledger, "--batch", "7"],
                             directory: HQCluster.projectRoot.path)
        }
        for pusher in pushers {
            let out = pusher.wait(timeout: 120)
            XCTAssertEqual(out.status, 0, out.errors)
        }
        let rows = try ledgerRows(ledger)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        XCTAssertEqual(try count("SELECT max(seq) FROM journal"), rows)
        XCTAssertEqual(try verify().status, 0)
    }

    func testPostgreSQLStoppedAndStartedMidPushWatchCatchesUpWithEveryRowOnce() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 120, seed: 13)
        let token = try enroll("fm-namba")
        let watcher = try ChildProcess(HQCluster.kiosk, ["hq", "push", "--hq", hq, "--token-file", token, "--ledger", ledger,
                                                          "--batch", "3", "--watch"], directory: HQCluster.projectRoot.path)
        defer { watcher.kill() }
        var deadline = Date().addingTimeInterval(60)
        while try count("SELECT count(*) FROM journal") == 0, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        try cluster.stop()
        let stopped = Date()
        // The kiosk sells on while the database is down, so the watcher has rows to push then
        // however far it had come; and the database stays down longer than HQ waits for it
        // (10 s), so the watcher is told so and tries again.
        try simulate(ledger, terminal: "FM-NMB-1", customers: 5, seed: 14)
        Thread.sleep(forTimeInterval: max(0, 12 - Date().timeIntervalSince(stopped)))
        try cluster.start()
        let rows = try ledgerRows(ledger)
        deadline = Date().addingTimeInterval(90)
        while try count("SELECT count(*) FROM journal") < rows, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        XCTAssertEqual(try count("SELECT max(seq) FROM journal"), rows)
        watcher.kill(SIGTERM)
        let out = watcher.wait(timeout: 30)
        XCTAssertTrue(out.output.contains("Trying again"), "the watcher waited while the database was down: \(out.output)")
        let verified = try verify()
        XCTAssertEqual(verified.status, 0, verified.stderr)
    }

    func testWatchWaitsWhileHQIsDownAndCatchesUp() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 5, seed: 9)
        let token = try enroll("fm-namba")
        stopService()
        let watcher = try ChildProcess(HQCluster.kiosk, ["hq", "push", "--hq", hq, "--token-file", token, "--ledger", ledger,
                                                          "--watch"], directory: HQCluster.projectRoot.path)
        defer { watcher.kill() }
        Thread.sleep(forTimeInterval: 1)
        // The kiosk sells while HQ is away.
        try simulate(ledger, terminal: "FM-NMB-1", customers: 5, seed: 10)
        let port = Int(hq.split(separator: ":").last!)!
        service = try ChildProcess(HQCluster.kiosk, ["hq", "serve", "--db", db, "--listen", "127.0.0.1:\(port)"],
                                   directory: HQCluster.projectRoot.path)
        let rows = try ledgerRows(ledger)
        let deadline = Date().addingTimeInterval(60)
        while try count("SELECT count(*) FROM journal") < rows, Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), rows)
        watcher.kill(SIGTERM)
        let out = watcher.wait(timeout: 30)
        XCTAssertTrue(out.output.contains("cannot be reached"), out.output)
        XCTAssertTrue(out.output.contains("Pushed"), out.output)
    }

    func testTheServiceAnswersEveryBadRequestWithASentence() throws {
        let ledger = scratch.path("namba.sqlite")
        try simulate(ledger, terminal: "FM-NMB-1", customers: 2, seed: 1)
        let token = try String(contentsOfFile: try enroll("fm-namba"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let id = "3f2b9c4e-1d2a-4b5c-8d6e-7f8091a2b3c4"
        let url = "\(hq!)/v1/ledgers/\(id)/journal"
        let auth = ["-H", "Authorization: Bearer \(token)"]

        var (status, body) = try curl(["-X", "POST", url, "-d", "{}"])
        XCTAssertEqual(status, 401)
        XCTAssertEqual(body, #"{"error":"A push needs the store's token: Authorization: Bearer STORE.ID.SECRET."}"#)
        let forged = String(token.dropLast(4)) + "0000"
        (status, body) = try curl(["-X", "POST", url, "-d", "{}", "-H", "Authorization: Bearer \(forged)"])
        XCTAssertEqual(status, 401)
        XCTAssertEqual(body, #"{"error":"The push token is not one HQ issued."}"#)

        (status, body) = try curl(["-X", "POST", url, "-d", "{not json"] + auth)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(body, #"{"error":"The body is not JSON."}"#)
        (status, body) = try curl(["-X", "POST", url, "-d", #"{"rows":[{"seq":1,"store_id":"fm-namba"}]}"#] + auth)
        XCTAssertEqual(status, 400)
        XCTAssertEqual(body, #"{"error":"Row 1 of the batch (seq 1) does not decode: \"terminal_id\" is missing."}"#)

        let big = scratch.path("big.json")
        try Data(repeating: 0x20, count: 5 * 1024 * 1024).write(to: URL(fileURLWithPath: big))
        (status, body) = try curl(["-X", "POST", url, "--data-binary", "@\(big)"] + auth)
        XCTAssertEqual(status, 413)
        XCTAssertEqual(body, #"{"error":"The batch is over 4 MiB; push fewer rows at a time."}"#)

        (status, _) = try curl(["-X", "POST", "\(hq!)/v1/ledgers/not-a-ledger/journal", "-d", "{}"] + auth)
        XCTAssertEqual(status, 404)
        XCTAssertEqual(try count("SELECT count(*) FROM journal"), 0)
        XCTAssertEqual(try count("SELECT count(*) FROM ledgers"), 0)
    }
}

/// A database URL as a sentence shows it: without its password.
enum DatabaseURLText {
    static func withoutPassword(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let colon = url[url.index(url.startIndex, offsetBy: 11)...].firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + String(url[at...])
    }
}
