import Foundation
import Ledger

/// What a store sends: journal rows of one ledger, in `seq` order, each with the store its
/// terminal belongs to. The rows are exactly as the ledger stores them (the hash covers them).
public struct PushBatch: Equatable, Sendable, Codable {
    public var rows: [PushedRow]

    public init(rows: [PushedRow]) { self.rows = rows }
}

public struct PushedRow: Equatable, Sendable, Codable {
    public var storeId: StoreID
    public var row: JournalRow

    public init(storeId: StoreID, row: JournalRow) {
        self.storeId = storeId
        self.row = row
    }

    enum CodingKeys: String, CodingKey { case storeId = "store_id" }

    public init(from decoder: Decoder) throws {
        storeId = try decoder.container(keyedBy: CodingKeys.self).decode(StoreID.self, forKey: .storeId)
        row = try JournalRow(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(storeId, forKey: .storeId)
        try row.encode(to: encoder)
    }
}

/// HQ's answer to a push, and to the question of how far it holds a ledger.
public struct LedgerPosition: Equatable, Sendable, Codable {
    public var ledgerId: LedgerID
    /// The last row HQ holds (0 for a ledger it has never seen).
    public var lastSeq: Int64
    /// Rows this push stored; rows it already held.
    public var stored: Int
    public var alreadyHeld: Int

    public init(ledgerId: LedgerID, lastSeq: Int64, stored: Int = 0, alreadyHeld: Int = 0) {
        self.ledgerId = ledgerId
        self.lastSeq = lastSeq
        self.stored = stored
        self.alreadyHeld = alreadyHeld
    }

    enum CodingKeys: String, CodingKey {
        case ledgerId = "ledger_id", lastSeq = "last_seq", stored, alreadyHeld = "already_held"
    }
}

/// Every refusal is one sentence, in a JSON object with one key.
public struct Refusal: Equatable, Sendable, Codable {
    public var error: String
    public init(error: String) { self.error = error }
}

extension PushBatch {
    /// The request body: `{"rows":[…]}`, each row its journal columns and `store_id`.
    public var body: Data {
        Data(JournalRow.jsonList("rows", rows.map { ($0.row, [PushedRow.CodingKeys.storeId.rawValue: $0.storeId.rawValue]) }))
    }

    /// The first of `rows` whose body is at most `limit` bytes: all of them, or half as many
    /// again and again (one row at least: a row that alone is over the limit HQ refuses, 413).
    static func leading(_ rows: [PushedRow], within limit: Int) -> (rows: ArraySlice<PushedRow>, body: Data) {
        var count = rows.count
        while true {
            let batch = PushBatch(rows: Array(rows.prefix(count)))
            let body = batch.body
            if body.count <= limit || count <= 1 { return (rows.prefix(count), body) }
            count /= 2
        }
    }

    /// Reads a request body, naming the first row that does not decode. A row is decoded on
    /// its own so that one bad row is named by its place (and its `seq` when that much reads).
    public static func decode(_ data: Data) -> Result<PushBatch, PushRefusal> { decode(bytes: Array(data)) }

    public static func decode(bytes: [UInt8]) -> Result<PushBatch, PushRefusal> {
        // A good batch in one pass of the journal's own JSON reader; only a bad one is taken
        // apart to name the row that fails.
        if let rows = JournalRow.fromJSONList(bytes, "rows", extra: [PushedRow.CodingKeys.storeId.rawValue]) {
            let pushed = rows.compactMap { row, extra in
                StoreID(rawValue: extra[PushedRow.CodingKeys.storeId.rawValue]!).map { PushedRow(storeId: $0, row: row) }
            }
            if pushed.count == rows.count { return .success(PushBatch(rows: pushed)) }
        }
        let data = Data(bytes)
        let decoder = JSONDecoder()
        if let batch = try? decoder.decode(PushBatch.self, from: data) { return .success(batch) }
        guard let outer = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .failure(.malformed("The body is not JSON."))
        }
        guard let object = outer as? [String: Any], let rows = object["rows"] as? [Any] else {
            return .failure(.malformed("The body must be a JSON object with a list \"rows\"."))
        }
        var decoded: [PushedRow] = []
        decoded.reserveCapacity(rows.count)
        for (i, item) in rows.enumerated() {
            let seq = ((item as? [String: Any])?["seq"] as? NSNumber).map { " (seq \($0))" } ?? ""
            guard let rowData = try? JSONSerialization.data(withJSONObject: item, options: [.fragmentsAllowed]) else {
                return .failure(.malformed("Row \(i + 1) of the batch\(seq) is not a JSON object."))
            }
            do {
                decoded.append(try decoder.decode(PushedRow.self, from: rowData))
            } catch {
                return .failure(.malformed("Row \(i + 1) of the batch\(seq) does not decode: \(Self.reason(error))."))
            }
        }
        return .success(PushBatch(rows: decoded))
    }

    private static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "\"\(key.stringValue)\" is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "\"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type"
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        default: return "it is not a journal row"
        }
    }
}
