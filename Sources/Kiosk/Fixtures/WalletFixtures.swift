import Foundation

/// The phone wallets the scanner knows (`wallets.csv`) and their documented test payment
/// codes (`test_wallets.csv`).
enum WalletFixtures {
    static func brands(in directory: URL) throws -> [WalletBrand] {
        try CSVTable(directory: directory, name: "wallets.csv").rows.map { row in
            WalletBrand(name: try row.text("brand"), prefixes: try range(row, "prefixes", within: 10...99),
                        lengths: try range(row, "lengths", within: 8...32))
        }
    }

    static func testCodes(in directory: URL, brands: [WalletBrand]) throws -> [TestWallet] {
        try CSVTable(directory: directory, name: "test_wallets.csv").rows.map { row in
            let code = try row.text("code").filter { $0 != " " }
            guard brands.contains(where: { $0.matches(code) }) else {
                throw row.fail("code", "is \"\(code)\", which is no wallet's payment code in wallets.csv")
            }
            let outcome = try row.oneOf("outcome", WalletOutcome.allCases.map(\.rawValue))
            return TestWallet(id: try row.text("id"), code: code, outcome: WalletOutcome(rawValue: outcome)!, label: try row.text("label"))
        }
    }

    /// `25-30` or `18`.
    private static func range(_ row: CSVTable.Row, _ field: String, within allowed: ClosedRange<Int>) throws -> ClosedRange<Int> {
        let text = try row.text(field)
        let ends = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(ends.count), let low = ends.first!, let high = ends.last!, low <= high,
              allowed.contains(low), allowed.contains(high) else {
            throw row.fail(field, "is \"\(text)\", not a number or a range like \(allowed.lowerBound)-\(allowed.upperBound)")
        }
        return low...high
    }
}
