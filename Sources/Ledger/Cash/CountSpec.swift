import Foundation
import Money

/// The coins and bills a cash unit takes, and how many of each it can hold. The ledger
/// counts any yen; staff can only put in or take out what the machine's unit handles.
public struct CashUnitLimits: Equatable, Sendable {
    /// Denomination → how many pieces the unit holds when full.
    public var capacities: [Int: Int]

    public init(capacities: [Int: Int]) {
        self.capacities = capacities
    }

    public var denominations: [Int] { capacities.keys.sorted() }

    /// `¥10, ¥50, … and ¥10000`, for sentences.
    var takenList: String {
        let names = denominations.map { "¥\($0)" }
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names.last! : names.joined()
    }
}

/// Counts of pieces as staff type them: `1000=20,100=50` (denomination=count, commas
/// between, spaces allowed). Every denomination must be one the machine takes, and each
/// count at most what it holds of that denomination.
public enum CountSpec {
    public static func parse(_ text: String, limits: CashUnitLimits) throws -> CashPieces {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError.invalidEntry("The counts are empty; write them like 1000=20,100=50.")
        }
        var counts: [Int: Int] = [:]
        for item in items {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                throw LedgerError.invalidEntry("\"\(item)\" is not a count; write denomination=count, like 1000=20.")
            }
            guard let denomination = Int(parts[0].replacingOccurrences(of: "¥", with: "")), denomination > 0 else {
                throw LedgerError.invalidEntry("\"\(parts[0])\" in \"\(item)\" is not a denomination; write yen, like 1000=20.")
            }
            guard let count = Int(parts[1]), count >= 0, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw LedgerError.invalidEntry("\"\(parts[1])\" in \"\(item)\" is not a number of pieces; write a whole number, like 1000=20.")
            }
            guard let capacity = limits.capacities[denomination] else {
                throw LedgerError.invalidEntry("The machine does not take ¥\(denomination); it takes \(limits.takenList).")
            }
            // No count of pieces that fit in the machine can be more than it holds, and the
            // bound keeps every sum of yen far from overflowing.
            guard count <= capacity else {
                throw LedgerError.invalidEntry("\(parts[1]) pieces of ¥\(denomination) is more than the machine holds; a count of ¥\(denomination) is from 0 to \(capacity).")
            }
            guard counts[denomination] == nil else {
                throw LedgerError.invalidEntry("¥\(denomination) is given twice in \"\(text)\"; give each denomination once.")
            }
            counts[denomination] = count
        }
        return CashPieces(counts)
    }
}
