import Dispatch
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
    public static func decode(_ data: Data) -> Result<PushBatch, PushRefusal> {
        // A good batch in one pass of the journal's own JSON reader; only a bad one is taken
        // apart to name the row that fails.
        if let rows = readInSlices(Array(data)) {
            let pushed = rows.compactMap { row, extra in
                StoreID(rawValue: extra[PushedRow.CodingKeys.storeId.rawValue]!).map { PushedRow(storeId: $0, row: row) }
            }
            if pushed.count == rows.count { return .success(PushBatch(rows: pushed)) }
        }
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

    /// A body as `body` writes it, `{"rows":[…]}`, read by the journal's own reader a slice of
    /// rows on each core; any other body in one piece.
    private static func readInSlices(_ bytes: [UInt8]) -> [(row: JournalRow, extra: [String: String])]? {
        let extra = [PushedRow.CodingKeys.storeId.rawValue]
        let slices = ProcessInfo.processInfo.activeProcessorCount
        guard slices > 1, let items = RowItems.split(bytes), items.count >= 2 * slices * 128 else {
            return JournalRow.fromJSONList(bytes, "rows", extra: extra)
        }
        let size = (items.count + slices - 1) / slices
        var parts = [[(row: JournalRow, extra: [String: String])]?](repeating: nil, count: slices)
        parts.withUnsafeMutableBufferPointer { buffer in
            // Each slice writes only its own element.
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: slices) { i in
                let first = items[i * size], last = items[min(items.count, (i + 1) * size) - 1]
                out[i] = JournalRow.fromJSONList(RowItems.prefix + bytes[first.lowerBound..<last.upperBound] + RowItems.suffix,
                                                 "rows", extra: extra)
            }
        }
        var rows: [(row: JournalRow, extra: [String: String])] = []
        rows.reserveCapacity(items.count)
        for part in parts {
            guard let part else { return nil }
            rows += part
        }
        return rows
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

/// Where each row of a body `{"rows":[{…},{…}]}` begins and ends, found by following only its
/// strings and brackets, so that slices of rows can be read apart; nil for a body of any
/// other shape or one that does not close.
enum RowItems {
    static let prefix = Array(#"{"rows":["#.utf8)
    static let suffix = Array("]}".utf8)

    static func split(_ bytes: [UInt8]) -> [Range<Int>]? {
        guard bytes.count > prefix.count + suffix.count, bytes.starts(with: prefix), Array(bytes.suffix(2)) == suffix else { return nil }
        let end = bytes.count - suffix.count
        return bytes.withUnsafeBufferPointer { bytes -> [Range<Int>]? in
            var items: [Range<Int>] = []
            var depth = 0
            var start = prefix.count
            var i = start
            while i < end {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    // To the closing quote, stepping over each escaped byte.
                    i += 1
                    while i < end, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                    guard i < end else { return nil }
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    guard depth >= 0 else { return nil }
                case UInt8(ascii: ",") where depth == 0:
                    items.append(start..<i)
                    start = i + 1
                default: break
                }
                i += 1
            }
            guard depth == 0, start < end else { return nil }
            items.append(start..<end)
            return items
        }
    }
}
