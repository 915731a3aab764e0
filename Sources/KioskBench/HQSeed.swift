import ChildProcess
import Foundation

/// A throwaway HQ PostgreSQL for benchmarks (scripts/hq-postgres.sh on a free port), and a
/// chain of many stores seeded straight into its books (scripts/hq-seed.sql) with fixtures
/// that name those stores, for any benchmark of HQ's reports.
final class HQBenchCluster {
    let folder: String
    let port: Int
    let url: String

    init() throws {
        // Under /tmp, readable by PostgreSQL's own user when this runs as root.
        folder = "/tmp/kiosk-bench-hq-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        port = Self.freePort()
        let started = try ChildProcess.run("bash", ["scripts/hq-postgres.sh", "start", folder + "/pg", String(port)], timeout: 300)
        guard started.status == 0 else { throw BenchFailure("PostgreSQL did not start: \(started.errors)") }
        url = started.output.split(separator: "\n").last.map(String.init) ?? ""
        guard url.hasPrefix("postgres://") else { throw BenchFailure("scripts/hq-postgres.sh printed no database URL: \(started.output)") }
    }

    /// A new empty database of the cluster, as a URL.
    func database(_ name: String) throws -> String {
        _ = try psql(url, "CREATE DATABASE \(name)")
        return String(url[..<url.lastIndex(of: "/")!]) + "/" + name
    }

    @discardableResult
    func psql(_ database: String, _ sql: String, variables: [String: String] = [:]) throws -> String {
        let vars = variables.sorted { $0.key < $1.key }.flatMap { ["-v", "\($0.key)=\($0.value)"] }
        let out = try ChildProcess.run("psql", [database, "-qtAX", "-v", "ON_ERROR_STOP=1"] + vars + ["-c", sql], timeout: 600)
        guard out.status == 0 else { throw BenchFailure("psql failed: \(out.errors)") }
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func remove() {
        _ = try? ChildProcess.run("bash", ["scripts/hq-postgres.sh", "remove", folder + "/pg", String(port)], timeout: 120)
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

enum HQSeed {
    /// Seeds `database` (whose HQ schema is migrated) with `stores` stores and `transactions`
    /// transactions; returns the seconds it took.
    static func seed(_ cluster: HQBenchCluster, database: String, stores: Int, transactions: Int) throws -> Double {
        try Bench.seconds {
            let out = try ChildProcess.run("psql", [database, "-qX", "-v", "stores=\(stores)", "-v", "transactions=\(transactions)",
                                                    "-f", "scripts/hq-seed.sql"], timeout: 1200)
            guard out.status == 0 else { throw BenchFailure("scripts/hq-seed.sql failed: \(out.errors)") }
        }
    }

    /// The project's fixtures with the seeded stores added to the familymart chain (area
    /// "Bench"), in `folder`; returns the folder.
    static func fixtures(stores: Int, in folder: String) throws -> String {
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.copyItem(atPath: "fixtures", toPath: folder)
        let path = folder + "/stores.csv"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        for s in 1...stores {
            let id = String(format: "%04d", s)
            text += "bench-\(id),familymart,FamilyMart Bench \(id),ファミリーマート \(id),全家 \(id),全家 \(id),\"\(s) Bench\",\(id),\(id),\(id),Bench,T201330\(String(format: "%07d", s)),downtown,08:00\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return folder
    }
}
