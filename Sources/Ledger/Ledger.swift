import Foundation
import GRDB

/// The store's ledger: one SQLite file that every kiosk process of the store journals into.
///
/// WAL mode with `synchronous=FULL`: a commit has reached the disk when `record` returns.
/// Writes take the lock up front (`BEGIN IMMEDIATE`) and are retried while another process
/// holds it, so only a lock held longer than `busyTimeout` reaches the caller as `.busy`.
public final class Ledger: @unchecked Sendable {
    public let path: String
    let busyTimeout: TimeInterval
    let maxPageCount: Int?
    let queue: DatabaseQueue
    /// The connections reads take (see `read`), one per thread reading at once.
    private let readers = ReadingConnections()
    /// What hashing a new staff PIN costs; stored hashes carry their own cost.
    var pinCost = StaffPIN.Cost.standard

    /// Opens the ledger at `path`, creating it when missing (its folder must exist).
    /// - Parameters:
    ///   - maxPageCount: caps the file size in pages, as a full disk would.
    ///   - busyTimeout: how long a write waits for another process's lock before `.busy`.
    ///   - readingOnly: for a reader that never writes (a push to the head office): an
    ///     up-to-date file is not run through SQLite's quick check, which guards writes and
    ///     reads every page; a read of a damaged page still fails.
    public init(path: String, maxPageCount: Int? = nil, busyTimeout: TimeInterval = 10, readingOnly: Bool = false) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        self.maxPageCount = maxPageCount
        let state = try LedgerFile.inspect(path)
        self.queue = try Ledger.connect(path, synchronous: "FULL", maxPageCount: maxPageCount, busyTimeout: busyTimeout)
        try prepareSchema(state, readingOnly: readingOnly)
    }

    /// Marks a new file as a ledger and applies missing migrations, all in one write
    /// transaction; refuses any SQLite file that is not empty and not marked as a ledger.
    private func prepareSchema(_ state: LedgerFile.State, readingOnly: Bool) throws {
        // A damaged file takes no more writes: each would build on pages SQLite cannot trust.
        func refuseDamage() throws {
            if state != .new, try read({ db in try String.fetchAll(db, sql: "PRAGMA quick_check(1)") }) != ["ok"] {
                throw LedgerError.corrupt(path: path)
            }
        }
        if !readingOnly { try refuseDamage() }
        // An up-to-date ledger opens with reads only, so a kiosk starts even while another holds the write lock.
        // Exactly the known migrations, whatever the order: a ledger may have taken a later one first.
        let upToDate = state == .ledger ? try read { db in Set(try Schema.applied(db)) == Set(Schema.migrations.map(\.name)) } : false
        if !upToDate {
            if readingOnly { try refuseDamage() }
            try write { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                if id != Schema.applicationId {
                    let objects = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                    guard id == 0, objects == 0 else { throw LedgerError.notALedger(path: path) }
                    try db.execute(sql: "PRAGMA application_id = \(Schema.applicationId)")
                }
                let applied = try Schema.applied(db)
                let known = Schema.migrations.map(\.name)
                if let unknown = applied.first(where: { !known.contains($0) }) {
                    throw LedgerError.newerLedger(path: path, migration: unknown)
                }
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS ledger_migrations (
                        name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)
                    """)
                let missing = Schema.migrations.filter { !applied.contains($0.name) }
                for migration in missing {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO ledger_migrations (name, applied_at) VALUES (?, ?)",
                                   arguments: [migration.name, LedgerTime.text(Date())])
                }
                // Other connections to the file read the schema again (a definition edited in
                // place does not tell them by itself).
                if !missing.isEmpty {
                    let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
                    try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
                }
            }
        }
        try perform {
            try queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw LedgerError.cannotOpen(path: path, reason: "it cannot use write-ahead logging")
                }
            }
        }
    }

    private static func connect(_ path: String, synchronous: String, maxPageCount: Int?, busyTimeout: TimeInterval) throws -> DatabaseQueue {
        var config = Configuration()
        config.label = "Ledger"
        // Each attempt waits in SQLite's own busy handler; `retryingWhileBusy` adds the
        // attempts that SQLite answers with SQLITE_BUSY at once (e.g. during WAL recovery).
        config.busyMode = .timeout(min(busyTimeout, 1))
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            // A checkpoint costs two fsyncs; every 4,000 pages (16 MB of log) rather than
            // SQLite's 1,000 keeps a busy store's checkpoints to a few an hour.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 4000")
            if let maxPageCount {
                try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)")
            }
        }
        let deadline = Date().addingTimeInterval(busyTimeout)
        return try Ledger.translating(path) {
            try Ledger.retryingWhileBusy(path, until: deadline) {
                try DatabaseQueue(path: path, configuration: config)
            }
        }
    }

    // MARK: - Access

    /// One durable write transaction, taken with `BEGIN IMMEDIATE`; anything thrown rolls it back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try perform { try queue.inDatabase { db in try db.committed(.immediate) { try body(db) } } }
    }

    /// A write of a simulated device (the carrier's top-ups, the printer's paper), which is not
    /// the kiosk's record: its commit does not wait for the disk (`synchronous=NORMAL` for that
    /// one transaction). It is in the write-ahead log, which a crash of the process keeps, and
    /// it reaches the disk with the kiosk's next commit; one always follows a top-up, as the
    /// kiosk records the answer. So the carrier never remembers less than the kiosk was told.
    /// It takes the kiosk's own connection, whose cached pages another connection's commit
    /// would make it read again.
    func deviceWrite<T>(_ body: (Database) throws -> T) throws -> T {
        try perform {
            try queue.inDatabase { db in
                try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
                let result = Result { try db.committed(.immediate) { try body(db) } }
                // Every other commit on this connection is the kiosk's, and waits for the disk.
                try db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute()
                return try result.get()
            }
        }
    }

    /// A simulated device's read of what it wrote, on the connection its writes take: that
    /// connection's cached pages are the ones its last commits left. Inside `snapshot`, it
    /// reads the snapshot as every read does.
    func deviceRead<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = snapshotDatabase { return try body(db) }
        return try perform { try queue.inDatabase(body) }
    }

    /// Runs `body` in one read transaction: every read it makes through this ledger, on this
    /// thread, sees the same snapshot of the file, whatever other processes write meanwhile.
    /// `body` only reads.
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try read { db in
            Thread.current.threadDictionary[snapshotKey] = db
            defer { Thread.current.threadDictionary.removeObject(forKey: snapshotKey) }
            return try body()
        }
    }

    /// Where `snapshot` keeps its connection for the thread, one key per ledger.
    private let snapshotKey = "Ledger.snapshot.\(UUID().uuidString)"

    /// The connection of the snapshot this thread is in, if it is in one.
    private var snapshotDatabase: Database? { Thread.current.threadDictionary[snapshotKey] as? Database }

    /// One consistent read: a deferred transaction. GRDB's own `read` brackets each call with
    /// `PRAGMA query_only`, which expires every cached statement of the connection.
    /// Reads have a connection of their own: in WAL mode a read sees the last commit without
    /// waiting for a write in progress, so a receipt printing on another thread never holds
    /// up the next machine's commit, nor waits for it.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = snapshotDatabase { return try body(db) }
        return try perform {
            try readers.with(open: openReader) { connection in
                try connection.inDatabase { db in try db.committed(.deferred) { try body(db) } }
            }
        }
    }

    private func openReader() throws -> DatabaseQueue {
        try Ledger.connect(path, synchronous: "FULL", maxPageCount: maxPageCount, busyTimeout: busyTimeout)
    }

    private func perform<T>(_ work: () throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(busyTimeout)
        return try Ledger.translating(path) {
            try Ledger.retryingWhileBusy(path, until: deadline, work)
        }
    }

    private static func retryingWhileBusy<T>(_ path: String, until deadline: Date, _ work: () throws -> T) throws -> T {
        while true {
            do {
                return try work()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                guard Date() < deadline else { throw LedgerError.busy(path: path) }
                // A short random pause so that writers who collided do not collide again.
                Thread.sleep(forTimeInterval: .random(in: 0.001...0.01))
            }
        }
    }

    private static func translating<T>(_ path: String, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as DatabaseError {
            throw LedgerError(error, path: path)
        }
    }
}

extension LedgerError {
    /// The sentence for an SQLite failure on the ledger at `path`.
    init(_ error: DatabaseError, path: String) {
        let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_READONLY: self = .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy(path: path)
        case .SQLITE_NOTADB: self = .notALedger(path: path)
        case .SQLITE_CORRUPT: self = .corrupt(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .cannotOpen(path: path, reason: reason)
        case .SQLITE_IOERR: self = .ioFailure(path: path, reason: reason)
        case .SQLITE_CONSTRAINT: self = .invalidEntry("The ledger \(path) refused the entry: \(reason).")
        default: self = .database(path: path, reason: reason)
        }
    }
}

extension Database {
    /// `body` in one transaction of `kind`, committed unless it throws, and what it gave.
    fileprivate func committed<T>(_ kind: Database.TransactionKind, _ body: () throws -> T) throws -> T {
        var result: T?
        try inTransaction(kind) {
            result = try body()
            return .commit
        }
        return result!
    }
}

/// Connections for reading, each used by one thread at a time: a receipt printing on one
/// thread reads beside a machine's look-up on another instead of queueing behind it. As
/// many are opened as threads have read at once; each stays open for the next read.
private final class ReadingConnections: @unchecked Sendable {
    private var idle: [DatabaseQueue] = []
    private let lock = NSLock()

    func with<T>(open: () throws -> DatabaseQueue, _ body: (DatabaseQueue) throws -> T) throws -> T {
        let connection = try lock.withLock { idle.popLast() } ?? open()
        defer { lock.withLock { idle.append(connection) } }
        return try body(connection)
    }
}
