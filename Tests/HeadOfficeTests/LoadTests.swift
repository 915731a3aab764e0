import ChildProcess
import Foundation
import XCTest

/// Fifty stores, each with its own simulated ledger, pushing to one HQ at the same moment.
extension PushTests {
    /// The fixtures with `count` more stores, `ld-01`…, each with one cash-and-card machine
    /// like FamilyMart Namba's.
    private func fixtures(withStores count: Int) throws -> String {
        let folder = scratch.path("fixtures")
        try FileManager.default.copyItem(atPath: HQCluster.projectRoot.appendingPathComponent("fixtures").path, toPath: folder)
        func append(_ file: String, _ lines: (Int) -> String) throws {
            let path = folder + "/" + file
            var text = try String(contentsOfFile: path, encoding: .utf8)
            if !text.hasSuffix("\n") { text += "\n" }
            text += (1...count).map(lines).joined(separator: "\n") + "\n"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        func id(_ i: Int) -> String { String(format: "%02d", i) }
        try append("stores.csv") { i in
            "ld-\(id(i)),familymart,FamilyMart Load \(id(i)),ファミリーマート \(id(i)),全家 \(id(i)),全家 \(id(i)),\"1-\(i) Namba, Chuo-ku, Osaka\",大阪府\(i),大阪府\(i),大阪府\(i),Load,T20133010\(String(format: "%05d", i)),downtown,08:00"
        }
        try append("terminals.csv") { i in
            "LD-\(id(i))-1,ld-\(id(i)),By the door,入口,入口,入口,fm-namba.txt,cash|card,in_service,400,text"
        }
        try append("cash_floats.csv") { i in "LD-\(id(i))-1,100,40,100,40,40,5,0" }
        return folder
    }

    func testFiftyStoresPushingAtOnceEachRowIsThereOnce() throws {
        let stores = 50
        let fixtures = try fixtures(withStores: stores)
        let ids = (1...stores).map { String(format: "%02d", $0) }
        // Made two at a time (the machine's cores), each ledger a short simulated day.
        let made = DispatchQueue(label: "made")
        var failures: [String] = []
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for (i, id) in ids.enumerated() where i % 2 == lane {
                let out = try? HQCluster.kiosk(["simulate", "--ledger", scratch.path("ld-\(id).sqlite"), "--terminal", "LD-\(id)-1",
                                                "--customers", "6", "--seed", String(i + 1), "--receipts", scratch.path("r-\(id)"),
                                                "--fixtures", fixtures])
                let token = try? HQCluster.kiosk(["hq", "enroll", "--db", db, "--store", "ld-\(id)"])
                made.sync {
                    if out?.status != 0 { failures.append("simulate \(id): \(out?.stderr ?? "")") }
                    if token?.status != 0 { failures.append("enroll \(id): \(token?.stderr ?? "")") }
                    try? token?.stdout.write(toFile: scratch.path("ld-\(id).token"), atomically: true, encoding: .utf8)
                }
            }
        }
        XCTAssertEqual(failures, [])

        let pushers = try ids.map { id in
            try ChildProcess(HQCluster.kiosk, ["hq", "push", "--hq", hq, "--token-file", scratch.path("ld-\(id).token"),
                                               "--ledger", scratch.path("ld-\(id).sqlite"), "--batch", "20"],
                             directory: HQCluster.projectRoot.path)
        }
        let results = pushers.map { $0.wait(timeout: 120) }
        for (id, result) in zip(ids, results) {
            XCTAssertEqual(result.status, 0, "store ld-\(id): \(result.errors)")
            XCTAssertEqual(result.errors, "", "store ld-\(id)")
        }
        var total = 0
        for id in ids {
            let rows = try XCTUnwrap(Int(try ChildProcess.run("sqlite3", [scratch.path("ld-\(id).sqlite"), "SELECT count(*) FROM journal"],
                                                              timeout: 60).output.trimmingCharacters(in: .whitespacesAndNewlines)))
            XCTAssertGreaterThan(rows, 0)
            total += rows
            XCTAssertEqual(try count("SELECT count(*) FROM journal WHERE store_id = 'ld-\(id)'"), rows, "store ld-\(id)")
        }
        XCTAssertEqual(try count("SELECT count(*) FROM (SELECT DISTINCT store_id, ledger_id, seq FROM journal) d"), total)
        XCTAssertEqual(try count("SELECT count(*) FROM ledgers"), stores)
        let verified = try verify()
        XCTAssertEqual(verified.status, 0, verified.stderr)
        XCTAssertTrue(verified.stdout.contains("\(stores) ledgers, \(total) journal rows"), verified.stdout)
    }
}
