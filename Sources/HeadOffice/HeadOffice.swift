import Foundation
import Ledger
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The head office's books in PostgreSQL and the verbs on them. The HTTP service and the
/// `kiosk hq` commands call these; nothing here knows HTTP.
///
/// ```swift
/// try await HeadOffice.run(database: url) { hq in
///     let token = try await hq.enroll(store: store)       // shown once
///     let position = try await hq.push(batch, ledger: id, store: store)
/// }
/// ```
public final class HeadOffice: Sendable {
    let client: PostgresClient
    let logger: Logger
    public let database: DatabaseURL

    private init(database: DatabaseURL, logger: Logger) {
        self.database = database
        self.logger = logger
        // The pool retries a connection that fails (a database still starting, or restarted);
        // its reports of each attempt are not the user's business, the sentence at the end is.
        var background = logger
        background.logLevel = .error
        self.client = PostgresClient(configuration: database.configuration, backgroundLogger: background)
    }

    /// Connects, applies missing migrations, runs `body`, and closes the connections. A
    /// database that cannot be reached now (refused, unknown, wrong password) is one sentence
    /// at once: the pool would otherwise keep trying.
    public static func run<T: Sendable>(database: DatabaseURL, logger: Logger = Logger(label: "hq"),
                                        _ body: @Sendable (HeadOffice) async throws -> T) async throws -> T {
        let hq = HeadOffice(database: database, logger: logger)
        try await hq.checkReachable()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                await hq.client.run()
                return nil
            }
            defer { group.cancelAll() }
            try await hq.reachable { try await hq.inTransaction { try await HQSchema.migrate($0, logger: hq.logger) } }
            return try await body(hq)
        }
    }

    private func checkReachable() async throws {
        let config = PostgresConnection.Configuration(host: database.host, port: database.port, username: database.username,
                                                      password: database.password, database: database.database, tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                                  configuration: config, id: 0, logger: logger).get()
            try await connection.close()
        } catch let error as PSQLError {
            throw HQFailure(sentence(error))
        } catch {
            throw HQFailure("The head-office database \(database) cannot be reached: \(error).")
        }
    }

    /// Runs `work`, turning a database that cannot be reached into one sentence. The pool
    /// waits for a connection while the database is down (and reconnects when it is back), so
    /// work that does not finish within `databaseTimeout` is given up: the store tries again.
    func reachable<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(for: HeadOffice.databaseTimeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw HQFailure("The head-office database \(database) did not answer within \(HeadOffice.databaseTimeout.components.seconds) s.")
                }
                return value
            }
        } catch let error as PSQLError {
            throw HQFailure(sentence(error))
        }
    }

    /// How long one verb waits for the database.
    static let databaseTimeout = Duration.seconds(10)

    func sentence(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] {
            return "The head-office database \(database) refused: \(message)."
        }
        if error.code == .connectionError {
            return "The head-office database \(database) cannot be reached: nothing accepts connections at \(database.host):\(database.port)."
        }
        return "The head-office database \(database) cannot be reached (\(error.code))."
    }

    /// One transaction on one connection; anything thrown rolls it back and is thrown as it was.
    func inTransaction<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    // MARK: - Tokens

    /// A new push token for `store`; HQ keeps only its salted hash, so this is the only time
    /// anyone sees it.
    public func enroll(store: StoreID) async throws -> PushToken {
        let token = PushToken.make(for: store)
        let salt = PushToken.randomBytes(16)
        let hash = PushToken.secretHash(salt: salt, secret: token.secret)
        try await reachable { [self] in
            try await client.query("""
                INSERT INTO push_tokens (store_id, token_id, salt, secret_hash)
                VALUES (\(store.rawValue), \(token.tokenId), \(ByteBuffer(bytes: salt)), \(ByteBuffer(bytes: hash)))
                """, logger: logger)
        }
        return token
    }

    /// The store's tokens (their ids and when each was made), oldest first.
    public func tokens(of store: StoreID) async throws -> [(tokenId: String, madeAt: String)] {
        try await reachable { [self] in
            var out: [(String, String)] = []
            for try await (id, made) in try await client.query("""
                SELECT token_id, to_char(made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM push_tokens
                WHERE store_id = \(store.rawValue) ORDER BY made_at, token_id
                """, logger: logger).decode((String, String).self) { out.append((id, made)) }
            return out
        }
    }

    /// Removes the store's token `tokenId` (every token of the store when nil); a push with
    /// one is refused (401) from the next request on. Returns how many were removed.
    public func revoke(store: StoreID, tokenId: String?) async throws -> Int {
        try await reachable { [self] in
            var removed = 0
            for try await _ in try await client.query("""
                DELETE FROM push_tokens WHERE store_id = \(store.rawValue) AND (\(tokenId)::text IS NULL OR token_id = \(tokenId))
                RETURNING token_id
                """, logger: logger).decode(String.self) { removed += 1 }
            return removed
        }
    }

    /// The store a token pushes for; nil for a token HQ did not issue.
    public func authenticate(_ token: PushToken) async throws -> StoreID? {
        try await reachable { [self] in
            let rows = try await client.query("""
                SELECT salt, secret_hash FROM push_tokens WHERE store_id = \(token.store.rawValue) AND token_id = \(token.tokenId)
                """, logger: logger)
            for try await (salt, hash) in rows.decode((ByteBuffer, ByteBuffer).self) {
                if token.matches(salt: Array(buffer: salt), hash: Array(buffer: hash)) { return token.store }
            }
            return nil
        }
    }

    // MARK: - Pushing

    /// How far HQ holds `ledger` of `store` (0 for one it has never seen).
    public func position(ledger: LedgerID, store: StoreID) async throws -> LedgerPosition {
        try await reachable { [self] in
            let rows = try await client.query("""
                SELECT last_seq FROM ledgers WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue)
                """, logger: logger)
            var last: Int64 = 0
            for try await seq in rows.decode(Int64.self) { last = seq }
            return LedgerPosition(ledgerId: ledger, lastSeq: last)
        }
    }

    /// Checks and stores one batch in one transaction: the chain against HQ's last row of the
    /// ledger (locked, so two pushes of one ledger take turns), then the books. Any refusal
    /// leaves everything as it was. The rows are checked each by itself before the lock, so a
    /// store's next batch is made ready while its last one is stored.
    public func push(_ batch: PushBatch, ledger: LedgerID, store: StoreID) async throws -> LedgerPosition {
        let prepared = try ChainCheck.prepare(batch, store: store).get()
        return try await reachable { [self] in
            try await inTransaction { db in
                guard !prepared.isEmpty else {
                    return try await position(ledger: ledger, store: store, db)
                }
                try await db.query("""
                    INSERT INTO ledgers (store_id, ledger_id, last_seq, last_hash)
                    VALUES (\(store.rawValue), \(ledger.rawValue), 0, \(JournalRow.firstPrevHash))
                    ON CONFLICT DO NOTHING
                    """, logger: logger)
                var head = LedgerHead.empty
                for try await (seq, hash) in try await db.query("""
                    SELECT last_seq, last_hash FROM ledgers WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue)
                    FOR UPDATE
                    """, logger: logger).decode((Int64, String).self) {
                    head = LedgerHead(lastSeq: seq, lastHash: hash)
                }
                var held: [Int64: String] = [:]
                let first = batch.rows.map(\.row.seq).min() ?? 0
                if first <= head.lastSeq {
                    for try await (seq, hash) in try await db.query("""
                        SELECT seq, hash FROM journal WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue)
                          AND seq >= \(first) AND seq <= \(head.lastSeq)
                        """, logger: logger).decode((Int64, String).self) {
                        held[seq] = hash
                    }
                }
                // The rows after HQ's last go to PostgreSQL while they are checked: a batch the
                // check passes stores exactly these, and one it refuses the transaction takes back,
                // the refusal (naming the first bad row) being the answer.
                let writer = BookStore(db: db, store: store, ledger: ledger, logger: logger)
                let fresh = batch.rows.map(\.row).filter { $0.seq > head.lastSeq }
                async let storing: Void = writer.insertJournal(fresh)
                let result = ChainCheck.check(prepared, head: head, held: held)
                var failure: (any Error)?
                do { try await storing } catch { failure = error }
                let checked = try result.get()
                if let failure { throw failure }
                guard let last = checked.new.last else {
                    return LedgerPosition(ledgerId: ledger, lastSeq: head.lastSeq, alreadyHeld: checked.alreadyHeld)
                }
                var books = try await writer.load(touchedBy: checked.new)
                let existing = Set(books.transactions.keys)
                for row in checked.new { try books.apply(row) }
                try await writer.save(books, existing: existing)
                try await db.query("""
                    UPDATE ledgers SET last_seq = \(last.row.seq), last_hash = \(last.row.hash), last_push_at = now()
                    WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue)
                    """, logger: logger)
                return LedgerPosition(ledgerId: ledger, lastSeq: last.row.seq, stored: checked.new.count,
                                      alreadyHeld: checked.alreadyHeld)
            }
        }
    }

    private func position(ledger: LedgerID, store: StoreID, _ db: PostgresConnection) async throws -> LedgerPosition {
        var last: Int64 = 0
        for try await seq in try await db.query("""
            SELECT last_seq FROM ledgers WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue)
            """, logger: logger).decode(Int64.self) { last = seq }
        return LedgerPosition(ledgerId: ledger, lastSeq: last)
    }
}
