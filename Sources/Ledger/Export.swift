import Foundation
import GRDB

extension Ledger {
    /// The ledger for people and other programs:
    /// - `csv`: every transaction, RFC 4180 (header row, CRLF line ends, quoted where needed);
    /// - `json`: `{"cash_movements":[...],"transactions":[...]}` with the tables' column names;
    /// - `hledger`: a journal for accountants (see `HledgerJournal`).
    public func export(_ format: ExportFormat) throws -> String {
        switch format {
        case .csv:
            return csv(try transactions())
        case .json:
            return try json(transactions: transactions(), movements: cashMovements())
        case .hledger:
            let (slips, registers) = try registerSales()
            return try HledgerJournal(transactions: transactions(), movements: cashMovements(),
                                      refunds: refundsForAccounts(), toppedUp: transactionsToppedUp(),
                                      slips: slips, registers: registers).text
        }
    }

    private func csv(_ records: [TransactionRecord]) -> String {
        var lines = [TransactionRecord.CodingKeys.allCases.map(\.stringValue)]
        lines += records.map(\.csvFields)
        return lines.map { $0.map(Ledger.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private struct JSONExport: Encodable {
        let transactions: [TransactionRecord]
        let cashMovements: [CashMovementRecord]

        enum CodingKeys: String, CodingKey {
            case transactions, cashMovements = "cash_movements"
        }
    }

    private func json(transactions: [TransactionRecord], movements: [CashMovementRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONExport(transactions: transactions, cashMovements: movements))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Every refund due, settled or not, for the accounts.
    private func refundsForAccounts() throws -> [HledgerJournal.RefundDue] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT txn_id, terminal_id, yen, settled_at, settled_by FROM refunds_due ORDER BY rowid")
                .map { row in
                    let settled: String? = row["settled_at"]
                    return HledgerJournal.RefundDue(txnId: row["txn_id"], terminalId: row["terminal_id"], yen: row["yen"],
                                                    settledAt: try settled.map { try storedTime($0, path: path) },
                                                    settledBy: row["settled_by"])
                }
        }
    }

    /// The slip each register sale paid, by transaction id, and the registers' ids.
    private func registerSales() throws -> (slips: [String: String], registers: Set<String>) {
        try read { db in
            var slips: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT txn_id, slip_no FROM register_slips WHERE txn_id IS NOT NULL") {
                slips[row["txn_id"]] = row["slip_no"]
            }
            return (slips, Set(try String.fetchAll(db, sql: "SELECT terminal_id FROM terminals WHERE is_register = 1")))
        }
    }

    /// Ids of the transactions whose top-up the carrier applied.
    private func transactionsToppedUp() throws -> Set<String> {
        try read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT txn_id FROM journal WHERE kind = 'top_up_applied' AND txn_id IS NOT NULL"))
        }
    }
}
