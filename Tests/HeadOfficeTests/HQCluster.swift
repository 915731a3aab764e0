import ChildProcess
import Foundation
import XCTest

/// A throwaway PostgreSQL cluster on a free loopback port, started by the project's own
/// script, and the built `kiosk` binary run against it.
final class HQCluster {
    let folder: Scratch
    let url: String
    let port: Int
    private var databases = 0

    static var projectRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var kiosk: String {
        var dir = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            dir = bundle.bundleURL.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("kiosk").path
    }

    init() throws {
        folder = try Scratch()
        port = Self.freePort()
        let started = try ChildProcess.run("bash", [Self.projectRoot.appendingPathComponent("scripts/hq-postgres.sh").path,
                                                    "start", folder.path("pg"), String(port)], timeout: 600)
        guard started.status == 0 else { throw HQClusterFailure("PostgreSQL did not start: \(started.errors)") }
        url = started.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops PostgreSQL (the data stays), or starts it again on its port.
    func stop() throws { try script("stop") }
    func start() throws { try script("start", String(port)) }

    private func script(_ arguments: String...) throws {
        let out = try ChildProcess.run("bash", [Self.projectRoot.appendingPathComponent("scripts/hq-postgres.sh").path,
                                                arguments[0], folder.path("pg")] + arguments.dropFirst(), timeout: 120)
        guard out.status == 0 else { throw HQClusterFailure("hq-postgres.sh \(arguments[0]) failed: \(out.errors)") }
    }

    func remove() {
        _ = try? ChildProcess.run("bash", [Self.projectRoot.appendingPathComponent("scripts/hq-postgres.sh").path,
                                           "remove", folder.path("pg")], timeout: 120)
        try? FileManager.default.removeItem(at: folder.url)
    }

    /// A new, empty database of the cluster: each test keeps its own books.
    func newDatabase() throws -> String {
        databases += 1
        let name = "t\(databases)"
        _ = try psql(url, "CREATE DATABASE \(name)")
        precondition(url.hasSuffix("/hq"))
        return String(url.dropLast(2)) + name
    }

    /// psql's unaligned, tuples-only answer.
    func psql(_ database: String, _ sql: String) throws -> String {
        let out = try ChildProcess.run("psql", [database, "-qtAX", "-v", "ON_ERROR_STOP=1", "-c", sql], timeout: 60)
        guard out.status == 0 else { throw HQClusterFailure("psql failed: \(out.errors)") }
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func kiosk(_ arguments: [String], timeout: TimeInterval = 300) throws -> Output {
        let r = try ChildProcess.run(kiosk, arguments, directory: projectRoot.path, timeout: timeout)
        return Output(status: r.status, stdout: r.output, stderr: r.errors + (r.timedOut ? "timed out" : ""))
    }

    /// `kiosk hq serve` on a free port, once it accepts connections.
    static func serve(_ database: String, _ more: [String] = []) throws -> (ChildProcess, Int) {
        let port = freePort()
        let process = try ChildProcess(kiosk, ["hq", "serve", "--db", database, "--listen", "127.0.0.1:\(port)"] + more,
                                       directory: projectRoot.path)
        let deadline = Date().addingTimeInterval(60)
        while !accepts(port) {
            guard Date() < deadline else {
                process.kill()
                throw HQClusterFailure("hq serve did not listen: \(process.wait(timeout: 5).errors)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return (process, port)
    }

    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
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

struct HQClusterFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
