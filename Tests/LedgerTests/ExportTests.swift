import ChildProcess
import Foundation
import XCTest
import Money
@testable import Ledger

final class ExportTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!
    /// A plan name with every character CSV must quote.
    let awkwardPlan = "Giga \"30\", monthly\r\nrenewal"

    /// A day at one store: sales by cash and card, a cancel, a refund due settled and one not,
    /// and staff collecting bills.
    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.time(-600))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K2", openingFloat: [100: 10], at: Flow.time(-600))
        try ledger.record(flow: Flow.cashSale("T1", inserted: [5000], change: [1000: 2, 10: 2]))
        try ledger.record(flow: Flow.cashSale("T2", at: Flow.time(60), inserted: [1000, 1000, 500, 500], change: [10: 2], plan: awkwardPlan))
        try ledger.record(flow: Flow.cardSale("T3", terminal: "K2", at: Flow.time(120), brand: "jcb", last4: "0000"))
        try ledger.record([
            Entry(txnId: "T4", terminalId: "K1", at: Flow.time(200), step: .begin(Flow.start("T4"))),
            Entry(txnId: "T4", terminalId: "K1", at: Flow.time(201), step: .cashIn(denomination: 1000)),
            Entry(txnId: "T4", terminalId: "K1", at: Flow.time(202), step: .cashReturned(pieces: [1000: 1])),
            Entry(txnId: "T4", terminalId: "K1", at: Flow.time(202), step: .cancelled(reason: .timedOut)),
        ])
        for (id, settle) in [("T5", true), ("T6", false)] {
            try ledger.record([
                Entry(txnId: id, terminalId: "K1", at: Flow.time(300), step: .begin(Flow.start(id))),
                Entry(txnId: id, terminalId: "K1", at: Flow.time(301), step: .cashIn(denomination: 10000)),
                Entry(txnId: id, terminalId: "K1", at: Flow.time(302), step: .topUpFailed(reason: .carrierRefused)),
                Entry(txnId: id, terminalId: "K1", at: Flow.time(303), step: .refundDue(yen: 10000, reason: .carrierError)),
            ])
            if settle {
                try ledger.record([Entry(txnId: id, terminalId: "K1", at: Flow.time(900), step: .refundSettled(yen: 10000, staff: "Sato"))])
            }
        }
        try ledger.record([Entry(txnId: nil, terminalId: "K1", at: Flow.time(1000), step: .collected(pieces: [5000: 3], staff: "Sato"))])
    }

    func testCSVHasAHeaderAndOneRowPerTransactionThatParsesBack() throws {
        let csv = try ledger.export(.csv)
        XCTAssertTrue(csv.hasSuffix("\r\n"))
        XCTAssertFalse(csv.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: awkwardPlan, with: "").contains("\n"))
        let rows = try parseCSV(csv)
        XCTAssertEqual(rows.first, ["id", "store_id", "terminal_id", "business_date", "started_at", "finished_at", "status",
                                    "sim_number", "carrier_id", "plan_id", "amount_yen", "tax_yen", "payment_method",
                                    "cash_in_yen", "change_yen", "card_brand", "card_last4", "auth_code", "receipt_no",
                                    "paid_at", "slip_no"])
        let records = try ledger.transactions()
        XCTAssertEqual(rows.count, 1 + records.count)
        XCTAssertEqual(rows[2][9], awkwardPlan)
        XCTAssertEqual(rows[1], ["T1", "S001", "K1", "2026-11-25", "2026-11-25T04:44:12.123Z", "2026-11-25T04:44:24.123Z",
                                 "completed", "09012345678", "docomo", "prepaid-30d", "2980", "271", "cash",
                                 "5000", "2020", "", "", "", "1", "machine", ""])
        for (row, record) in zip(rows.dropFirst(), records) {
            XCTAssertEqual(Array(row.dropLast(2)), record.csvFields)
            XCTAssertEqual(row.suffix(2), ["machine", ""])
        }
    }

    func testJSONDecodesBackIntoTheSameRecords() throws {
        struct Export: Decodable {
            let transactions: [TransactionRecord]
            let cash_movements: [CashMovementRecord]
        }
        let json = try ledger.export(.json)
        let decoded = try JSONDecoder().decode(Export.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.transactions, try ledger.transactions())
        XCTAssertEqual(decoded.cash_movements, try ledger.cashMovements())
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: [[String: Any]]]
        XCTAssertEqual(object.keys.sorted(), ["cash_movements", "transactions"])
        XCTAssertEqual(object["transactions"]![0].keys.sorted(),
                       (TransactionRecord.CodingKeys.allCases.map(\.stringValue) + ["paid_at", "slip_no"]).sorted())
        XCTAssertTrue(object["transactions"]![0]["card_brand"] is NSNull)
        XCTAssertEqual(object["transactions"]![0]["paid_at"] as? String, "machine")
        XCTAssertTrue(object["transactions"]![0]["slip_no"] is NSNull)
        XCTAssertEqual(try ledger.export(.json), json, "the export is not stable")
    }

    func testHledgerLoadsTheJournalAndKioskCashMatchesTheInventory() throws {
        let file = folder.path("ledger.journal")
        try ledger.export(.hledger).write(toFile: file, atomically: true, encoding: .utf8)
        _ = try hledger(["-f", file, "balance"])

        for terminal in ["K1", "K2"] {
            let value = try ledger.cashInventory(terminalId: terminal).total.amount
            XCTAssertEqual(try balance(file, "assets:kiosk:\(terminal):cash"), value, terminal)
        }
        XCTAssertEqual(try balance(file, "revenue:topup:docomo"), -3 * (2980 - 271))
        XCTAssertEqual(try balance(file, "liabilities:consumption-tax"), -3 * 271)
        XCTAssertEqual(try balance(file, "assets:receivable:card:jcb"), 2980)
        XCTAssertEqual(try balance(file, "liabilities:refunds-due:K1"), -10000, "only T6 is still owed")
        XCTAssertEqual(try balance(file, "assets:store:safe"), 15000 - Flow.openingFloat.total.amount - 1000)
    }

    /// The total of one account, as hledger computes it.
    private func balance(_ file: String, _ account: String) throws -> Int {
        let out = try hledger(["-f", file, "balance", "--flat", "--no-total", "--layout=bare", "^\(account)$"])
        let fields = out.split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, fields[1] == "JPY", let yen = Int(fields[0]) else {
            throw Unexpected(text: "hledger printed an unexpected balance for \(account): \(out)")
        }
        return yen
    }

    private func hledger(_ arguments: [String]) throws -> String {
        let executable = "/usr/bin/hledger"
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            XCTFail("hledger is missing; scripts/install-deps.sh installs it")
            return ""
        }
        let result = try ChildProcess.run(executable, arguments, timeout: 120)
        XCTAssertEqual(result.status, 0, "hledger \(arguments.joined(separator: " ")): \(result.errors)")
        return result.output
    }

    /// RFC 4180: fields split by commas, records by CRLF, quoted fields may hold both and "" for ".
    private func parseCSV(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append(scalars.removeFirst()) } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                row.append(field); field = ""
                rows.append(row); row = []
            } else if c == "\"" || c == "\r" || c == "\n" {
                throw Unexpected(text: "not RFC 4180: a bare \(c.escaped(asASCII: true)) outside quotes")
            } else {
                field.unicodeScalars.append(c)
            }
        }
        XCTAssertTrue(row.isEmpty && field.isEmpty && !quoted, "the last record does not end with CRLF")
        return rows
    }
}

/// Output that a test cannot read; thrown so the test fails with the reason.
struct Unexpected: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
