import Foundation
import XCTest
import Money
import Kiosk
import Ledger

/// A ledger written before the journal stored reason codes and typed money words: a store
/// day with faults, a Z report, a cancelled sale, a crash recovered then, and one sale a
/// crash left open. It still opens, verifies with its hash chain unchanged, reports the
/// same numbers, and its open sale is carried on.
final class LedgerCompatibilityTests: XCTestCase {
    private static let folder = KioskBinary.projectRoot.appendingPathComponent("Tests/EndToEndTests/Ledgers")
    private var fixtures: String { KioskBinary.projectRoot.appendingPathComponent("fixtures").path }

    private func copyOfTheOldLedger() throws -> String {
        let path = KioskBinary.temporaryLedger()
        try FileManager.default.copyItem(atPath: Self.folder.appendingPathComponent("written-before-types.sqlite").path, toPath: path)
        return path
    }

    /// Every number the old report gave is in the new one, the same (the period aside, which
    /// runs to the time it is asked; a newer report may say more, such as sales by brand).
    private func assertSameNumbers(_ old: Any, _ new: Any?, at path: String, file: StaticString = #filePath, line: UInt = #line) {
        switch old {
        case let object as [String: Any]:
            guard let newObject = new as? [String: Any] else { return XCTFail("\(path) is gone", file: file, line: line) }
            for (key, value) in object where key != "period" {
                assertSameNumbers(value, newObject[key], at: path + "." + key, file: file, line: line)
            }
        case let list as [Any]:
            guard let newList = new as? [Any], newList.count == list.count else { return XCTFail("\(path) differs", file: file, line: line) }
            for (i, value) in list.enumerated() { assertSameNumbers(value, newList[i], at: "\(path)[\(i)]", file: file, line: line) }
        default:
            XCTAssertEqual("\(old)", new.map { "\($0)" }, path, file: file, line: line)
        }
    }

    func testAnOldLedgerVerifiesReportsTheSameAndRecovers() throws {
        let ledger = try copyOfTheOldLedger()
        let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
        XCTAssertEqual(verify.status, 0, verify.stderr)
        XCTAssertTrue(verify.stdout.contains("777 journal rows and 1 Z reports verified"), verify.stdout)

        for terminal in ["FM-SBY-1", "SE-SJK3-1", "SE-KYO-1"] {
            let report = try KioskBinary.run(["report", "x", "--terminal", terminal, "--format", "json",
                                              "--ledger", ledger, "--fixtures", fixtures])
            XCTAssertEqual(report.status, 0, report.stderr)
            let before = try Data(contentsOf: Self.folder.appendingPathComponent("written-before-types-x-\(terminal).json"))
            assertSameNumbers(try JSONSerialization.jsonObject(with: before),
                              try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)), at: terminal)
        }

        let opened = try Ledger(path: ledger)
        let steps = try opened.journal().map(\.step)
        XCTAssertTrue(steps.contains(.topUpFailed(reason: .carrierError)), "an old English reason reads as its code")
        XCTAssertTrue(steps.contains(.refundDue(yen: 1000, reason: .carrierSilent)))
        XCTAssertEqual(try opened.openTransactions().map(\.id), ["SE-SJK3-1-000034"])

        let recover = try KioskBinary.run(["ledger", "recover", "--ledger", ledger, "--fixtures", fixtures,
                                           "--receipts", URL(fileURLWithPath: ledger).deletingLastPathComponent().path])
        XCTAssertEqual(recover.status, 0, recover.stderr)
        XCTAssertTrue(recover.stdout.contains("SE-SJK3-1-000034: ¥1,500 returned"), recover.stdout)
        XCTAssertEqual(try Invariants.check(opened), [])
    }
}
