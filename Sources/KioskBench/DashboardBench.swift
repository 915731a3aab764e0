import ChildProcess
import Foundation

/// The dashboard's chain page over 1,000 stores and 1,000,000 transactions (HQ's bench seeding,
/// scripts/hq-seed.sql: 30 business days), served by `kiosk hq serve` to a signed-in member of
/// staff, beside the page's queries, hand-written, run alone by `psql` on the same database in
/// the same run.
enum DashboardBench {
    static let stores = 1_000
    static let transactions = 1_000_000
    static let day = "2026-11-15"
    static let chain = "familymart"

    static func rows(folder: URL) throws -> [BenchRow] {
        guard let kiosk = ProcessInfo.processInfo.environment["KIOSK_BIN"] else { return [] }
        let cluster = try HQBenchCluster()
        defer { cluster.remove() }
        let db = try cluster.database("dashboard")
        let root = folder.appendingPathComponent("dashboard")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let fixtures = try HQSeed.fixtures(stores: stores, in: root.appendingPathComponent("fixtures").path)
        chainStores = try String(contentsOfFile: fixtures + "/stores.csv", encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",", maxSplits: 2)
            return fields.count > 1 && fields[1] == Substring(chain) ? String(fields[0]) : nil
        }

        let port = HQBenchCluster.freePort()
        let service = try ChildProcess(kiosk, ["hq", "serve", "--db", db, "--listen", "127.0.0.1:\(port)", "--fixtures", fixtures],
                                       directory: FileManager.default.currentDirectoryPath)
        defer {
            service.kill(SIGTERM)
            _ = service.wait(timeout: 30)
        }
        try waitForPort(port)                 // the service has applied HQ's migrations
        let seeded = try HQSeed.seed(cluster, database: db, stores: stores, transactions: transactions)
        FileHandle.standardError.write(Data(String(format: "dashboard bench: %d stores, %d transactions seeded in %.1f s\n",
                                                   stores, transactions, seeded).utf8))
        let made = try ChildProcess.run(kiosk, ["hq", "user", "add", "--db", db, "--name", "bench"],
                                        input: Data("bench password 1234\n".utf8), timeout: 120)
        guard made.status == 0 else { throw BenchFailure("hq user add failed: \(made.errors)") }

        let base = "http://127.0.0.1:\(port)"
        let jar = root.appendingPathComponent("cookies").path
        let form = try curl(["-c", jar, base + "/sign-in"])
        guard let r = form.range(of: "name=\"csrf\" value=\"") else { throw BenchFailure("The sign-in page has no form token.") }
        let csrf = String(form[r.upperBound...].prefix(64))
        _ = try curl(["-b", jar, "-c", jar, "--data-urlencode", "csrf=\(csrf)", "--data-urlencode", "name=bench",
                      "--data-urlencode", "password=bench password 1234", base + "/sign-in"])

        let page = base + "/chains/\(chain)?day=\(day)"
        var html = ""
        _ = try curl(["-b", jar, page])
        let served = try (0..<5).map { _ in try Bench.seconds { html = try curl(["-b", jar, page]) } }.min()!
        let queries = try (0..<5).map { _ in try Bench.seconds { _ = try psql(db, pageSQL) } }.min()!
        // Fast only counts if it is right: the page shows every store and the day's total.
        let total = try psql(db, """
            SELECT sum(amount_yen) FROM transactions WHERE business_date = '\(day)'
              AND (status = 'completed' OR (status = 'refund_due' AND top_up_applied))
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        let shown = html.contains("id=\"chain-sales\">¥\(grouped(total))<") && chainStores.allSatisfy { html.contains("data-store=\"\($0)\"") }
        return [
            BenchRow(name: "Dashboard chain page, 1,000 stores, 1,000,000 transactions", value: served, unit: "s",
                     goal: "≤ 1.5 × its SQL alone", baseline: String(format: "psql, same queries %.3f s", queries),
                     ratio: String(format: "%.2f×", served / queries), met: served <= 1.5 * queries && shown),
        ]
    }

    /// The chain's stores as the fixtures list them: the project's own and the seeded ones.
    nonisolated(unsafe) static var chainStores: [String] = []

    /// The chain page's queries as `HeadOffice.chainDay` and the session check send them.
    static var pageSQL: String {
        let ids = "ARRAY[" + chainStores.map { "'\($0)'" }.joined(separator: ",") + "]"
        let sale = "(status = 'completed' OR (status = 'refund_due' AND top_up_applied))"
        return """
            UPDATE dashboard_sessions SET seen_at = now() WHERE token_hash = '\\x00' AND seen_at > now() - interval '12 hours' RETURNING staff_name, csrf;
            SELECT store_id, terminal_id, business_date, carrier_id, plan_id, payment_method, count(*), sum(amount_yen)::bigint, sum(tax_yen)::bigint
              FROM transactions WHERE store_id = ANY(\(ids)) AND \(sale) AND business_date >= '\(day)' AND business_date <= '\(day)'
              GROUP BY store_id, terminal_id, business_date, carrier_id, plan_id, payment_method;
            SELECT d.store_id, count(*), COALESCE(sum(d.yen), 0)::bigint FROM refunds_due d JOIN transactions t USING (store_id, ledger_id, txn_id)
              WHERE d.store_id = ANY(\(ids)) AND d.settled_at IS NULL AND t.business_date >= '\(day)' AND t.business_date <= '\(day)' GROUP BY d.store_id;
            SELECT * FROM z_reports WHERE store_id = ANY(\(ids)) AND business_date >= '\(day)' AND business_date <= '\(day)' ORDER BY store_id, terminal_id, number;
            SELECT store_id, max(last_push_at), max(last_push_at) < now() - interval '2 hours' FROM ledgers WHERE store_id = ANY(\(ids)) GROUP BY store_id;
            SELECT (substr(started_at, 12, 2)::int + 9) % 24, count(*), sum(amount_yen)::bigint, sum(tax_yen)::bigint FROM transactions
              WHERE store_id = ANY(\(ids)) AND business_date = '\(day)' AND \(sale) GROUP BY 1;
            SELECT store_id, extract(epoch FROM max(last_push_at))::float8 FROM ledgers WHERE store_id = ANY(\(ids)) GROUP BY store_id;
            """
    }

    private static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }

    private static func psql(_ db: String, _ sql: String) throws -> String {
        let out = try ChildProcess.run("psql", [db, "-qtAX", "-v", "ON_ERROR_STOP=1", "-f", "-"], input: Data(sql.utf8), timeout: 1800)
        guard out.status == 0 else { throw BenchFailure("psql failed: \(out.errors)") }
        return out.output
    }

    private static func curl(_ arguments: [String]) throws -> String {
        let out = try ChildProcess.run("curl", ["-sf"] + arguments, timeout: 300)
        guard out.status == 0 else { throw BenchFailure("curl \(arguments.last ?? "") failed (\(out.status)).") }
        return out.output
    }

    private static func waitForPort(_ port: Int) throws {
        let deadline = Date().addingTimeInterval(120)
        while !accepts(port) {
            guard Date() < deadline else { throw BenchFailure("hq serve did not listen.") }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
