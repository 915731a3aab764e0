import Foundation
import GRDB
import Kiosk
import Ledger

/// Customer flows per second through the whole path (state machine, runtime, ledger,
/// printer), beside the durable-commit limit of SQLite on the same disk: WAL,
/// `synchronous=FULL`, one commit of two small inserts.
enum FlowBench {
    static func rows(folder: URL) throws -> [BenchRow] {
        let limit = try commitsPerSecond(at: folder.appendingPathComponent("commits.sqlite").path)
        let baseline = String(format: "%.0f commits/s", limit)
        // The whole path prints each receipt in the terminal's formats, PDF included; the
        // second row prints text only, to show what the state machine and ledger cost alone.
        return try [("customer flows/s, receipts as configured", nil), ("customer flows/s, text receipts only", [ReceiptFormat.text])]
            .map { name, formats in
                let flows = try flowsPerSecond(in: folder, formats: formats)
                return BenchRow(name: name, value: flows, unit: "/s", goal: "≥ 0.2 × commit limit", baseline: baseline,
                                ratio: String(format: "%.2f×", flows / limit), met: flows / limit >= 0.2)
            }
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

    static func flowsPerSecond(in folder: URL, formats: [ReceiptFormat]?) throws -> Double {
        let path = folder.appendingPathComponent("flows.sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        var catalogue = try FixtureLoader.load(from: URL(fileURLWithPath: "fixtures"), today: JapanTime.date(Date()))
        if let formats {
            catalogue.terminals = catalogue.terminals.map { terminal in
                var t = terminal
                t.receiptFormats = formats
                return t
            }
        }
        let ledger = try Ledger(path: path)
        let terminals = Array(StoreDay.usableTerminals(in: catalogue).prefix(3))
        let settings = KioskAssembly.Settings(ledgerPath: path, receipts: folder.appendingPathComponent("receipts").path, seed: 7)
        let fixtures = try DayFixtures.load(from: URL(fileURLWithPath: "fixtures"))
        // Enough customers that a neighbour's burst on a shared machine is a small part of the run.
        let customers = 1_000
        let day = StoreDay(catalogue: catalogue, ledger: ledger,
                           queues: try StoreDay.queues(of: terminals, catalogue: catalogue, fixtures: fixtures, ledger: ledger, today: Date()),
                           settings: settings, rules: StoreDay.Rules(behaviour: fixtures.behaviour, hours: nil, customers: customers))
        let seconds = try Bench.seconds { _ = try day.run() }
        return Double(customers) / seconds
    }
}
