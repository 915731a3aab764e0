import Foundation
import XCTest
import Money
@testable import Ledger

/// A full card number is never stored: only brand, last four digits and auth code.
final class CardDataTests: XCTestCase {
    /// The documented test cards: approvals, declines and a time-out.
    let testCards: [(pan: String, brand: String, approved: Bool)] = [
        ("4111111111111111", "visa", true), ("5555555555554444", "mastercard", true),
        ("3530111333300000", "jcb", true), ("378282246310005", "amex", true),
        ("30569309025904", "diners", true), ("4000000000000002", "visa", false),
        ("4000000000009995", "visa", false), ("4000000000000069", "visa", false),
        ("4000000000009979", "visa", false), ("4000000000000119", "visa", false),
    ]

    func testTheLedgerFileNeverHoldsACardNumberAfterCardFlows() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        for (n, card) in testCards.enumerated() {
            let id = "C\(n)"
            let last4 = String(card.pan.suffix(4))
            if card.approved {
                try ledger.record(flow: Flow.cardSale(id, at: Flow.time(n * 60), brand: card.brand, last4: last4))
            } else {
                try ledger.record([
                    Entry(txnId: id, terminalId: "K1", at: Flow.time(n * 60), step: .begin(Flow.start(id, method: .card))),
                    Entry(txnId: id, terminalId: "K1", at: Flow.time(n * 60 + 1), step: .cardAuthorisationRequested(brand: card.brand, last4: last4)),
                    Entry(txnId: id, terminalId: "K1", at: Flow.time(n * 60 + 2), step: .cardDeclined(reason: "do not honour")),
                    Entry(txnId: id, terminalId: "K1", at: Flow.time(n * 60 + 2), step: .cancelled(reason: .cardDeclined)),
                ])
            }
            XCTAssertEqual(try ledger.transaction(id: id)?.cardLast4, card.approved ? last4 : nil)
        }
        // A kiosk bug that passes the whole number is refused before anything is written.
        XCTAssertLedgerError(.invalidEntry("Only the last four digits of a card are kept, not \"••••••••••••1111\".")) {
            try ledger.record([Entry(txnId: "C0", terminalId: "K1", at: Flow.morning,
                                     step: .cardAuthorisationRequested(brand: "visa", last4: "4111111111111111"))])
        }
        XCTAssertLedgerError(.invalidEntry("An entry may not hold a card number; keep the brand and last four digits only.")) {
            try ledger.record([Entry(txnId: "C5", terminalId: "K1", at: Flow.morning,
                                     step: .cardDeclined(reason: "card 4000 0000 0000 0002 declined"))])
        }

        let files = ["", "-wal", "-shm"].map { ledger.path + $0 }.filter { FileManager.default.fileExists(atPath: $0) }
        XCTAssertTrue(files.contains(ledger.path + "-wal"))
        var contents = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        contents += try ExportFormat.allCases.map { Data(try ledger.export($0).utf8) }
        for card in testCards {
            for data in contents {
                XCTAssertNil(data.range(of: Data(card.pan.utf8)), "\(card.pan) was written")
            }
        }
        XCTAssertEqual(try ledger.transactions().compactMap(\.cardLast4), ["1111", "4444", "0000", "0005", "5904"])
    }

    func testCardNumbersAreRecognisedInTextButOtherNumbersAreNot() {
        XCTAssertTrue(EntryRules.containsCardNumber("378282246310005"))
        XCTAssertTrue(EntryRules.containsCardNumber("pan=4111-1111-1111-1111;"))
        XCTAssertFalse(EntryRules.containsCardNumber("4111111111111112"), "fails the Luhn check")
        XCTAssertFalse(EntryRules.containsCardNumber("SIM 09012345678 topped up 2026-11-25"))
        XCTAssertFalse(EntryRules.containsCardNumber("auth 123456, terminal K1"))
    }
}
