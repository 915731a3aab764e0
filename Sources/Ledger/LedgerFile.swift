import Foundation

/// What can be told about a ledger path before SQLite touches it. Reading the header
/// ourselves means a file that is not ours is refused without ever being opened for writing.
enum LedgerFile {
    enum State: Equatable {
        /// No file yet, or an empty one: a new ledger is created there.
        case new
        /// An SQLite file carrying the ledger's application id.
        case ledger
        /// An SQLite file without any application id: a ledger only if it holds no tables.
        case unmarkedSQLite
    }

    static func inspect(_ path: String) throws -> State {
        var isDirectory: ObjCBool = false
        let fm = FileManager.default
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw LedgerError.isDirectory(path: path) }
        // Reading a pipe or a terminal waits for a writer that may never come; a device is not ours.
        var info = stat()
        if exists, stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw LedgerError.cannotOpen(path: path, reason: "it is a device, pipe or socket, not a file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        var folderIsDirectory: ObjCBool = false
        guard fm.fileExists(atPath: parent, isDirectory: &folderIsDirectory), folderIsDirectory.boolValue else {
            throw LedgerError.cannotOpen(path: path, reason: "the folder \(parent) does not exist")
        }
        // SQLite keeps its -wal and -shm files beside the ledger, so the folder must be writable too.
        guard fm.isWritableFile(atPath: parent) else { throw LedgerError.readOnly(path: path) }
        guard exists else { return .new }
        guard fm.isReadableFile(atPath: path) else {
            throw LedgerError.cannotOpen(path: path, reason: "this user may not read it")
        }
        // Checked on the permission bits as well as with access(2): a file marked read-only
        // stays read-only for the kiosk even when it runs as root.
        let permissions = (try? fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        if permissions & 0o222 == 0 || !fm.isWritableFile(atPath: path) {
            throw LedgerError.readOnly(path: path)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LedgerError.cannotOpen(path: path, reason: "it cannot be read")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        if header.isEmpty { return .new }
        let magic = Data("SQLite format 3\u{0}".utf8)
        guard header.count == 100, header.prefix(16) == magic else { throw LedgerError.notALedger(path: path) }
        let id = header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        switch Int32(bitPattern: id) {
        case Schema.applicationId: return .ledger
        case 0: return .unmarkedSQLite
        default: throw LedgerError.notALedger(path: path)
        }
    }
}
