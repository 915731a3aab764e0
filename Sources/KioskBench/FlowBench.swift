import ChildProcess
import Foundation
import GRDB
import Kiosk
import Ledger

/// Customer flows through the whole path (state machine, runtime, ledger, printer) in a busy
/// simulated day, text receipts only: the airport store with eight machines, and one machine
/// alone, beside the durable-commit limit of SQLite on the same disk (WAL, `synchronous=FULL`,
/// one commit of two small inserts); fsyncs per flow counted with strace on the real binary,
/// beside the same day committing each write alone; and on a RAM disk, where fsync costs
/// nothing, beside replaying the same rows into a fresh SQLite file.
enum FlowBench {
    /// A busy store: a few more customers an hour than its machines can serve, so that they
    /// rarely stand idle.
    static func arrivals(machines: Int) -> Int { 75 * machines }
    static let customers = 2_000

    /// A day's outcome and the ledger it wrote.
    struct Day {
        var summary: StoreDay.Summary
        var ledger: String
        var flowsPerSecond: Double { summary.flowsPerSecond }
    }

    static func rows(folder: URL) throws -> [BenchRow] {
        let fixtures = try eightMachineFixtures(in: folder)
        let limit = try commitsPerSecond(at: folder.appendingPathComponent("commits.sqlite").path)
        let baseline = String(format: "%.0f commits/s", limit)
        var rows: [BenchRow] = []

        let (grouped, alone) = try (fsyncsPerFlow(fixtures, folder: folder, groupCommit: true),
                                    fsyncsPerFlow(fixtures, folder: folder, groupCommit: false))
        rows.append(BenchRow(name: "8 machines, one store: fsyncs per flow (strace)", value: grouped.fsyncs, unit: "", goal: "≤ 0.5",
                             baseline: String(format: "%.2f each write alone; the queue's order needs %.2f commits",
                                              alone.fsyncs, grouped.fewestCommits),
                             ratio: String(format: "%.2f×", grouped.fsyncs / alone.fsyncs), met: grouped.fsyncs <= 0.5))

        let eight = try day(fixtures, in: folder, machines: 8)
        rows.append(BenchRow(name: "8 machines, one store: flows/s", value: eight.flowsPerSecond, unit: "/s", goal: "≥ 1.0 × commit limit",
                             baseline: baseline, ratio: String(format: "%.2f×", eight.flowsPerSecond / limit),
                             met: eight.flowsPerSecond >= limit))
        let one = try day(fixtures, in: folder, machines: 1)
        rows.append(BenchRow(name: "1 machine: flows/s", value: one.flowsPerSecond, unit: "/s", goal: "≥ 0.15 × commit limit",
                             baseline: baseline, ratio: String(format: "%.2f×", one.flowsPerSecond / limit),
                             met: one.flowsPerSecond >= 0.15 * limit))

        // The CPU a flow costs above SQLite: where fsync is free, against the same rows and
        // table writes replayed with prepared statements in as many commits. A day and its
        // replay in turn, three times, the best of each: a neighbour's burst on a shared
        // machine falls on both alike.
        if let ram = ramFolder() {
            defer { try? FileManager.default.removeItem(at: ram) }
            var best = (day: 0.0, replay: 0.0)
            for _ in 0..<3 {
                let onRAM = try day(fixtures, in: ram, machines: 8)
                best.day = max(best.day, onRAM.flowsPerSecond)
                best.replay = max(best.replay, try replay(onRAM, into: ram.appendingPathComponent("replay.sqlite").path))
            }
            rows.append(BenchRow(name: "8 machines on a RAM disk: flows/s", value: best.day, unit: "/s",
                                 goal: "≥ 0.5 × replay", baseline: String(format: "replay %.0f flows/s", best.replay),
                                 ratio: String(format: "%.2f×", best.day / best.replay), met: best.day >= 0.5 * best.replay))
        }
        rows += try storesAtOnce(fixtures, folder: folder)
        return rows
    }

