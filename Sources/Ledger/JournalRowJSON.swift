/// Journal rows as a JSON list of objects of their columns (`seq`, `txn_id`, `terminal_id`,
/// `at`, `kind`, `payload`, `prev_hash`, `hash`), each with the text fields a sender adds,
/// written and read by the journal's own JSON writer and reader: thousands of rows at a time
/// cost no general-purpose coder. The text is the canonical JSON of the journal, which any JSON
/// reader reads.
extension JournalRow {
    /// `{"LIST":[{…row's columns, …its extra fields}, …]}`.
    public static func jsonList(_ list: String, _ rows: [(row: JournalRow, extra: [String: String])]) -> String {
        let items: [JSONValue] = rows.map { row, extra in
            var fields = extra.mapValues(JSONValue.string)
            fields["seq"] = .int(Int(row.seq))
            fields["txn_id"] = row.txnId.map(JSONValue.string) ?? .null
            fields["terminal_id"] = .string(row.terminalId)
            fields["at"] = .string(row.at)
            fields["kind"] = .string(row.kind)
            fields["payload"] = .string(row.payload)
            fields["prev_hash"] = .string(row.prevHash)
            fields["hash"] = .string(row.hash)
            return .object(fields)
        }
        return JSONValue.object([list: .array(items)]).canonicalText
    }

    /// Reads what `jsonList` writes (keys in any order, other keys ignored, `txn_id` null or
    /// absent for none): the rows, each with its text fields named in `extra`. Nil when the
    /// bytes are anything else, for a reader that says what is wrong.
    public static func fromJSONList(_ bytes: [UInt8], _ list: String, extra: [String]) -> [(row: JournalRow, extra: [String: String])]? {
        guard case .object(let outer)? = JSONValue.parse(bytes: bytes), case .array(let items)? = outer[list] else { return nil }
        var out: [(row: JournalRow, extra: [String: String])] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item else { return nil }
            func text(_ key: String) -> String? {
                if case .string(let s)? = fields[key] { return s }
                return nil
            }
            guard case .int(let seq)? = fields["seq"], let terminal = text("terminal_id"), let at = text("at"),
                  let kind = text("kind"), let payload = text("payload"), let prev = text("prev_hash"), let hash = text("hash")
            else { return nil }
            let txnId: String?
            switch fields["txn_id"] {
            case nil, .null?: txnId = nil
            case .string(let s)?: txnId = s
            default: return nil
            }
            var found: [String: String] = [:]
            for key in extra {
                guard let value = text(key) else { return nil }
                found[key] = value
            }
            out.append((JournalRow(seq: Int64(seq), txnId: txnId, terminalId: terminal, at: at, kind: kind, payload: payload,
                                   prevHash: prev, hash: hash), found))
        }
        return out
    }
}
