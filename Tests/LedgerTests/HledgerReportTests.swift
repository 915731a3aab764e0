import ChildProcess
import Foundation
import XCTest
import Money
@testable import Ledger

/// The hledger export, read by hledger itself, agrees with the X report of the same ledger.
final class HledgerReportTests: XCTestCase {
    func testHledgerBalancesEqualTheReport() throws {
        let hledger = "/usr/bin/hledger"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: hledger), "hledger is not installed")
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ReportDay.record(into: ledger)
        let journal = folder.path("ledger.journal")
        try ledger.export(.hledger).write(toFile: journal, atomically: true, encoding: .utf8)

        let balances = try hledgerBalances(hledger, journal)
        let store = try ledger.xReport(storeId: "S001", at: ReportDay.evening)
        let revenue = balances.filter { $0.key.hasPrefix("revenue:topup:") }.values.reduce(0, +)
        XCTAssertEqual(-revenue, store.sales.yen - store.taxYen)
        XCTAssertEqual(-(balances["liabilities:consumption-tax"] ?? 0), store.taxYen)
        for terminal in ["K1", "K2"] {
            let report = try ledger.xReport(terminalId: terminal, at: ReportDay.evening)
            XCTAssertEqual(balances["assets:kiosk:\(terminal):cash"] ?? 0, report.cash.expectedYen, terminal)
            XCTAssertEqual(-(balances["liabilities:refunds-due:\(terminal)"] ?? 0), report.refundsDue.yen, terminal)
        }
        // Parsed, not defaulted: every account the comparison reads is in hledger's answer.
        XCTAssertNotNil(balances["assets:kiosk:K1:cash"])
        XCTAssertNotNil(balances["liabilities:refunds-due:K1"])
        XCTAssertGreaterThan(store.sales.yen, 0)
    }

    /// Account → whole yen, from `hledger balance` as CSV.
    private func hledgerBalances(_ hledger: String, _ journal: String) throws -> [String: Int] {
        let result = try ChildProcess.run(hledger, ["-f", journal, "balance", "--flat", "--empty", "-N", "-O", "csv"], timeout: 120)
        XCTAssertEqual(result.status, 0, result.errors)
        var balances: [String: Int] = [:]
        for line in result.output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) }
            guard fields.count == 2 else { continue }
            let amount = fields[1].replacingOccurrences(of: " JPY", with: "")
            balances[fields[0]] = Int(amount)
        }
        return balances
    }
}
