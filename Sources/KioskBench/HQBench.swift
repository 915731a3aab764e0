import ChildProcess
import Foundation
import Kiosk

/// The head office under load, each row beside its baseline in the same run: a store's push
/// (every row re-verified and projected) beside PostgreSQL's own bulk load of the same rows
/// (`psql \copy`), and `kiosk hq report --chain` over a million transactions beside the same
/// totals by hand-written SQL in `psql`.
enum HQBench {
    static func rows(folder: URL) throws -> [BenchRow] {
        guard let kiosk = ProcessInfo.processInfo.environment["KIOSK_BIN"] else { return [] }
        let cluster = try HQBenchCluster()
        defer { cluster.remove() }
        return [try push(kiosk, cluster, folder), try report(kiosk, cluster, folder)]
    }

    private static func run(_ kiosk: String, _ arguments: [String], watch: ((pid_t) -> Void)? = nil) throws -> String {
        let process = try ChildProcess(kiosk, arguments)
        let out = process.wait(timeout: 1200, watch: watch)
        guard out.status == 0 else { throw BenchFailure("kiosk \(arguments.prefix(2).joined(separator: " ")) failed: \(out.errors)") }
        return out.output
    }

    /// Pushes and COPYs taken in turn, each into a fresh database; the medians are compared, so
    /// that one slow moment of a shared machine does not decide the ratio.
    static let pushRounds = 5

