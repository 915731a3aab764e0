import Ledger
import Logging
import PostgresNIO

/// HQ's books of a ledger made again from the journal rows HQ holds. A migration that adds a
/// projection runs this, so that the rows pushed before it are in the new table as well and
/// HQ's books never depend on when a row was pushed.
enum BookRebuild {
    /// The projections, those that refer to others first.
    static let projections = ["z_reports", "terminal_cash", "terminal_state", "register_slips",
                              "refunds_due", "cash_movements", "transactions"]

    /// Every ledger's books, inside the caller's transaction.
    static func all(_ db: PostgresConnection, logger: Logger) async throws {
        var ledgers: [(StoreID, LedgerID)] = []
        for try await (store, ledger) in try await db.query("SELECT store_id, ledger_id FROM ledgers ORDER BY store_id, ledger_id",
                                                             logger: logger).decode((String, String).self) {
            guard let s = StoreID(rawValue: store), let l = LedgerID(rawValue: ledger) else {
                throw HQFailure("HQ holds a ledger \(ledger) of store \(store), which is not a store id and a ledger id.")
            }
            ledgers.append((s, l))
        }
        for (store, ledger) in ledgers {
            try await rebuild(BookStore(db: db, store: store, ledger: ledger, logger: logger))
        }
    }

    static func rebuild(_ stored: BookStore) async throws {
        for table in projections {
            try await stored.db.query(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE store_id = $1 AND ledger_id = $2",
                                                    binds: binds(stored)), logger: stored.logger)
        }
        var books = Books()
        for row in try await stored.journal() {
            guard let step = row.step else {
                throw HQFailure("Store \(stored.store), ledger \(stored.ledger): row seq \(row.seq) holds no step the ledger can read.")
            }
            do {
                try books.apply(VerifiedRow(row: row, step: step))
            } catch {
                throw HQFailure("Store \(stored.store), ledger \(stored.ledger): \(error.description)")
            }
        }
        try await stored.save(books, existing: [])
    }

    private static func binds(_ stored: BookStore) -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(stored.store.rawValue)
        binds.append(stored.ledger.rawValue)
        return binds
    }
}

extension BookStore {
    /// The ledger's journal as HQ holds it, in seq order, up to `seq` when given.
    func journal(through seq: Int64 = .max) async throws -> [JournalRow] {
        var rows: [JournalRow] = []
        for try await (seq, txnId, terminal, at, kind, payload, prev, hash) in try await db.query("""
            SELECT seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash FROM journal
            WHERE store_id = \(store.rawValue) AND ledger_id = \(ledger.rawValue) AND seq <= \(seq) ORDER BY seq
            """, logger: logger).decode((Int64, String?, String, String, String, String, String, String).self) {
            rows.append(JournalRow(seq: seq, txnId: txnId, terminalId: terminal, at: at, kind: kind, payload: payload,
                                   prevHash: prev, hash: hash))
        }
        return rows
    }
}
