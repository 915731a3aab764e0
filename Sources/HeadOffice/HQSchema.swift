import PostgresNIO

/// HQ's tables, as named, ordered migrations (each a list of statements), applied in one
/// transaction under an advisory lock so that two services starting at once apply each once.
/// Every table of a store's data is keyed by `store_id` first, so that the schema distributes by
/// store on a distributed PostgreSQL; `hq_migrations` is the one table without a store.
enum HQSchema {
    struct Migration {
        let name: String
        let statements: [String]
    }

    static let migrations: [Migration] = [
        Migration(name: "1-tokens-ledgers-journal", statements: [
            """
            CREATE TABLE push_tokens (
                store_id text NOT NULL,
                token_id text NOT NULL,
                salt bytea NOT NULL,
                secret_hash bytea NOT NULL,
                made_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (store_id, token_id))
            """,
            """
            CREATE TABLE ledgers (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                last_seq bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0),
                last_hash text NOT NULL CHECK (length(last_hash) = 64),
                first_push_at timestamptz NOT NULL DEFAULT now(),
                last_push_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (store_id, ledger_id))
            """,
            """
            CREATE TABLE journal (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                seq bigint NOT NULL CHECK (seq > 0),
                txn_id text,
                terminal_id text NOT NULL,
                at text NOT NULL,
                kind text NOT NULL,
                payload text NOT NULL,
                prev_hash text NOT NULL CHECK (length(prev_hash) = 64),
                hash text NOT NULL CHECK (length(hash) = 64),
                received_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (store_id, ledger_id, seq),
                FOREIGN KEY (store_id, ledger_id) REFERENCES ledgers (store_id, ledger_id))
            """,
        ]),
        Migration(name: "2-books", statements: [
            """
            CREATE TABLE transactions (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                txn_id text NOT NULL,
                terminal_id text NOT NULL,
                business_date text NOT NULL,
                started_at text NOT NULL,
                finished_at text,
                status text NOT NULL
                    CHECK (status IN ('open', 'completed', 'cancelled', 'refunded', 'refund_due', 'failed')),
                sim_number text NOT NULL,
                carrier_id text NOT NULL,
                plan_id text NOT NULL,
                amount_yen bigint NOT NULL,
                tax_yen bigint NOT NULL,
                payment_method text,
                cash_in_yen bigint NOT NULL,
                change_yen bigint NOT NULL,
                card_brand text,
                card_last4 text,
                auth_code text,
                receipt_no bigint,
                top_up_applied boolean NOT NULL,
                PRIMARY KEY (store_id, ledger_id, txn_id),
                FOREIGN KEY (store_id, ledger_id) REFERENCES ledgers (store_id, ledger_id))
            """,
            "CREATE INDEX transactions_for_reports ON transactions (store_id, business_date, terminal_id)",
            """
            CREATE TABLE cash_movements (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                seq bigint NOT NULL,
                denomination integer NOT NULL CHECK (denomination > 0),
                terminal_id text NOT NULL,
                at text NOT NULL,
                kind text NOT NULL CHECK (kind IN ('in', 'change', 'refund', 'replenish', 'collect')),
                count integer NOT NULL CHECK (count > 0),
                txn_id text,
                PRIMARY KEY (store_id, ledger_id, seq, denomination),
                FOREIGN KEY (store_id, ledger_id, seq) REFERENCES journal (store_id, ledger_id, seq))
            """,
            """
            CREATE TABLE refunds_due (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                txn_id text NOT NULL,
                terminal_id text NOT NULL,
                yen bigint NOT NULL CHECK (yen > 0),
                reason text NOT NULL,
                at text NOT NULL,
                settled_at text,
                settled_by text,
                PRIMARY KEY (store_id, ledger_id, txn_id),
                FOREIGN KEY (store_id, ledger_id, txn_id) REFERENCES transactions (store_id, ledger_id, txn_id))
            """,
        ]),
    ]

    /// Applies the missing migrations; throws when the database holds one this build does not know.
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS hq_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
            """, logger: logger)
        var applied: [String] = []
        for try await name in try await connection.query("SELECT name FROM hq_migrations", logger: logger).decode(String.self) {
            applied.append(name)
        }
        let known = migrations.map(\.name)
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw HQFailure("The head-office database has the migration \(unknown), which this kiosk does not know; it was made by a newer version.")
        }
        for migration in migrations where !applied.contains(migration.name) {
            for statement in migration.statements {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            try await connection.query("INSERT INTO hq_migrations (name) VALUES (\(migration.name))", logger: logger)
        }
    }

    /// The advisory lock migrations take ("CKHQ").
    private static let lockKey: Int64 = 0x434B_4851
}

/// A failure of the head office as one sentence.
public struct HQFailure: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
