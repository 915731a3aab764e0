import Foundation
import Ledger
import PostgresNIO

/// What `kiosk hq verify` found.
public struct HQVerifyReport: Equatable, Sendable {
    public var ledgers: Int
    public var rows: Int
    public var transactions: Int
    /// The first fault, as a sentence naming the store, the ledger and the row; nil when all agree.
    public var fault: String?
}

extension HeadOffice {
    /// Re-checks every ledger HQ holds: its chain from the first row (each hash recomputed,
    /// each `prev_hash` the hash before, no seq missing, the ledger's last row where HQ says it
    /// ends), then its books: replayed from the rows by HQ's rules they must equal what is
    /// stored, and the transactions and cash movements must equal what the ledger module's own
    /// replay (`JournalReplay`) gives.
    public func verify() async throws -> HQVerifyReport {
        try await reachable { [self] in
            try await inTransaction { db in
                try await db.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
                var report = HQVerifyReport(ledgers: 0, rows: 0, transactions: 0)
                var ledgers: [(StoreID, LedgerID, Int64, String)] = []
                for try await (store, ledger, lastSeq, lastHash) in try await db.query("""
                    SELECT store_id, ledger_id, last_seq, last_hash FROM ledgers ORDER BY store_id, ledger_id
                    """, logger: logger).decode((String, String, Int64, String).self) {
                    guard let s = StoreID(rawValue: store), let l = LedgerID(rawValue: ledger) else {
                        report.fault = "HQ holds a ledger \(ledger) of store \(store), which is not a store id and a ledger id."
                        return report
                    }
                    ledgers.append((s, l, lastSeq, lastHash))
                }
                for try await (table, store, ledger) in try await db.query("""
                    SELECT 'journal', store_id, ledger_id FROM journal j
                    WHERE NOT EXISTS (SELECT 1 FROM ledgers l WHERE l.store_id = j.store_id AND l.ledger_id = j.ledger_id)
                    UNION ALL
                    SELECT 'cash_movements', store_id, ledger_id FROM cash_movements m
                    WHERE NOT EXISTS (SELECT 1 FROM ledgers l WHERE l.store_id = m.store_id AND l.ledger_id = m.ledger_id)
                    LIMIT 1
                    """, logger: logger).decode((String, String, String).self) {
                    report.fault = "HQ's \(table) holds rows of ledger \(ledger) of store \(store), which is not a ledger HQ holds."
                    return report
                }
                for (store, ledger, lastSeq, lastHash) in ledgers {
                    report.ledgers += 1
                    let bookStore = BookStore(db: db, store: store, ledger: ledger, logger: logger)
                    let rows = try await bookStore.journal()
                    report.rows += rows.count
                    if let fault = Self.chainFault(rows, lastSeq: lastSeq, lastHash: lastHash) {
                        report.fault = "Store \(store), ledger \(ledger): \(fault)."
                        return report
                    }
                    if let fault = try await booksFault(rows, bookStore, &report) {
                        report.fault = "Store \(store), ledger \(ledger): \(fault)."
                        return report
                    }
                }
                return report
            }
        }
    }

    static func chainFault(_ rows: [JournalRow], lastSeq: Int64, lastHash: String) -> String? {
        var prev = JournalRow.firstPrevHash
        for (i, row) in rows.enumerated() {
            guard row.seq == Int64(i + 1) else { return "row seq \(i + 1) is missing" }
            guard row.prevHash == prev else { return "row seq \(row.seq) does not follow the row before it" }
            guard row.recomputedHash == row.hash else { return "row seq \(row.seq) was changed: its hash does not match its content" }
            prev = row.hash
        }
        guard Int64(rows.count) == lastSeq, prev == lastHash else {
            return "HQ says it holds the ledger up to seq \(lastSeq), but its rows end at seq \(rows.count)"
        }
        return nil
    }

