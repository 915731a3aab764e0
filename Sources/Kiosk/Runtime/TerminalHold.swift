import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A terminal belongs to one process at a time: the process that drives it (`run`,
/// `simulate`) or settles its cash (`cash`, `ledger recover`) holds it, so that nobody
/// else settles a sale that is still going on. The hold is an advisory lock (`flock`) on a
/// file beside the ledger, `<ledger>-holds/<terminal>`, which holds the holder's process id;
/// the operating system lets go of it when the process ends, however it ends.
public enum TerminalHold {
    /// Another process holds the terminal.
    public struct Held: Error, CustomStringConvertible, Equatable {
        public let terminalId: String
        /// The holder's process id, when it had written it.
        public let pid: Int32?

        public var description: String {
            let holder = pid.map { "process \($0)" } ?? "another process"
            return "Terminal \(terminalId) is in use by \(holder) on this ledger; stop that kiosk first, or choose another terminal."
        }
    }

    /// The hold could not be taken for another reason (the folder cannot be written).
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    private static let lock = NSLock()
    /// Lock file path → its open descriptor, for the terminals this process holds.
    nonisolated(unsafe) private static var held: [String: Int32] = [:]

    /// Takes the terminal for this process. True when it was taken now, false when this
    /// process already held it.
    @discardableResult
    public static func take(_ terminalId: String, ledgerPath: String) throws -> Bool {
        let path = file(terminalId, ledgerPath: ledgerPath)
        lock.lock()
        defer { lock.unlock() }
        if held[path] != nil { return false }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Unavailable(description: "Cannot hold terminal \(terminalId): the folder \(folder) cannot be made.")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Unavailable(description: "Cannot hold terminal \(terminalId): \(path) cannot be opened (\(String(cString: strerror(errno)))).")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = readPID(fd)
            close(fd)
            throw Held(terminalId: terminalId, pid: holder)
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.utf8.count, 0)
        held[path] = fd
        return true
    }

    /// Lets go of a terminal this process holds.
    public static func release(_ terminalId: String, ledgerPath: String) {
        let path = file(terminalId, ledgerPath: ledgerPath)
        lock.lock()
        defer { lock.unlock() }
        guard let fd = held.removeValue(forKey: path) else { return }
        close(fd)
    }

    /// Holds the terminal for the length of `body`, unless this process held it already.
    public static func during<T>(_ terminalId: String, ledgerPath: String, _ body: () throws -> T) throws -> T {
        let taken = try take(terminalId, ledgerPath: ledgerPath)
        defer { if taken { release(terminalId, ledgerPath: ledgerPath) } }
        return try body()
    }

    static func file(_ terminalId: String, ledgerPath: String) -> String {
        let ledger = canonicalPath(ledgerPath)
        let name = terminalId.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return ledger + "-holds/" + String(name)
    }

    /// The ledger's one name, however it was spelled: a symbolic link, `..` or a relative
    /// path to the same file holds the same terminals. A ledger not made yet is named by its
    /// folder's real path.
    static func canonicalPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if let real = realPath(url.path) { return real }
        let folder = url.deletingLastPathComponent().path
        return ((realPath(folder) ?? folder) as NSString).appendingPathComponent(url.lastPathComponent)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