    /// `kiosk simulate --stores` with four one-machine stores, each on its own ledger and
    /// thread, beside one of those stores alone.
    static func storesAtOnce(_ fixtures: URL, folder: URL) throws -> [BenchRow] {
        guard let binary = ProcessInfo.processInfo.environment["KIOSK_BIN"] else { return [] }
        func flowsPerSecond(_ stores: [String]) throws -> Double {
            let dir = folder.appendingPathComponent("stores-\(stores.count)")
            try? FileManager.default.removeItem(at: dir)
            let result = try ChildProcess.run(binary, [
                "simulate", "--fixtures", fixtures.path, "--stores", stores.joined(separator: ","), "--ledger-dir", dir.path,
                "--terminals", "1", "--arrivals", String(arrivals(machines: 1)), "--customers", "400", "--seed", "7",
                "--receipts", folder.appendingPathComponent("receipts").path,
            ], timeout: 600)
            guard result.status == 0, let line = result.output.split(separator: "\n").first(where: { $0.hasPrefix("All ") }),
                  let open = line.range(of: "sales "), let perSecond = line[open.upperBound...].split(separator: " ").dropFirst().first.flatMap({ Double($0) })
            else { throw BenchFailure("kiosk simulate --stores failed: \(result.errors)") }
            return perSecond
        }
        let four = ["se-shinjuku-3", "se-kyoto-station", "fm-namba", "lw-sapporo-odori"]
        let alone = try flowsPerSecond([four[0]])
        let together = try flowsPerSecond(four)
        return [BenchRow(name: "4 stores at once (--stores): customers/s", value: together, unit: "/s", goal: "≥ 1.6 × one store",
                         baseline: String(format: "one store %.0f/s", alone), ratio: String(format: "%.2f×", together / alone),
                         met: together >= 1.6 * alone)]
    }

