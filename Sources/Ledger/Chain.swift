import Crypto
import Foundation
import GRDB

/// The journal's hash chain. Each row's `hash` is the hex SHA-256 of the canonical JSON array
/// `[prev_hash, seq, txn_id, terminal_id, at, kind, payload]` (payload as its stored text),
/// and `prev_hash` is the hash of the row before (64 zeros for the first row of the file).
enum Chain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, txnId: String?, terminalId: String,
                     at: String, kind: String, payload: String) -> String {
        // The array's canonical text, written straight into bytes: every row written or checked is hashed.
        var content: [UInt8] = []
        content.reserveCapacity(prev.utf8.count + terminalId.utf8.count + at.utf8.count + kind.utf8.count
                                + payload.utf8.count * 5 / 4 + 64)
        func then(_ text: String) {
            content.append(UInt8(ascii: ","))
            JSONValue.writeString(text, to: &content)
        }
        content.append(UInt8(ascii: "["))
        JSONValue.writeString(prev, to: &content)
        content.append(UInt8(ascii: ","))
        JSONValue.writeInt(Int(seq), to: &content)
        if let txnId { then(txnId) } else { content.append(contentsOf: ",null".utf8) }
        then(terminalId)
        then(at)
        then(kind)
        then(payload)
        content.append(UInt8(ascii: "]"))
        return hex(SHA256.hash(data: content))
    }

    static func sha256(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(SHA256.hash(data: $0)) }
    }

    /// Lowercase hex, two digits a byte, written straight into the string's bytes.
    private static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var i = 0
            for byte in digest {
                buffer[i] = hexDigits[Int(byte >> 4)]
                buffer[i + 1] = hexDigits[Int(byte & 0x0F)]
                i += 2
            }
            return 64
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension Ledger {
    /// Runs SQLite's integrity check, recomputes the whole journal chain and every closed Z
    /// report's hash, then every table derived from the journal (`DerivedTables`).
    /// Reports the first journal row that was changed, removed or inserted by hand, else the
    /// first Z report whose body no longer matches its hash, else the first derived row that
    /// the journal does not give.
    public func verify() throws -> VerifyReport {
        try read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(1)")
            if integrity != ["ok"] { return .damaged(integrity.first ?? "no answer") }
            var expectedPrev = Chain.genesis
            var rows = 0
            let journal = try Row.fetchCursor(db, sql: """
                SELECT seq, txn_id, terminal_id, at, kind, payload, prev_hash, hash FROM journal ORDER BY seq
                """)
            while let row = try journal.next() {
                let seq: Int64 = row["seq"]
                let prev: String? = row["prev_hash"]
                let stored: String? = row["hash"]
                guard prev == expectedPrev else {
                    return .broken(seq: seq, reason: "row \(seq) does not follow the row before it (a row was removed or inserted)")
                }
                guard let terminal: String = row["terminal_id"], let at: String = row["at"],
                      let kind: String = row["kind"], let payload: String = row["payload"] else {
                    return .broken(seq: seq, reason: "row \(seq) has an empty column")
                }
                let computed = Chain.hash(prev: expectedPrev, seq: seq, txnId: row["txn_id"], terminalId: terminal,
                                          at: at, kind: kind, payload: payload)
                guard computed == stored else {
                    return .broken(seq: seq, reason: "row \(seq) was changed after it was written (its hash no longer matches)")
                }
                guard LedgerTime.date(at) != nil, StoredStep.step(kind: kind, payloadText: payload) != nil else {
                    return .broken(seq: seq, reason: "row \(seq) holds a step that cannot be read")
                }
                expectedPrev = computed
                rows += 1
            }
            var zReports = 0
            let reports = try Row.fetchCursor(db, sql: "SELECT number, terminal_id, body, hash FROM z_reports ORDER BY terminal_id, number")
            while let row = try reports.next() {
                let body: String = row["body"] ?? ""
                guard Chain.sha256(body) == row["hash"] else {
                    return .zReportChanged(number: row["number"], terminalId: row["terminal_id"])
                }
                zReports += 1
            }
            if let (table, detail) = try DerivedTables.firstDisagreement(db) {
                return .tableDisagrees(table: table, detail: detail)
            }
            return .ok(rows: rows, zReports: zReports)
        }
    }
}
