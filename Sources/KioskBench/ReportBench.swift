import ChildProcess
import Foundation
import Ledger

/// A Z report over a ledger of 1,000,000 transactions, beside the same totals by a
/// hand-written query in the `sqlite3` shell on the same file, and beside `hledger balance`
/// on the exported journal of that ledger.
enum ReportBench {
    static let transactions = 1_000_000
    static let terminal = "BENCH-1"

    static func rows() -> [BenchRow] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("ledger.sqlite").path
            let ledger = try Ledger(path: path)
            let setUp = try Bench.seconds { try shell("/usr/bin/sqlite3", [path], input: setUpSQL) }
            FileHandle.standardError.write(Data(String(format: "report bench: %d transactions written in %.1f s\n", transactions, setUp).utf8))

            // The shell's totals first, so both read a warm page cache.
            var handTotals = ""
            let hand = try (0..<3).map { _ in try Bench.seconds { handTotals = try shell("/usr/bin/sqlite3", [path], input: handWrittenSQL) } }.min()!
            let end = Date(timeIntervalSince1970: 1_830_000_000)
            let x = try (0..<2).map { _ in try Bench.seconds { _ = try ledger.xReport(terminalId: terminal, at: end) } }.min()!
            resetPeakMemory()
            let baseMB = Bench.residentMB()
            var z: ShiftReport?
            let zSeconds = try Bench.seconds { z = try ledger.closeZ(terminalId: terminal, staff: "bench", at: end) }
            let peakMB = Bench.peakResidentMB()
            // The report is only fast if it is also right: its sales are the shell's sum.
            let agrees = handTotals.split(separator: "\n").contains(Substring(String(z!.sales.yen)))

            let journal = folder.appendingPathComponent("ledger.journal").path
            resetPeakMemory()
            let export = try Bench.seconds {
                try ledger.export(.hledger).write(toFile: journal, atomically: false, encoding: .utf8)
            }
            let exportMB = Bench.peakResidentMB()
            var hledgerMB = 0.0
            let hledger = try Bench.seconds {
                _ = try shell("/usr/bin/hledger", ["-f", journal, "balance", "-N", "--flat"]) { pid in
                    hledgerMB = max(hledgerMB, Bench.peakResidentMB(of: pid))
                }
            }

