import GRDB

/// The ledger's tables, as named, ordered migrations.
///
/// GRDB's `DatabaseMigrator` reads what is applied outside the transaction that applies
/// it, so two kiosks starting at once on a new file could both run step 1. Here the check
/// and every missing step run inside one `BEGIN IMMEDIATE` transaction instead.
enum Schema {
    /// `PRAGMA application_id` of every ledger file ("CKLG"): how a ledger is told apart
    /// from any other SQLite database.
    static let applicationId: Int32 = 0x434B_4C47

    struct Migration {
        let name: String
        let sql: String
    }

    static let migrations: [Migration] = [
        Migration(name: "1-tables", sql: tables),
        Migration(name: "2-append-only", sql: appendOnly),
        Migration(name: "3-staff-and-reports", sql: staffAndReports),
        Migration(name: "4-latest-top-up-by-sim", sql: latestTopUpBySIM),
        Migration(name: "5-printer-paper", sql: printerPaper),
        Migration(name: "6-wallet-payments", sql: walletPayments),
        Migration(name: "7-register-slips", sql: registerSlips),
        Migration(name: "8-ledger-id", sql: ledgerId),
        Migration(name: "9-card-pin-tries", sql: cardPINTries),
    ]

    /// Names of the migrations already applied to `db` (empty for a new file).
    static func applied(_ db: Database) throws -> [String] {
        guard try db.tableExists("ledger_migrations") else { return [] }
        return try String.fetchAll(db, sql: "SELECT name FROM ledger_migrations ORDER BY rowid")
    }

    private static let tables = """
        CREATE TABLE transactions (
            id TEXT PRIMARY KEY NOT NULL,
            store_id TEXT NOT NULL,
            terminal_id TEXT NOT NULL,
            business_date TEXT NOT NULL
                CHECK (business_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('open', 'completed', 'cancelled', 'refunded', 'refund_due', 'failed')),
            sim_number TEXT NOT NULL,
            carrier_id TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),
            tax_yen INTEGER NOT NULL CHECK (tax_yen >= 0 AND tax_yen <= amount_yen),
            payment_method TEXT CHECK (payment_method IN ('cash', 'card')),
            cash_in_yen INTEGER NOT NULL DEFAULT 0 CHECK (cash_in_yen >= 0),
            change_yen INTEGER NOT NULL DEFAULT 0 CHECK (change_yen >= 0),
            card_brand TEXT,
            card_last4 TEXT CHECK (card_last4 GLOB '[0-9][0-9][0-9][0-9]'),
            auth_code TEXT,
            receipt_no INTEGER CHECK (receipt_no > 0),
            UNIQUE (terminal_id, receipt_no)
        );
        CREATE INDEX transactions_by_terminal ON transactions (terminal_id, status);

        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY,
            txn_id TEXT,
            terminal_id TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z_]*'),
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL CHECK (length(hash) = 64)
        );
        CREATE INDEX journal_by_txn ON journal (txn_id, seq);

        CREATE TABLE cash_inventory (
            terminal_id TEXT NOT NULL,
            denomination INTEGER NOT NULL CHECK (denomination > 0),
            count INTEGER NOT NULL CHECK (count >= 0),
            PRIMARY KEY (terminal_id, denomination)
        ) WITHOUT ROWID;

        CREATE TABLE cash_movements (
            id INTEGER PRIMARY KEY,
            terminal_id TEXT NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('in', 'change', 'refund', 'replenish', 'collect')),
            denomination INTEGER NOT NULL CHECK (denomination > 0),
            count INTEGER NOT NULL CHECK (count > 0),
            txn_id TEXT REFERENCES transactions (id)
        );
        CREATE INDEX cash_movements_by_terminal ON cash_movements (terminal_id, denomination);
        CREATE INDEX cash_movements_by_txn ON cash_movements (txn_id);

        CREATE TABLE z_reports (
            number INTEGER NOT NULL CHECK (number > 0),
            store_id TEXT NOT NULL,
            terminal_id TEXT NOT NULL,
            business_date TEXT NOT NULL,
            closed_at TEXT NOT NULL,
            body TEXT NOT NULL,
            hash TEXT NOT NULL CHECK (length(hash) = 64),
            PRIMARY KEY (terminal_id, number)
        );

        CREATE TABLE refunds_due (
            txn_id TEXT PRIMARY KEY NOT NULL REFERENCES transactions (id),
            terminal_id TEXT NOT NULL,
            yen INTEGER NOT NULL CHECK (yen > 0),
            reason TEXT NOT NULL,
            at TEXT NOT NULL,
            settled_at TEXT,
            settled_by TEXT
        );

        CREATE TABLE host_topups (
            txn_id TEXT PRIMARY KEY NOT NULL,
            sim_number TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            new_expiry TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        CREATE INDEX host_topups_by_sim ON host_topups (sim_number);

        CREATE TABLE terminals (
            terminal_id TEXT PRIMARY KEY NOT NULL,
            store_id TEXT NOT NULL,
            opened_at TEXT NOT NULL
        );
        """

    /// The journal and closed Z reports are never edited through SQL; a hand edit has to
    /// drop these triggers first, and `verify` still finds it.
    private static let appendOnly = """
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports
            BEGIN SELECT RAISE(ABORT, 'a closed Z report never changes'); END;
        CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports
            BEGIN SELECT RAISE(ABORT, 'a closed Z report never changes'); END;
        """