    private func booksFault(_ rows: [JournalRow], _ stored: BookStore, _ report: inout HQVerifyReport) async throws -> String? {
        var books = Books()
        for row in rows {
            guard let step = row.step else { return "row seq \(row.seq) holds no step the ledger can read" }
            do {
                try books.apply(VerifiedRow(row: row, step: step))
            } catch {
                return error.description
            }
        }
        let held = try await stored.transactions(where: nil)
        report.transactions += held.count
        let heldById = Dictionary(uniqueKeysWithValues: held.map { ($0.record.id, $0) })
        for id in Set(heldById.keys).union(books.transactions.keys).sorted() {
            guard let mine = heldById[id] else { return "transaction \(id) is in the journal but not in HQ's transactions" }
            guard let derived = books.transactions[id] else { return "transaction \(id) is in HQ's transactions but not in the journal" }
            guard mine.record == derived, mine.topUpApplied == books.topUpApplied.contains(id) else {
                return "transaction \(id) in HQ's transactions differs from what the journal gives"
            }
        }
        if try await stored.movements() != books.movements.sorted(by: { ($0.seq, -$0.denomination) < ($1.seq, -$1.denomination) }) {
            return "HQ's cash movements differ from what the journal gives"
        }
        let dues = try await stored.refundsDue(where: nil)
        if dues != books.refundsDue.values.sorted(by: { $0.txnId < $1.txnId }) {
            return "HQ's refunds due differ from what the journal gives"
        }
        if try await stored.slips(numbered: nil, orPaying: nil) != books.slips.values.sorted(by: { $0.issue.slipNo < $1.issue.slipNo }) {
            return "HQ's register slips differ from what the journal gives"
        }
        if try await stored.terminalStates(where: nil) != books.terminals.values.sorted(by: { $0.terminalId < $1.terminalId }) {
            return "HQ's terminal states differ from what the journal gives"
        }
        let cash = try await stored.terminalCash()
        let derived = Books.inventory(books.movements).mapValues { $0.filter { $0.value != 0 } }.filter { !$0.value.isEmpty }
        if cash.mapValues({ $0.filter { $0.value != 0 } }).filter({ !$0.value.isEmpty }) != derived {
            return "HQ's terminal cash differs from what the journal's cash movements give"
        }
        let zs: [HQZReport]
        do {
            zs = try await stored.zReports()
        } catch let failure as HQFailure {
            return failure.description.hasSuffix(".") ? String(failure.description.dropLast()) : failure.description
        }
        guard zs.map(\.seq) == books.zCloses.map(\.seq) else {
            return "HQ's Z reports are not the Z reports the journal closed"
        }
        let figures = ZFigures(db: stored.db, store: stored.store, ledger: stored.ledger, logger: logger)
        for (held, close) in zip(zs, books.zCloses) where try await figures.report(of: close) != held {
            return "HQ's Z report \(held.number) of terminal \(held.terminalId) differs from what the journal gives"
        }
        // The ledger module's own rules, applied to the same rows, give the same books.
        let replay: JournalReplay
        do {
            replay = try JournalReplay(rows: rows)
        } catch {
            return "\(error) by the ledger's own rules"
        }
        if replay.transactions != books.transactions.values.sorted(by: { $0.id < $1.id }) {
            let first = zip(replay.transactions, books.transactions.values.sorted(by: { $0.id < $1.id })).first { $0 != $1 }
            return "HQ's transactions\(first.map { " (first " + $0.0.id + ")" } ?? "") differ from the ledger's own replay of the journal"
        }
        let replayed = replay.cashMovements.map { "\($0.terminalId) \(StoredTime.text($0.at)) \($0.kind.rawValue) \($0.denomination)×\($0.count) \($0.txnId ?? "")" }
        let mine = books.movements.map { "\($0.terminalId) \($0.at) \($0.kind.rawValue) \($0.denomination)×\($0.count) \($0.txnId ?? "")" }
        if replayed.sorted() != mine.sorted() {
            return "HQ's cash movements differ from the ledger's own replay of the journal"
        }
        return nil
    }
}
