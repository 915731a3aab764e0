import PostgresNIO

/// HQ's tables, as named, ordered migrations (each a list of statements), applied in one
/// transaction under an advisory lock so that two services starting at once apply each once.
/// Every table of a store's data is keyed by `store_id` first, so that the schema distributes by
/// store on a distributed PostgreSQL; `hq_migrations` and the dashboard's staff tables (`DashboardSchema`)
/// are the tables without a store.
enum HQSchema {
    struct Migration {
        let name: String
        let statements: [String]
        /// It adds a projection of the journal: the books are made again from the rows held.
        var rebuildsBooks = false
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
        Migration(name: "3-z-reports-slips-terminals", statements: [
            // Each Z with its figures as the store's own Z computes them (`ZFigures`).
            """
            CREATE TABLE z_reports (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                terminal_id text NOT NULL,
                number integer NOT NULL CHECK (number > 0),
                seq bigint NOT NULL,
                business_date text NOT NULL,
                period_start text,
                period_end text NOT NULL,
                closed_at text NOT NULL,
                staff text NOT NULL,
                sales_count integer NOT NULL,
                sales_yen bigint NOT NULL,
                tax_yen bigint NOT NULL,
                opening_yen bigint NOT NULL,
                in_yen bigint NOT NULL,
                change_yen bigint NOT NULL,
                refunded_yen bigint NOT NULL,
                replenished_yen bigint NOT NULL,
                collected_yen bigint NOT NULL,
                expected_yen bigint NOT NULL,
                counted_yen bigint,
                over_short_yen bigint CHECK ((counted_yen IS NULL) = (over_short_yen IS NULL)),
                PRIMARY KEY (store_id, ledger_id, terminal_id, number),
                FOREIGN KEY (store_id, ledger_id, seq) REFERENCES journal (store_id, ledger_id, seq))
            """,
            "CREATE INDEX z_reports_by_day ON z_reports (store_id, business_date)",
            """
            CREATE TABLE register_slips (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                slip_no text NOT NULL,
                terminal_id text NOT NULL,
                sim_number text NOT NULL,
                carrier_id text NOT NULL,
                plan_id text NOT NULL,
                amount_yen bigint NOT NULL CHECK (amount_yen >= 0),
                valid_minutes integer NOT NULL CHECK (valid_minutes > 0),
                language text,
                issued_at text NOT NULL,
                expires_at text NOT NULL,
                status text NOT NULL CHECK (status IN ('issued', 'paying', 'paid', 'refunded', 'voided')),
                txn_id text,
                register_id text,
                PRIMARY KEY (store_id, ledger_id, slip_no),
                FOREIGN KEY (store_id, ledger_id) REFERENCES ledgers (store_id, ledger_id))
            """,
            """
            CREATE TABLE terminal_state (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                terminal_id text NOT NULL,
                last_seq bigint NOT NULL,
                last_row_at text NOT NULL,
                last_sale_at text,
                last_receipt_no bigint,
                paper_loaded_at text,
                paper_loaded_sheets integer,
                receipts_since_paper integer NOT NULL CHECK (receipts_since_paper >= 0),
                last_z_number integer,
                last_z_at text,
                last_recovered_at text,
                open_refunds integer NOT NULL CHECK (open_refunds >= 0),
                open_refunds_yen bigint NOT NULL CHECK (open_refunds_yen >= 0),
                PRIMARY KEY (store_id, ledger_id, terminal_id),
                FOREIGN KEY (store_id, ledger_id) REFERENCES ledgers (store_id, ledger_id))
            """,
            """
            CREATE TABLE terminal_cash (
                store_id text NOT NULL,
                ledger_id text NOT NULL,
                terminal_id text NOT NULL,
                denomination integer NOT NULL CHECK (denomination > 0),
                -- No CHECK (count >= 0): a batch's change is added to what is held, and the row
                -- proposed before the conflict is the change alone. `hq verify` checks the sums.
                count integer NOT NULL,
                PRIMARY KEY (store_id, ledger_id, terminal_id, denomination),
                FOREIGN KEY (store_id, ledger_id, terminal_id) REFERENCES terminal_state (store_id, ledger_id, terminal_id))
            """,
        ], rebuildsBooks: true),
        // A push writes a ledger's journal rows and their cash movements only under that ledger's
        // locked row, each movement beside the row that made it, so these two keys never refused
        // a row; checked row by row they cost as much as storing the rows. `hq verify` finds a
        // journal row or movement of a ledger HQ does not hold, and compares each ledger's
        // movements with what its journal gives.
        Migration(name: "4-bulk-journal", statements: [
            "ALTER TABLE journal DROP CONSTRAINT journal_store_id_ledger_id_fkey",
            "ALTER TABLE cash_movements DROP CONSTRAINT cash_movements_store_id_ledger_id_seq_fkey",
        ]),
    ] + DashboardSchema.migrations

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
        if migrations.contains(where: { $0.rebuildsBooks && !applied.contains($0.name) }) {
            try await BookRebuild.all(connection, logger: logger)
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