    /// Staff accounts and the PIN lockout of each terminal, and the indexes the X and Z
    /// reports read by: a period is the transactions finished, and the cash moved, after
    /// the terminal's last Z. Each index holds every column a report sums, so a report reads
    /// the indexes alone, never the rows.
    private static let staffAndReports = """
        CREATE TABLE staff (
            name TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
            pin_hash TEXT NOT NULL,
            added_at TEXT NOT NULL
        );

        CREATE TABLE staff_lockout (
            terminal_id TEXT PRIMARY KEY NOT NULL,
            failures INTEGER NOT NULL CHECK (failures >= 0),
            locked_until TEXT
        ) WITHOUT ROWID;

        CREATE INDEX transactions_for_reports ON transactions (
            terminal_id, finished_at, status, payment_method, carrier_id, plan_id, amount_yen, tax_yen);
        CREATE INDEX cash_movements_for_reports ON cash_movements (terminal_id, at, kind, denomination, count);
        """

    /// `payment_method` takes `wallet` too. SQLite cannot alter a CHECK constraint, and a copy
    /// of `transactions` would have to drop a table other tables refer to; its documented way
    /// is to edit the table's definition in place (the rows already meet the wider check).
    /// The simulated wallets keep their orders in the file, as the carrier keeps its top-ups,
    /// so that a kiosk started after a crash can ask about an order another process made.
    private static let walletPayments = """
        CREATE TABLE wallet_orders (
            txn_id TEXT PRIMARY KEY NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('paid', 'declined', 'pending', 'cancelled')),
            trade_no TEXT,
            decline TEXT,
            confirms_after INTEGER,
            refunded_at TEXT,
            updated_at TEXT NOT NULL
        );
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET sql = replace(sql,
            'payment_method TEXT CHECK (payment_method IN (''cash'', ''card''))',
            'payment_method TEXT CHECK (payment_method IN (''cash'', ''card'', ''wallet''))')
            WHERE type = 'table' AND name = 'transactions';
        PRAGMA writable_schema = RESET;
        """

    /// Application slips printed by machines that take no money, and which register took each.
    /// The register's own transactions stay in `transactions`, under the register's id; the
    /// register is a row of `terminals` marked as one, so that its drawer is reported apart.
    private static let registerSlips = """
        CREATE TABLE register_slips (
            slip_no TEXT PRIMARY KEY NOT NULL,
            store_id TEXT NOT NULL,
            terminal_id TEXT NOT NULL,
            sim_number TEXT NOT NULL,
            carrier_id TEXT NOT NULL,
            plan_id TEXT NOT NULL,
            amount_yen INTEGER NOT NULL CHECK (amount_yen >= 0),
            valid_minutes INTEGER NOT NULL CHECK (valid_minutes > 0),
            language TEXT,
            issued_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('issued', 'paying', 'paid', 'refunded', 'voided')),
            txn_id TEXT REFERENCES transactions (id),
            register_id TEXT
        );
        CREATE INDEX register_slips_by_terminal ON register_slips (terminal_id, issued_at);
        CREATE INDEX register_slips_by_txn ON register_slips (txn_id);
        ALTER TABLE terminals ADD COLUMN is_register INTEGER NOT NULL DEFAULT 0 CHECK (is_register IN (0, 1));
        """

    /// The carrier looks up a SIM's latest top-up at every customer: with the time in the
    /// index that is one step down the index, not a sort of every top-up the SIM ever had.
    private static let latestTopUpBySIM = """
        DROP INDEX host_topups_by_sim;
        CREATE INDEX host_topups_by_sim ON host_topups (sim_number, applied_at);
        """

    /// The sheets left in each terminal's printer (see `Ledger.usePaper`). A terminal without
    /// a row still has the roll its fixtures set it up with.
    private static let printerPaper = """
        CREATE TABLE printer_paper (
            terminal_id TEXT PRIMARY KEY NOT NULL,
            sheets INTEGER NOT NULL CHECK (sheets >= 0)
        ) WITHOUT ROWID;
        """

    /// The simulated card issuer's count of wrong PINs, per card and business day (Japan's
    /// date), so that a card refused after three is refused on every terminal of the file and
    /// after a restart, and tried afresh the next day. A card is known by a digest of its
    /// number, never the number; the PIN is not kept at all.
    private static let cardPINTries = """
        CREATE TABLE card_pin_tries (
            card_digest TEXT NOT NULL CHECK (length(card_digest) = 64),
            business_date TEXT NOT NULL,
            wrong INTEGER NOT NULL CHECK (wrong >= 0),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (card_digest, business_date)
        ) WITHOUT ROWID;
        """

    /// The ledger's stable id, a random UUID made when the file gets its tables (so an older
    /// ledger gets one when it first opens after this step). The head office knows the ledger
    /// by it; it never changes.
    private static let ledgerId = """
        CREATE TABLE ledger_identity (
            one INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
            id TEXT NOT NULL CHECK (length(id) = 36),
            made_at TEXT NOT NULL
        );
        INSERT INTO ledger_identity (one, id, made_at)
        SELECT 1, substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
                  || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12),
               strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        FROM (SELECT lower(hex(randomblob(16))) AS h);
        CREATE TRIGGER ledger_identity_no_update BEFORE UPDATE ON ledger_identity
            BEGIN SELECT RAISE(ABORT, 'a ledger id never changes'); END;
        CREATE TRIGGER ledger_identity_no_delete BEFORE DELETE ON ledger_identity
            BEGIN SELECT RAISE(ABORT, 'a ledger id never changes'); END;
        """
}
