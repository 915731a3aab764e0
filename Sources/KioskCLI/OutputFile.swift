import Foundation

/// A file a command writes because the user named it (`--out`). It is never the ledger or
/// one of SQLite's files beside it, never a folder, device, pipe or link, and never a file
/// that is already there unless `--force` says to replace it.
struct OutputFile {
    let path: String

    /// Checks `path` before any work is done, so that a refused file costs nothing (a Z report
    /// is never closed for want of somewhere to write it).
    init(_ path: String, ledger: String, force: Bool) throws {
        self.path = path
        var info = stat()
        if lstat(path, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                throw Failure("\(path) is a folder; give --out the name of a file, e.g. \(Self.example(in: path)).")
            case S_IFREG:
                if Self.isLedger(path, ledger: ledger) {
                    throw Failure("\(path) is the ledger itself (or one of its files); write the output somewhere else.")
                }
                guard force else { throw Failure("\(path) already exists; add --force to replace it.") }
            default:
                throw Failure("\(path) is not a regular file (a link, device, pipe or socket), so nothing is written to it.")
            }
        } else if Self.isLedger(path, ledger: ledger) {
            throw Failure("\(path) is one of the ledger's own files; write the output somewhere else.")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Failure("Cannot write \(path): its folder does not exist.")
        }
    }

    /// Written beside its final name and renamed into place, so a reader never sees half a file.
    func write(_ data: Data) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw Self.failure(path) }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        let failure = written ? nil : Self.failure(path)
        close(fd)
        if let failure {
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let failure = Self.failure(path)
            unlink(temporary)
            throw failure
        }
    }

    private static func failure(_ path: String) -> Failure {
        Failure("Cannot write \(path): \(String(cString: strerror(errno))).")
    }

    /// The ledger, its `-wal`, `-shm` and `-journal`, by their real paths and by their inodes,
    /// so that neither a second spelling of the path nor a hard link gets past.
    private static func isLedger(_ path: String, ledger: String) -> Bool {
        let candidates = ["", "-wal", "-shm", "-journal"].map { ledger + $0 }
        let real = realPath(path)
        if candidates.contains(where: { realPath($0) == real }) { return true }
        var out = stat()
        guard stat(path, &out) == 0 else { return false }
        return candidates.contains { candidate in
            var info = stat()
            return stat(candidate, &info) == 0 && info.st_dev == out.st_dev && info.st_ino == out.st_ino
        }
    }

    /// The absolute path with links and `..` resolved, as far as the path exists.
    private static func realPath(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL
        return folder.appendingPathComponent(url.lastPathComponent).path
    }

    private static func example(in folder: String) -> String {
        (folder as NSString).appendingPathComponent("out.txt")
    }
}