    private static func push(_ kiosk: String, _ cluster: HQBenchCluster, _ folder: URL) throws -> BenchRow {
        let ledger = folder.appendingPathComponent("hq-push.sqlite").path
        _ = try run(kiosk, ["simulate", "--ledger", ledger, "--terminal", "FM-NMB-1", "--customers", "3000", "--seed", "1",
                            "--receipts", folder.appendingPathComponent("hq-receipts").path, "--format", "json"])
        let rows = Int(try ChildProcess.run("sqlite3", [ledger, "SELECT count(*) FROM journal"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        let ledgerId = try run(kiosk, ["ledger", "id", "--ledger", ledger]).trimmingCharacters(in: .whitespacesAndNewlines)
        // The same rows as CSV, loaded by PostgreSQL's COPY into a table like HQ's journal.
        let csv = folder.appendingPathComponent("hq-journal.csv").path
        let exported = try ChildProcess.run("sqlite3", ["-csv", ledger, """
            SELECT 'fm-namba', '\(ledgerId)', seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash FROM journal ORDER BY seq
            """], timeout: 300)
        try exported.output.write(toFile: csv, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: csv)

        var pushes: [Double] = [], copies: [Double] = []
        for round in 1...pushRounds {
            let db = try cluster.database("push\(round)")
            pushes.append(try pushSeconds(kiosk, db: db, ledger: ledger, folder: folder))
            guard Int(try cluster.psql(db, "SELECT count(*) FROM journal")) == rows else { throw BenchFailure("HQ does not hold every pushed row") }
            try cluster.psql(db, "CREATE TABLE journal_copy (LIKE journal INCLUDING ALL)")
            copies.append(try Bench.seconds {
                try cluster.psql(db, "\\copy journal_copy (store_id, ledger_id, seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash) FROM '\(csv)' CSV")
            })
            guard Int(try cluster.psql(db, "SELECT count(*) FROM journal_copy")) == rows else { throw BenchFailure("COPY loaded another number of rows") }
        }
        let push = Double(rows) / DayStatistics.percentile(pushes.sorted(), 0.5)
        let copy = Double(rows) / DayStatistics.percentile(copies.sorted(), 0.5)
        return BenchRow(name: "hq push, \(rows) journal rows (verified + projected), median of \(pushRounds)", value: push, unit: "rows/s",
                        goal: "≥ 0.3× COPY", baseline: String(format: "%.0f rows/s psql \\copy", copy),
                        ratio: String(format: "%.2f×", push / copy), met: push >= 0.3 * copy)
    }

    /// One push of the whole ledger into a fresh HQ database, from the push command's start to its end.
    private static func pushSeconds(_ kiosk: String, db: String, ledger: String, folder: URL) throws -> Double {
        let token = folder.appendingPathComponent("hq-push.token").path
        try run(kiosk, ["hq", "enroll", "--db", db, "--store", "fm-namba"]).write(toFile: token, atomically: true, encoding: .utf8)
        let port = HQBenchCluster.freePort()
        let service = try ChildProcess(kiosk, ["hq", "serve", "--db", db, "--listen", "127.0.0.1:\(port)"])
        defer {
            service.kill(SIGTERM)
            _ = service.wait(timeout: 30)
        }
        let deadline = Date().addingTimeInterval(60)
        while !(try ChildProcess.run("curl", ["-s", "-o", "/dev/null", "http://127.0.0.1:\(port)/"], timeout: 10).status == 0) {
            guard Date() < deadline else { throw BenchFailure("hq serve did not listen") }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try Bench.seconds {
            _ = try run(kiosk, ["hq", "push", "--hq", "http://127.0.0.1:\(port)", "--token-file", token, "--ledger", ledger])
        }
    }

    private static func report(_ kiosk: String, _ cluster: HQBenchCluster, _ folder: URL) throws -> BenchRow {
        let (stores, transactions) = (1_000, 1_000_000)
        let db = try cluster.database("chain")
        _ = try run(kiosk, ["hq", "verify", "--db", db])      // applies HQ's migrations
        _ = try HQSeed.seed(cluster, database: db, stores: stores, transactions: transactions)
        let fixtures = try HQSeed.fixtures(stores: stores, in: folder.appendingPathComponent("hq-fixtures").path)
        let arguments = ["hq", "report", "--chain", "familymart", "--db", db, "--fixtures", fixtures, "--format", "json"]
        _ = try run(kiosk, arguments)                      // warm: the same cache for both
        var peakMB = 0.0
        var json = ""
        let reportSeconds = try Bench.seconds {
            json = try run(kiosk, arguments) { pid in peakMB = max(peakMB, Bench.peakResidentMB(of: String(pid))) }
        }
        let ids = (try ChildProcess.run("psql", [db, "-qtAX", "-c", "SELECT string_agg(quote_literal(store_id), ',') FROM ledgers"]).output)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let sales = "FROM transactions WHERE store_id IN (\(ids)) AND (status = 'completed' OR (status = 'refund_due' AND top_up_applied))"
        let hand = """
            SELECT count(*), sum(amount_yen), sum(tax_yen) \(sales);
            SELECT store_id, count(*), sum(amount_yen), sum(tax_yen) \(sales) GROUP BY store_id;
            SELECT store_id, terminal_id, count(*), sum(amount_yen), sum(tax_yen) \(sales) GROUP BY store_id, terminal_id;
            SELECT carrier_id, plan_id, count(*), sum(amount_yen), sum(tax_yen) \(sales) GROUP BY carrier_id, plan_id;
            SELECT payment_method, count(*), sum(amount_yen), sum(tax_yen) \(sales) GROUP BY payment_method;
            SELECT business_date, count(*), sum(amount_yen), sum(tax_yen) \(sales) GROUP BY business_date;
            SELECT d.store_id, count(*), sum(d.yen) FROM refunds_due d WHERE d.store_id IN (\(ids)) AND d.settled_at IS NULL GROUP BY d.store_id;
            SELECT * FROM z_reports WHERE store_id IN (\(ids));
            SELECT store_id, max(last_push_at) FROM ledgers WHERE store_id IN (\(ids)) GROUP BY store_id;
            """
        var total = ""
        let sqlSeconds = try Bench.seconds {
            let out = try ChildProcess.run("psql", [db, "-qtAX", "-c", hand], timeout: 600)
            guard out.status == 0 else { throw BenchFailure("the hand-written SQL failed: \(out.errors)") }
            total = out.output.split(separator: "\n").first.map(String.init) ?? ""
        }
        // The same numbers: the chain's sales, count and tax.
        let report = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
        let mine = "\(report["count"] ?? "")|\(report["sales_yen"] ?? "")|\(report["tax_yen"] ?? "")"
        guard mine == total else { throw BenchFailure("hq report says \(mine), the hand-written SQL \(total)") }
        return BenchRow(name: "hq report --chain, \(stores) stores, 1M transactions", value: reportSeconds, unit: "s",
                        goal: "≤ 1.2× SQL, ≤ 100 MB", baseline: String(format: "%.3f s psql; %.0f MB peak", sqlSeconds, peakMB),
                        ratio: String(format: "%.2f×", reportSeconds / sqlSeconds), met: reportSeconds <= 1.2 * sqlSeconds && peakMB <= 100)
    }
}
