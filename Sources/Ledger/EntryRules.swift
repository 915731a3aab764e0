import Foundation
import Money

/// Checks on an entry that need no database: shapes, amounts, and the card-data rule.
enum EntryRules {
    /// Coins and bills of the yen; the cash unit itself accepts fewer, but a returned ¥2,000
    /// bill or ¥1 coin is still money the ledger must be able to count.
    static let denominations: Set<Int> = [1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000]

    static func check(_ entry: Entry, payload: JSONValue) throws {
        guard !entry.terminalId.isEmpty else { throw invalid("An entry needs a terminal id.") }
        if let id = entry.txnId, id.isEmpty { throw invalid("A transaction id cannot be empty.") }
        switch entry.step {
        case .begin(let s):
            try checkStart(s, entry: entry)
        case .cashIn(let denomination):
            try checkDenomination(denomination)
        case .changeDue(let pieces), .changeDispensed(let pieces), .cashReturnDue(let pieces), .cashReturned(let pieces),
             .replenished(let pieces, _), .collected(let pieces, _):
            for (denomination, count) in pieces {
                try checkDenomination(denomination)
                guard count >= 0 else { throw invalid("A count of ¥\(denomination) pieces cannot be negative (\(count)).") }
            }
        case .cardAuthorisationRequested(_, let last4), .cardAuthorised(_, let last4, _), .walletPaid(_, let last4, _):
            guard last4.count == 4, last4.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw invalid("Only the last four digits of a card are kept, not \"\(masked(last4))\".")
            }
        case .refundDue(let yen, _), .refundSettled(let yen, _):
            guard yen > 0 else { throw invalid("A refund due must be a positive number of yen, not \(yen).") }
        default:
            break
        }
        if case .begin = entry.step { return }
        // A SIM's ICCID passes the Luhn check too; it is the customer's SIM, not a card.
        guard case .object(let fields) = payload else { return }
        for case (let key, .string(let text)) in fields where key != "sim_number" && containsCardNumber(text) {
            throw invalid("An entry may not hold a card number; keep the brand and last four digits only.")
        }
    }

    private static func checkStart(_ s: TransactionStart, entry: Entry) throws {
        guard !s.id.isEmpty else { throw invalid("A transaction id cannot be empty.") }
        if let id = entry.txnId, id != s.id {
            throw invalid("The entry for transaction \(id) begins a different transaction, \(s.id).")
        }
        guard s.terminalId == entry.terminalId else {
            throw invalid("Transaction \(s.id) belongs to terminal \(s.terminalId) but was begun on \(entry.terminalId).")
        }
        guard !s.storeId.isEmpty else { throw invalid("Transaction \(s.id) needs a store id.") }
        guard isDate(s.businessDate) else {
            throw invalid("The business date \"\(s.businessDate)\" of transaction \(s.id) is not a date like 2026-11-25.")
        }
        guard s.amountYen >= 0, s.taxYen >= 0, s.taxYen <= s.amountYen else {
            throw invalid("Transaction \(s.id) has an impossible amount (¥\(s.amountYen), tax ¥\(s.taxYen)).")
        }
    }

    private static func checkDenomination(_ denomination: Int) throws {
        guard denominations.contains(denomination) else {
            throw invalid("¥\(denomination) is not a yen coin or bill.")
        }
    }

    /// YYYY-MM-DD naming a real day.
    static func isDate(_ text: String) -> Bool {
        LedgerTime.date(text + "T00:00:00.000Z").map { LedgerTime.text($0).hasPrefix(text) } ?? false
    }

    /// True when `text` holds 13 to 19 digits (spaces and dashes between them ignored)
    /// that pass the Luhn check, as every card number does.
    static func containsCardNumber(_ text: String) -> Bool {
        var digits: [Int] = []
        func runIsCard() -> Bool { (13...19).contains(digits.count) && Luhn.isValid(digits) }
        // Byte by byte: a card number is ASCII digits, and any other byte ends a run.
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(Int(byte - UInt8(ascii: "0")))
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") {
                continue
            } else {
                if runIsCard() { return true }
                digits.removeAll(keepingCapacity: true)
            }
        }
        return runIsCard()
    }

    private static func masked(_ text: String) -> String {
        text.count > 4 ? String(repeating: "•", count: text.count - 4) + text.suffix(4) : text
    }

    private static func invalid(_ sentence: String) -> LedgerError {
        .invalidEntry(sentence)
    }
}
