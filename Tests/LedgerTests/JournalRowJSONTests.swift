import Foundation
import XCTest
@testable import Ledger

/// Journal rows written and read a field at a time, and the chain's hash written straight into
/// bytes, are the same text as the journal's canonical JSON of the same values.
final class JournalRowJSONTests: XCTestCase {
    private let texts = ["", "FM-SBY-1", "said \"no\"\n\tthen\u{1}left \\ 払い戻し", "😀/é", #"{"pieces":{"1000":2},"yen":2980}"#, "\u{7F}\u{1F}"]

    private func rows(_ count: Int) -> [(row: JournalRow, extra: [String: String])] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { i in
            let pick = { self.texts.randomElement(using: &generator)! }
            let row = JournalRow(seq: Int64(i) * 7_919 + 1, txnId: i % 3 == 0 ? nil : pick(), terminalId: pick(), at: pick(),
                                 kind: pick(), payload: pick(), prevHash: pick(), hash: pick())
            let extras: [[String: String]] = [[:], ["store_id": pick()], ["aaa": pick(), "zzz": pick(), "seq_x": pick()], ["seq": "9"]]
            return (row, extras[i % extras.count])
        }
    }

    /// The general canonical writer's text of the same rows: the form the list must keep.
    private func canonical(_ rows: [(row: JournalRow, extra: [String: String])]) -> String {
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
        return JSONValue.object(["rows": .array(items)]).canonicalText
    }

    func testAListOfRowsIsTheirCanonicalJSONAndReadsBack() {
        let rows = rows(400)
        let bytes = JournalRow.jsonList("rows", rows)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), canonical(rows))
        let read = JournalRow.fromJSONList(bytes, "rows", extra: [])
        XCTAssertEqual(read?.map(\.row), rows.map(\.row))
        XCTAssertEqual(JournalRow.fromJSONList(JournalRow.jsonList("rows", rows.map { ($0.row, ["store_id": "fm-namba"]) }),
                                               "rows", extra: ["store_id"])?.map(\.extra), Array(repeating: ["store_id": "fm-namba"], count: 400))
    }

    func testAListIsReadWhateverItsSpacingOrderAndOtherKeys() {
        let text = #" { "other" : [ {"x": [1, {"y": null}]} ], "rows" : [ { "txn_id" : null , "seq" : 3, "hash":"h", "prev_hash":"p","#
            + #" "payload":"{\"a\":1}", "kind":"k", "at":"t", "terminal_id":"T\u00e9", "store_id":"s", "note": {"n": [1]} } ] } "#
        let read = JournalRow.fromJSONList(Array(text.utf8), "rows", extra: ["store_id"])
        XCTAssertEqual(read?.first?.row, JournalRow(seq: 3, txnId: nil, terminalId: "Té", at: "t", kind: "k", payload: #"{"a":1}"#,
                                                    prevHash: "p", hash: "h"))
        XCTAssertEqual(read?.first?.extra, ["store_id": "s"])
        let good = #"{"rows":[{"at":"t","hash":"h","kind":"k","payload":"p","prev_hash":"p","seq":1,"terminal_id":"T","txn_id":"x"}]}"#
        XCTAssertEqual(JournalRow.fromJSONList(Array(good.utf8), "rows", extra: [])?.count, 1)
        XCTAssertEqual(JournalRow.fromJSONList(Array(#"{"rows":[]}"#.utf8), "rows", extra: [])?.count, 0)
        for bad in [good.replacingOccurrences(of: #""seq":1"#, with: #""seq":"1""#),
                    good.replacingOccurrences(of: #","kind":"k""#, with: ""),
                    good.replacingOccurrences(of: #""txn_id":"x""#, with: #""txn_id":5"#),
                    good.replacingOccurrences(of: "}]}", with: "}]"),
                    good.replacingOccurrences(of: "}]}", with: "},]}"),
                    good + "x", #"{"list":[]}"#, "[]", ""] {
            XCTAssertNil(JournalRow.fromJSONList(Array(bad.utf8), "rows", extra: []), bad)
        }
        // An extra field asked for must be there, as text.
        XCTAssertNil(JournalRow.fromJSONList(Array(good.utf8), "rows", extra: ["store_id"]))
    }

    func testTheChainHashIsTheSHA256OfTheRowsCanonicalArray() {
        for (row, _) in rows(200) {
            let content: JSONValue = .array([.string(row.prevHash), .int(Int(row.seq)), row.txnId.map(JSONValue.string) ?? .null,
                                             .string(row.terminalId), .string(row.at), .string(row.kind), .string(row.payload)])
            XCTAssertEqual(row.recomputedHash, Chain.sha256(content.canonicalText))
        }
        XCTAssertEqual(Chain.sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
