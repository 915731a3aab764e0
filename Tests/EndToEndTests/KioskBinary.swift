import Foundation

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

    static func run(_ arguments: [String], stdin: String? = nil, cwd: URL? = nil) throws -> Output {
        let p = Process()
        p.executableURL = url
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? projectRoot
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self),
                      killed: p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL)
    }

    /// A ledger path in a new temporary folder (the folder also takes receipts).
    static func temporaryLedger() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("ledger.sqlite").path
    }
}
