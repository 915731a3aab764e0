import Foundation
import GRDB

extension Ledger {
    /// The ledger for people and other programs:
    /// - `csv`: every transaction, RFC 4180 (header row, CRLF line ends, quoted where needed);
    /// - `json`: `{"cash_movements":[...],"transactions":[...]}` with the tables' column names;
    ///   in both, each transaction also says where it was paid (`paid_at`: `machine` or
    ///   `register`) and, for a register's sale, the slip it paid (`slip_no`);
    /// - `hledger`: a journal for accountants (see `HledgerJournal`).
    public func export(_ format: ExportFormat) throws -> String {
        switch format {
        case .csv:
            return csv(try exportedTransactions())
        case .json:
            return try json(transactions: exportedTransactions(), movements: cashMovements())
        case .hledger:
            let (slips, registers) = try registerSales()
            return try HledgerJournal(transactions: transactions(), movements: cashMovements(),
                                      refunds: refundsForAccounts(), toppedUp: transactionsToppedUp(),
                                      slips: slips, registers: registers).text
        }
    }

    private func csv(_ records: [ExportedTransaction]) -> String {
        var lines = [TransactionRecord.CodingKeys.allCases.map(\.stringValue) + ExportedTransaction.CodingKeys.allCases.map(\.stringValue)]
        lines += records.map { $0.record.csvFields + [$0.paidAt.rawValue, $0.slipNo ?? ""] }
        return lines.map { $0.map(Ledger.csvField).joined(separator: ",") + "\r\n" }.joined()
    }

    static func csvField(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Where a sale was paid: at the machine itself, or at the store's register for a slip.
    enum PaidAt: String, Encodable {
        case machine, register
    }

    /// A transaction as exported: its row, and where it was paid (the same split as the
    /// reports' and the hledger journal's).
    struct ExportedTransaction: Encodable {
        let record: TransactionRecord
        let paidAt: PaidAt
        let slipNo: String?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case paidAt = "paid_at", slipNo = "slip_no"
        }

        func encode(to encoder: Encoder) throws {
            try record.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(paidAt, forKey: .paidAt)
            try container.encode(slipNo, forKey: .slipNo)
        }
    }

    private func exportedTransactions() throws -> [ExportedTransaction] {
        // As the reports split it: a sale that paid a slip was paid at the register.
        let slips = try registerSales().slips
        return try transactions().map { ExportedTransaction(record: $0, paidAt: slips[$0.id] == nil ? .machine : .register, slipNo: slips[$0.id]) }
    }

    private struct JSONExport: Encodable {
        let transactions: [ExportedTransaction]
        let cashMovements: [CashMovementRecord]

        enum CodingKeys: String, CodingKey {
            case transactions, cashMovements = "cash_movements"
        }
    }

    private func json(transactions: [ExportedTransaction], movements: [CashMovementRecord]) throws -> String {
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
