import ChildProcess
import Foundation
import GRDB

/// Runs the built `kiosk` executable, as a person at a shell would.
enum KioskBinary {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Ended by SIGKILL rather than by exiting.
        var killed: Bool
    }

    /// The binary next to the test bundle (`.build/debug/kiosk`).
    static var url: URL {
        var dir = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            dir = bundle.bundleURL.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("kiosk")
    }

    static var projectRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs the kiosk to its end; one that outlives `timeout` seconds is killed and says so on stderr.
    static func run(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil, timeout: TimeInterval = 300) throws -> Output {
        let result = try ChildProcess.run(url.path, arguments, input: stdin.map { Data($0.utf8) },
                                          directory: (cwd ?? projectRoot).path, timeout: timeout)
        let late = result.timedOut ? "kiosk \(arguments.joined(separator: " ")) was killed after \(Int(timeout)) s.\n" : ""
        return Output(status: result.status, stdout: result.output, stderr: result.errors + late,
                      killed: result.signal == SIGKILL && !result.timedOut)
    }

    /// A ledger path in a new temporary folder (the folder also takes receipts).
    static func temporaryLedger() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("ledger.sqlite").path
    }

    /// Runs `body` while another program holds the ledger's write lock.
    static func whileAnotherProgramLocks<T>(_ ledger: String, _ body: () throws -> T) throws -> T {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: ledger, configuration: config)
        try holder.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? holder.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") } }
        return try body()
    }
}