            return [
                BenchRow(name: "Z report, 1,000,000 transactions", value: zSeconds, unit: "s", goal: "≤ 1.2 × sqlite3",
                         baseline: String(format: "sqlite3 shell %.3f s", hand), ratio: String(format: "%.2f×", zSeconds / hand),
                         met: zSeconds <= 1.2 * hand && agrees),
                BenchRow(name: "X report, same ledger", value: x, unit: "s", goal: "—",
                         baseline: String(format: "sqlite3 shell %.3f s", hand), ratio: String(format: "%.2f×", x / hand)),
                BenchRow(name: "Z report, peak memory", value: peakMB, unit: "MB", goal: "≤ 50 MB",
                         baseline: String(format: "%.1f MB before", baseMB), met: peakMB <= 50),
                BenchRow(name: "hledger export of the ledger", value: export, unit: "s", goal: "—",
                         baseline: String(format: "peak %.0f MB", exportMB)),
                BenchRow(name: "hledger balance, exported journal", value: hledger, unit: "s", goal: "—",
                         baseline: String(format: "Z report %.3f s", zSeconds), ratio: String(format: "%.1f×", hledger / zSeconds)),
                BenchRow(name: "hledger balance, peak memory", value: hledgerMB, unit: "MB", goal: "—",
                         baseline: String(format: "Z report %.1f MB", peakMB), ratio: String(format: "%.0f×", hledgerMB / peakMB)),
            ]
        } catch {
            FileHandle.standardError.write(Data("report bench failed: \(error)\n".utf8))
            return [BenchRow(name: "Z report, 1,000,000 transactions", value: 0, unit: "s", goal: "≤ 1.2 × sqlite3", met: false)]
        }
    }

    /// Zeroes VmHWM, so the peak read afterwards is the Z report's own (Linux 4.0 and later).
    /// Memory the groups before it freed goes back to the system first: it is not the report's.
    private static func resetPeakMemory() {
        _ = mallocTrim?(0)
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// glibc's `malloc_trim`, which Swift's Glibc module does not declare.
    private static let mallocTrim = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self) }

    /// Runs a program to the end; its standard output, or a sentence when it fails.
    /// `watch` is called with the process id every 50 ms while it runs.
    @discardableResult
    private static func shell(_ program: String, _ arguments: [String], input: String? = nil,
                              watch: ((String) -> Void)? = nil) throws -> String {
        let child = try ChildProcess(program, arguments, input: input.map { Data($0.utf8) })
        let result = child.wait(timeout: 3600) { watch?(String($0)) }
        guard result.status == 0 else {
            throw NSError(domain: "ReportBench", code: Int(result.status),
                          userInfo: [NSLocalizedDescriptionKey: "\(program) failed: \(result.errors)"])
        }
        return result.output
    }

    /// 1,000,000 transactions of one terminal over a year, seven in ten paid in cash (a
    /// ¥10,000 bill in, change in ¥1,000 bills and ¥10 coins), written straight into the
    /// ledger's tables: the set-up is not what is measured.
    static let setUpSQL = """
        PRAGMA synchronous = OFF;
        BEGIN;
        CREATE TEMP TABLE bench_plans (k INTEGER PRIMARY KEY, carrier TEXT, plan TEXT, price INTEGER);
        INSERT INTO bench_plans VALUES (0, 'docomo', 'docomo-1g-7', 980), (1, 'docomo', 'docomo-3g-30', 2980),
          (2, 'au', 'au-5g-30', 4980), (3, 'softbank', 'softbank-20g-60', 7480);
        INSERT INTO terminals (terminal_id, store_id, opened_at) VALUES ('\(terminal)', 'bench-store', '2025-12-31T15:00:00.000Z');
        INSERT INTO cash_movements (terminal_id, at, kind, denomination, count) VALUES
          ('\(terminal)', '2025-12-31T15:00:00.000Z', 'replenish', 1000, 100),
          ('\(terminal)', '2025-12-31T15:00:00.000Z', 'replenish', 10, 300);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(transactions)),
        t AS (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i * 30) || ' seconds') AS at,
              (i * 7) % 4 AS k, CASE WHEN i % 10 < 7 THEN 'cash' ELSE 'card' END AS method,
              CASE WHEN i % 50 = 0 THEN 'cancelled' WHEN i % 97 = 0 THEN 'failed' ELSE 'completed' END AS status FROM n)
        INSERT INTO transactions (id, store_id, terminal_id, business_date, started_at, finished_at, status, sim_number,
            carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen, card_brand, card_last4,
            auth_code, receipt_no)
        SELECT printf('BENCH-%07d', i), 'bench-store', '\(terminal)', substr(at, 1, 10), at,
               strftime('%Y-%m-%dT%H:%M:%fZ', at, '+20 seconds'), status, '09012345678', p.carrier, p.plan, p.price,
               p.price * 10 / 110, method,
               CASE WHEN method = 'cash' AND status = 'completed' THEN 10000 ELSE 0 END,
               CASE WHEN method = 'cash' AND status = 'completed' THEN 10000 - p.price ELSE 0 END,
               CASE WHEN method = 'card' THEN 'visa' END, CASE WHEN method = 'card' THEN '1111' END,
               CASE WHEN method = 'card' AND status = 'completed' THEN 'A' || i END,
               CASE WHEN status = 'completed' THEN i END
        FROM t JOIN bench_plans p ON p.k = t.k;
        INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id)
        SELECT '\(terminal)', started_at, 'in', 10000, 1, id FROM transactions WHERE payment_method = 'cash' AND status = 'completed';
        INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id)
        SELECT '\(terminal)', finished_at, 'change', 1000, change_yen / 1000, id FROM transactions WHERE change_yen >= 1000;
        INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id)
        SELECT '\(terminal)', finished_at, 'change', 10, change_yen % 1000 / 10, id FROM transactions WHERE change_yen % 1000 > 0;
        COMMIT;
        ANALYZE;
        """

    /// The totals of the first Z as someone would type them into the shell.
    static let handWrittenSQL = """
        SELECT status, count(*) FROM transactions WHERE terminal_id = '\(terminal)' GROUP BY status;
        SELECT payment_method, count(*), sum(amount_yen), sum(tax_yen) FROM transactions
         WHERE terminal_id = '\(terminal)' AND status = 'completed' GROUP BY payment_method;
        SELECT sum(amount_yen) FROM transactions WHERE terminal_id = '\(terminal)' AND status = 'completed';
        SELECT carrier_id, plan_id, count(*), sum(amount_yen) FROM transactions
         WHERE terminal_id = '\(terminal)' AND status = 'completed' GROUP BY carrier_id, plan_id;
        SELECT (CAST(substr(finished_at, 12, 2) AS INTEGER) + 9) % 24 AS hour, count(*), sum(amount_yen) FROM transactions
         WHERE terminal_id = '\(terminal)' AND status = 'completed' GROUP BY hour;
        SELECT kind, sum(denomination * count) FROM cash_movements WHERE terminal_id = '\(terminal)' GROUP BY kind;
        SELECT count(*), sum(yen) FROM refunds_due WHERE terminal_id = '\(terminal)' AND settled_at IS NULL;
        """
}
