import Foundation
import XCTest
import Money

/// `kiosk receipt`: reprints from the ledger after a scripted day.
final class ReceiptCommandTests: XCTestCase {
    private var ledger = ""

    override func setUpWithError() throws {
        ledger = KioskBinary.temporaryLedger()
        let receipts = URL(fileURLWithPath: ledger).deletingLastPathComponent().path
        let day = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--lang", "ja",
                                       "--script", CrashTests.script, "--receipts", receipts])
        XCTAssertEqual(day.status, 0, day.stderr)
    }

    func testReprintIsMarkedAndSpeaksTheCustomersLanguage() throws {
        let out = try KioskBinary.run(["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--width", "32"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("*** 再発行 ***"), out.stdout)
        XCTAssertTrue(out.stdout.contains("¥2,980"))
        XCTAssertTrue(out.stdout.split(separator: "\n").allSatisfy { $0.count <= 32 })
        let english = try KioskBinary.run(["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--lang", "en"])
        XCTAssertTrue(english.stdout.contains("*** REPRINT ***"), english.stdout)
    }

    func testCancelledSalePrintsItsSlip() throws {
        let out = try KioskBinary.run(["receipt", "FM-SBY-1-000003", "--ledger", ledger, "--lang", "en"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("REFUND SLIP"))
        // The customer put in ¥1,500 and took all of it back.
        let lines = out.stdout.split(separator: "\n")
        for (label, yen) in [("Cash received", "¥1,500"), ("Cash returned", "¥1,500")] {
            XCTAssertTrue(lines.contains { $0.hasPrefix(label) && $0.hasSuffix(yen) }, "\(label) \(yen) in\n\(out.stdout)")
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("Top-up amount") }, out.stdout)
    }

    func testPDFReprintToAFile() throws {
        let pdf = URL(fileURLWithPath: ledger).deletingLastPathComponent().appendingPathComponent("reprint.pdf").path
        let out = try KioskBinary.run(["receipt", "FM-SBY-1-000002", "--ledger", ledger, "--format", "pdf", "--out", pdf])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(FileManager.default.contents(atPath: pdf)?.starts(with: Array("%PDF".utf8)) ?? false)
    }

    func testBadRequestsAreOneSentenceAndNonZero() throws {
        for (args, message) in [
            (["receipt", "NOPE-1", "--ledger", ledger], "There is no transaction NOPE-1"),
            (["receipt", "FM-SBY-1-000004", "--ledger", ledger], "has no receipt or slip"),
            (["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--width", "40"], "32, 42 or 48 columns"),
            (["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--format", "png"], "Unknown format"),
            (["receipt", "FM-SBY-1-000001", "--ledger", ledger + ".missing"], "There is no ledger"),
        ] {
            let out = try KioskBinary.run(args)
            XCTAssertNotEqual(out.status, 0, args.joined(separator: " "))
            XCTAssertTrue(out.stderr.contains(message), out.stderr)
            XCTAssertEqual(out.stderr.split(separator: "\n").count, 1, out.stderr)
        }
    }
}
