import Foundation
import GRDB

/// A journal row exactly as the file stores it, for those who check it elsewhere (the head
/// office): the text the hash chain covers, with the rules to recompute its hash and read its
/// step, so that nobody copies the rules.
///
/// ```swift
/// let rows = try ledger.journalRows(after: 0, limit: 500)
/// rows[0].prevHash == JournalRow.firstPrevHash     // true for a ledger's first row
/// rows.allSatisfy { $0.recomputedHash == $0.hash } // true unless a row was edited
/// rows[0].step                                     // .replenished(...), or nil if unreadable
/// ```
public struct JournalRow: Equatable, Sendable, Codable {
    public var seq: Int64
    public var txnId: String?
    public var terminalId: String
    /// UTC, as stored (`2026-11-25T04:44:12.123Z`).
    public var at: String
    public var kind: String
    /// The payload's canonical JSON text.
    public var payload: String
    public var prevHash: String
    public var hash: String

    public init(seq: Int64, txnId: String?, terminalId: String, at: String, kind: String, payload: String,
                prevHash: String, hash: String) {
        self.seq = seq
        self.txnId = txnId
        self.terminalId = terminalId
        self.at = at
        self.kind = kind
        self.payload = payload
        self.prevHash = prevHash
        self.hash = hash
    }

    enum CodingKeys: String, CodingKey {
        case seq, txnId = "txn_id", terminalId = "terminal_id", at, kind, payload, prevHash = "prev_hash", hash
    }

    /// The `prev_hash` of a ledger's first row.
    public static let firstPrevHash = Chain.genesis

    /// The hash this row's content gives after `prevHash` (equal to `hash` unless it was edited).
    public var recomputedHash: String {
        Chain.hash(prev: prevHash, seq: seq, txnId: txnId, terminalId: terminalId, at: at, kind: kind, payload: payload)
    }

    /// The step the row holds, read by the ledger's own rules; nil when it is not one.
    public var step: Step? { StoredStep.step(kind: kind, payloadText: payload) }

    /// `at` as a time; nil when it is not a time as the ledger writes them.
    public var time: Date? { LedgerTime.date(at) }
}

extension Ledger {
    /// The journal rows after `seq`, in order, as stored (nothing decoded).
    public func journalRows(after seq: Int64, limit: Int) throws -> [JournalRow] {
        try read { db in
            // Read off the statement as it steps, by position in the order selected: thousands
            // of rows a push, none of them copied on the way.
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash FROM journal
                WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, Int64(clamping: limit)])
            var rows: [JournalRow] = []
            while let row = try cursor.next() {
                rows.append(JournalRow(seq: row[0], txnId: row[1], terminalId: row[2], at: row[3],
                                       kind: row[4], payload: row[5], prevHash: row[6], hash: row[7]))
            }
            return rows
        }
    }

    /// Each terminal that has opened on this ledger → its store.
    public func terminalStores() throws -> [String: String] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT terminal_id, store_id FROM terminals").map {
                ($0["terminal_id"] as String, $0["store_id"] as String)
            })
        }
    }
}
