/// Journal rows as a JSON list of objects of their columns (`seq`, `txn_id`, `terminal_id`,
/// `at`, `kind`, `payload`, `prev_hash`, `hash`), each with the text fields a sender adds,
/// written and read a row's fields at a time, straight between bytes and rows: thousands of
/// rows at a time cost no general-purpose coder and no tree of values. The text is the
/// canonical JSON of the journal (sorted keys, no whitespace), which any JSON reader reads.
extension JournalRow {
    /// `{"LIST":[{…row's columns, …its extra fields}, …]}`. An extra field named as a column is
    /// left out: the column is the row's.
    public static func jsonList(_ list: String, _ rows: [(row: JournalRow, extra: [String: String])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.reduce(32) { $0 + $1.row.payload.utf8.count * 5 / 4 + 320 })
        out.append(UInt8(ascii: "{"))
        JSONValue.writeString(list, to: &out)
        out.append(contentsOf: ":[".utf8)
        for (i, (row, extra)) in rows.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            row.writeObject(extra: extra, to: &out)
        }
        out.append(contentsOf: "]}".utf8)
        return out
    }

    /// The columns' keys, in the canonical (sorted) order.
    private static let columns = ["at", "hash", "kind", "payload", "prev_hash", "seq", "terminal_id", "txn_id"]

    private func writeObject(extra: [String: String], to out: inout [UInt8]) {
        var remaining = extra.compactMap { Self.columns.contains($0.key) ? nil : $0 }[...]
        if remaining.count > 1 { remaining.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
        var first = true
        func key(_ key: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        // Extra fields go in among the columns where their keys sort.
        func extras(upTo column: String?) {
            while let field = remaining.first, column.map({ field.key.utf8.lexicographicallyPrecedes($0.utf8) }) ?? true {
                key(field.key)
                JSONValue.writeString(field.value, to: &out)
                remaining.removeFirst()
            }
        }
        func text(_ column: String, _ value: String) {
            extras(upTo: column)
            key(column)
            JSONValue.writeString(value, to: &out)
        }
        out.append(UInt8(ascii: "{"))
        text("at", at)
        text("hash", hash)
        text("kind", kind)
        text("payload", payload)
        text("prev_hash", prevHash)
        extras(upTo: "seq")
        key("seq")
        JSONValue.writeInt(Int(seq), to: &out)
        text("terminal_id", terminalId)
        extras(upTo: "txn_id")
        key("txn_id")
        if let txnId { JSONValue.writeString(txnId, to: &out) } else { out.append(contentsOf: "null".utf8) }
        extras(upTo: nil)
        out.append(UInt8(ascii: "}"))
    }

    /// Reads what `jsonList` writes (keys in any order, other keys ignored, `txn_id` null or
    /// absent for none): the rows, each with its text fields named in `extra`. Nil when the
    /// bytes are anything else, for a reader that says what is wrong.
    public static func fromJSONList(_ bytes: [UInt8], _ list: String, extra: [String]) -> [(row: JournalRow, extra: [String: String])]? {
        var reader = JSONValue.Reader(bytes: bytes)
        var rows: [(row: JournalRow, extra: [String: String])]?
        let read = reader.fields { key, reader in
            guard key == list else { return reader.value() != nil }
            guard reader.peek(UInt8(ascii: "[")) else { return false }
            var found: [(row: JournalRow, extra: [String: String])] = []
            let items = reader.items { reader in
                guard let row = Self.readObject(&reader, extra: extra) else { return false }
                found.append(row)
                return true
            }
            rows = found
            return items
        }
        reader.skipSpace()
        guard read, reader.atEnd else { return nil }
        return rows
    }

    private static func readObject(_ reader: inout JSONValue.Reader, extra: [String]) -> (row: JournalRow, extra: [String: String])? {
        var seq: Int?
        var txnId: String?
        var terminal, at, kind, payload, prev, hash: String?
        var found: [String: String] = [:]
        guard reader.peek(UInt8(ascii: "{")) else { return nil }
        let read = reader.fields { key, reader in
            func text(_ field: inout String?) -> Bool {
                field = reader.peek(UInt8(ascii: "\"")) ? reader.string() : nil
                return field != nil
            }
            switch key {
            case "seq":
                guard case .int(let n)? = reader.value() else { return false }
                seq = n
                return true
            case "txn_id":
                if reader.literal("null") { txnId = nil; return true }
                return text(&txnId)
            case "terminal_id": return text(&terminal)
            case "at": return text(&at)
            case "kind": return text(&kind)
            case "payload": return text(&payload)
            case "prev_hash": return text(&prev)
            case "hash": return text(&hash)
            case _ where extra.contains(key):
                var value: String?
                guard text(&value) else { return false }
                found[key] = value
                return true
            default:
                return reader.value() != nil
            }
        }
        guard read, let seq, let terminal, let at, let kind, let payload, let prev, let hash, found.count == extra.count else { return nil }
        return (JournalRow(seq: Int64(seq), txnId: txnId, terminalId: terminal, at: at, kind: kind, payload: payload,
                           prevHash: prev, hash: hash), found)
    }
}