    /// The sample fixtures with two more machines at the airport store (LW-HND-7 and -8, as
    /// LW-HND-6), every machine printing text receipts only.
    static func eightMachineFixtures(in folder: URL) throws -> URL {
        let fm = FileManager.default
        let copy = folder.appendingPathComponent("fixtures-8")
        try? fm.removeItem(at: copy)
        try fm.copyItem(at: URL(fileURLWithPath: "fixtures"), to: copy)
        func edit(_ name: String, _ change: ([String]) -> [String]) throws {
            let url = copy.appendingPathComponent(name)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try change(lines).joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        func twoMore(_ lines: [String]) -> [String] {
            guard let six = lines.first(where: { $0.hasPrefix("LW-HND-6,") }), let at = lines.firstIndex(of: six) else { return lines }
            return Array(lines[...at]) + ["7", "8"].map { six.replacingOccurrences(of: "LW-HND-6,", with: "LW-HND-\($0),") } + lines[(at + 1)...]
        }
        try edit("terminals.csv") { lines in
            twoMore(lines).enumerated().map { i, line in
                guard i > 0, !line.isEmpty, let comma = line.lastIndex(of: ",") else { return line }
                return line[..<comma] + ",text"
            }
        }
        try edit("cash_floats.csv", twoMore)
        return copy
    }

    /// A busy day of the airport store's first `machines` machines, in this process.
    static func day(_ fixtures: URL, in folder: URL, machines: Int) throws -> Day {
        let path = folder.appendingPathComponent("day-\(machines).sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let catalogue = try FixtureLoader.load(from: fixtures, today: JapanTime.date(Date()))
        let dayFixtures = try DayFixtures.load(from: fixtures)
        let ledger = try Ledger(path: path)
        let terminals = Array(StoreDay.usableTerminals(in: catalogue).filter { $0.storeId == "lw-haneda-t3" }.prefix(machines))
        let settings = KioskAssembly.Settings(ledgerPath: path, receipts: folder.appendingPathComponent("receipts").path, seed: 7)
        let queues = try StoreDay.queues(of: terminals, catalogue: catalogue, fixtures: dayFixtures,
                                         arrivals: .constant(perHour: Double(arrivals(machines: machines))), ledger: ledger, today: Date())
        let day = StoreDay(catalogue: catalogue, ledger: ledger, queues: queues, settings: settings,
                           rules: StoreDay.Rules(behaviour: dayFixtures.behaviour, hours: nil, customers: machines == 1 ? customers / 5 : customers))
        var summary = try day.run().summary
        // A flow is a customer at a machine; those who balked or gave up cost next to nothing.
        summary.customers -= summary.balked + summary.gaveUp
        return Day(summary: summary, ledger: path)
    }

    /// fsync and fdatasync calls of `kiosk simulate` (the process and its threads), per
    /// customer served at a machine; and the fewest commits per customer that the day's
    /// writes allow with the queue in the clock's order, as the day reports them.
    static func fsyncsPerFlow(_ fixtures: URL, folder: URL, groupCommit: Bool) throws -> (fsyncs: Double, fewestCommits: Double) {
        guard let binary = ProcessInfo.processInfo.environment["KIOSK_BIN"] else { return (.nan, .nan) }
        let ledger = folder.appendingPathComponent("fsync-\(groupCommit).sqlite").path
        let counts = folder.appendingPathComponent("fsync-\(groupCommit).strace").path
        let result = try ChildProcess.run("/usr/bin/strace", [
            "-f", "--seccomp-bpf", "-c", "-e", "trace=fsync,fdatasync", "-o", counts,
            binary, "simulate", "--fixtures", fixtures.path, "--store", "lw-haneda-t3", "--arrivals", String(arrivals(machines: 8)),
            "--customers", String(customers), "--seed", "7", "--ledger", ledger,
            "--receipts", folder.appendingPathComponent("receipts").path,
        ] + (groupCommit ? [] : ["--no-group-commit"]), timeout: 600)
        guard result.status == 0 else { throw BenchFailure("kiosk simulate under strace failed: \(result.errors)") }
        let total = try String(contentsOfFile: counts, encoding: .utf8).split(separator: "\n")
            .first { $0.hasSuffix("total") }?.split(separator: " ").compactMap { Int($0) }.dropFirst().first ?? 0
        func numbers(_ label: String) -> [Int] {
            let line = result.output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(label) }
            return line?.split(separator: " ").compactMap { Int($0) } ?? []
        }
        func number(_ label: String) -> Int { numbers(label).first ?? 0 }
        let flows = Double(max(number("Simulated") - number("balked") - number("gave up"), 1))
        // journal  W writes in C commits (no fewer than F with the queue in the clock's order)
        let fewest = numbers("journal").dropFirst(2).first ?? 0
        return (Double(total) / flows, Double(fewest) / flows)
    }

    /// Flows per second when the day's journal rows and table writes are replayed into a fresh
    /// ledger file with prepared statements, in as many commits as the day took; and, as the
    /// day wrote them, the devices' own writes (the carrier's top-ups, the wallets' orders, the
    /// paper each receipt takes), each in a commit of its own that does not wait for the disk.
    static func replay(_ run: Day, into path: String) throws -> Double {
        let day = run.summary
        let source = try DatabaseQueue(path: run.ledger)
        let (journal, transactions, movements) = try source.read { db in
            (try Row.fetchAll(db, sql: "SELECT seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash FROM journal ORDER BY seq"),
             try Row.fetchAll(db, sql: "SELECT * FROM transactions"),
             try Row.fetchAll(db, sql: "SELECT terminal_id, at, kind, denomination, count, txn_id FROM cash_movements ORDER BY id"))
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        _ = try Ledger(path: path)
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let target = try DatabaseQueue(path: path, configuration: config)
        let begun = Dictionary(transactions.map { (($0["id"] as String?) ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        // Each cash movement follows a journal row of its own transaction, after its begin.
        var pending: [String: [Row]] = [:]
        for m in movements { pending[(m["txn_id"] as String?) ?? "", default: []].append(m) }
        let terminals = try source.read { db in try Row.fetchAll(db, sql: "SELECT * FROM terminals") }
        let (topUps, wallets) = try source.read { db in
            (Dictionary(try Row.fetchAll(db, sql: "SELECT * FROM host_topups").map { (($0["txn_id"] as String?) ?? "", $0) },
                        uniquingKeysWith: { a, _ in a }),
             Dictionary(try Row.fetchAll(db, sql: "SELECT * FROM wallet_orders").map { (($0["txn_id"] as String?) ?? "", $0) },
                        uniquingKeysWith: { a, _ in a }))
        }
        /// A device's write after the commit that journaled what it answered.
        enum DeviceWrite { case topUp(Row), wallet(Row), paper(String) }
        try target.write { db in
            for t in terminals {
                try db.execute(sql: "INSERT INTO terminals (terminal_id, store_id, opened_at, is_register) VALUES (?, ?, ?, ?)",
                               arguments: [t["terminal_id"], t["store_id"], t["opened_at"], t["is_register"]])
            }
        }
        let commits = max(1, day.journalCommits)
        let perCommit = Int((Double(journal.count) / Double(commits)).rounded(.up))
        let seconds = try Bench.seconds {
            for start in stride(from: 0, to: journal.count, by: perCommit) {
                var devices: [DeviceWrite] = []
                try target.inTransaction(.immediate) { db in
                    let insertJournal = try db.cachedStatement(sql: "INSERT INTO journal (seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    let insertTransaction = try db.cachedStatement(sql: "INSERT INTO transactions (id, store_id, terminal_id, business_date, started_at, status, sim_number, carrier_id, plan_id, amount_yen, tax_yen, payment_method, cash_in_yen, change_yen) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 0, 0)")
                    let updateTransaction = try db.cachedStatement(sql: "UPDATE transactions SET status = ?, finished_at = ? WHERE id = ?")
                    let insertMovement = try db.cachedStatement(sql: "INSERT INTO cash_movements (terminal_id, at, kind, denomination, count, txn_id) VALUES (?, ?, ?, ?, ?, ?)")
                    let upsertInventory = try db.cachedStatement(sql: "INSERT INTO cash_inventory (terminal_id, denomination, count) VALUES (?, ?, ?) ON CONFLICT (terminal_id, denomination) DO UPDATE SET count = count + excluded.count")
                    for i in start..<min(start + perCommit, journal.count) {
                        let row = journal[i]
                        try insertJournal.execute(arguments: [row["seq"], row["txn_id"], row["terminal_id"], row["at"], row["kind"],
                                                              row["payload"], row["prev_hash"], row["hash"]])
                        if let id: String = row["txn_id"] {
                            if row["kind"] == "begin", let t = begun[id] {
                                try insertTransaction.execute(arguments: [t["id"], t["store_id"], t["terminal_id"], t["business_date"],
                                                                          t["started_at"], t["sim_number"], t["carrier_id"], t["plan_id"],
                                                                          t["amount_yen"], t["tax_yen"], t["payment_method"]])
                            } else {
                                try updateTransaction.execute(arguments: [begun[id]?["status"], row["at"], id])
                            }
                        }
                        let key = (row["txn_id"] as String?) ?? ""
                        switch row["kind"] as String? {
                        case "top_up_applied": if let t = topUps[key] { devices.append(.topUp(t)) }
                        case "wallet_paid", "wallet_declined", "wallet_cancelled": if let w = wallets[key] { devices.append(.wallet(w)) }
                        case "completed", "refunded", "refund_due", "cancelled": devices.append(.paper((row["terminal_id"] as String?) ?? ""))
                        default: break
                        }
                        if let m = pending[key]?.first {
                            pending[key]?.removeFirst()
                            try insertMovement.execute(arguments: [m["terminal_id"], m["at"], m["kind"], m["denomination"], m["count"], m["txn_id"]])
                            try upsertInventory.execute(arguments: [m["terminal_id"], m["denomination"], m["count"]])
                        }
                    }
                    return .commit
                }
                for write in devices {
                    // On the same connection, as the ledger writes them, not waiting for the disk.
                    try target.inDatabase { db in
                        try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
                        try db.inTransaction(.immediate) {
                            switch write {
                            case .topUp(let t):
                                try db.cachedStatement(sql: """
                                    INSERT INTO host_topups (txn_id, sim_number, plan_id, new_expiry, applied_at) VALUES (?, ?, ?, ?, ?)
                                    ON CONFLICT (txn_id) DO NOTHING
                                    """).execute(arguments: [t["txn_id"], t["sim_number"], t["plan_id"], t["new_expiry"], t["applied_at"]])
                            case .wallet(let w):
                                try db.cachedStatement(sql: """
                                    INSERT INTO wallet_orders (txn_id, state, trade_no, decline, confirms_after, refunded_at, updated_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (txn_id) DO UPDATE SET state = excluded.state
                                    """).execute(arguments: [w["txn_id"], w["state"], w["trade_no"], w["decline"], w["confirms_after"],
                                                             w["refunded_at"], w["updated_at"]])
                            case .paper(let terminal):
                                try db.cachedStatement(sql: """
                                    INSERT INTO printer_paper (terminal_id, sheets) VALUES (?, 399)
                                    ON CONFLICT (terminal_id) DO UPDATE SET sheets = max(0, sheets - 1)
                                    """).execute(arguments: [terminal])
                            }
                            return .commit
                        }
                        try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute()
                    }
                }
            }
        }
        return Double(day.customers) / seconds
    }

    static func ramFolder() -> URL? {
        let shm = URL(fileURLWithPath: "/dev/shm")
        guard FileManager.default.isWritableFile(atPath: shm.path) else { return nil }
        let folder = shm.appendingPathComponent("kiosk-bench-\(UUID().uuidString)")
        return (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) == nil ? nil : folder
    }

    static func commitsPerSecond(at path: String) throws -> Double {
        try? FileManager.default.removeItem(atPath: path)
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE a (id INTEGER PRIMARY KEY, note TEXT); CREATE TABLE b (id INTEGER PRIMARY KEY, note TEXT)")
        }
        var commits = 0
        let seconds = try Bench.seconds {
            let end = Date().addingTimeInterval(2)
            while Date() < end {
                try queue.write { db in
                    try db.execute(sql: "INSERT INTO a (note) VALUES ('in')")
                    try db.execute(sql: "INSERT INTO b (note) VALUES ('out')")
                }
                commits += 1
            }
        }
        return Double(commits) / seconds
    }
}
