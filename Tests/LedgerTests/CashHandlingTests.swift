import Foundation
import GRDB
import XCTest
import Money
@testable import Ledger

final class CashHandlingTests: XCTestCase {
    var folder: ScratchFolder!
    var ledger: Ledger!
    let limits = ReportDay.limits

    override func setUpWithError() throws {
        folder = try ScratchFolder()
        ledger = try Ledger(path: folder.path("ledger.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
    }

    func testReplenishAndCollectMoveCashAndJournalTheStaffName() throws {
        try ledger.replenish(terminalId: "K1", pieces: [1000: 20, 100: 50], staff: "Sato", limits: limits, at: Flow.time(10))
        try ledger.collect(terminalId: "K1", pieces: [5000: 5], staff: "Tanaka", limits: limits, at: Flow.time(20))
        var expected = Flow.openingFloat
        expected[1000] += 20
        expected[100] += 50
        expected[5000] = 0
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), expected)
        let moves = try ledger.cashMovements(terminalId: "K1").suffix(3).map { "\($0.kind.rawValue) \($0.denomination)×\($0.count)" }
        XCTAssertEqual(moves, ["replenish 1000×20", "replenish 100×50", "collect 5000×5"])
        XCTAssertEqual(try ledger.journal().suffix(2).map(\.step), [.replenished(pieces: [1000: 20, 100: 50], staff: "Sato"),
                                                                    .collected(pieces: [5000: 5], staff: "Tanaka")])
    }

    func testBadCashRequestsChangeNothing() throws {
        let before = try ledger.journal().count
        XCTAssertLedgerError(.invalidEntry("Terminal K1 holds 5 of ¥5000, fewer than the 6 to collect.")) {
            try ledger.collect(terminalId: "K1", pieces: [1000: 1, 5000: 6], staff: "Sato", limits: limits)
        }
        XCTAssertLedgerError(.invalidEntry("The machine does not take ¥2000; it takes ¥10, ¥50, ¥100, ¥500, ¥1000, ¥5000 and ¥10000.")) {
            try ledger.replenish(terminalId: "K1", pieces: [2000: 1], staff: "Sato", limits: limits)
        }
        XCTAssertLedgerError(.invalidEntry("Terminal K1 has room for 180 more of ¥1000, not 181.")) {
            try ledger.replenish(terminalId: "K1", pieces: [1000: 181], staff: "Sato", limits: limits)
        }
        XCTAssertLedgerError(.invalidEntry("Terminal K9 has never opened on this ledger.")) {
            try ledger.replenish(terminalId: "K9", pieces: [1000: 1], staff: "Sato", limits: limits)
        }
        XCTAssertLedgerError(.invalidEntry("Give at least one count to collect, like 1000=20.")) {
            try ledger.collect(terminalId: "K1", pieces: [1000: 0], staff: "Sato", limits: limits)
        }
        XCTAssertLedgerError(.invalidEntry("Cash is only handled in the name of a member of staff.")) {
            try ledger.collect(terminalId: "K1", pieces: [1000: 1], staff: " ", limits: limits)
        }
        XCTAssertEqual(try ledger.journal().count, before)
        XCTAssertEqual(try ledger.cashInventory(terminalId: "K1"), Flow.openingFloat)
    }

    func testCountSpecsParse() throws {
        XCTAssertEqual(try CountSpec.parse("1000=20,100=50", limits: limits), [1000: 20, 100: 50])
        XCTAssertEqual(try CountSpec.parse(" 10000 = 1 , 10=0 ", limits: limits), [10000: 1, 10: 0])
    }

    func testBadCountSpecsAreOneSentenceEach() {
        let cases: [(String, String)] = [
            ("1000=x", "\"x\" in \"1000=x\" is not a number of pieces; write a whole number, like 1000=20."),
            ("1000=-1", "\"-1\" in \"1000=-1\" is not a number of pieces; write a whole number, like 1000=20."),
            ("yen=3", "\"yen\" in \"yen=3\" is not a denomination; write yen, like 1000=20."),
            ("1000", "\"1000\" is not a count; write denomination=count, like 1000=20."),
            ("1000=1,,", "\"\" is not a count; write denomination=count, like 1000=20."),
            ("", "The counts are empty; write them like 1000=20,100=50."),
            ("2000=1", "The machine does not take ¥2000; it takes ¥10, ¥50, ¥100, ¥500, ¥1000, ¥5000 and ¥10000."),
            ("100=1,100=2", "¥100 is given twice in \"100=1,100=2\"; give each denomination once."),
        ]
        for (spec, sentence) in cases {
            XCTAssertLedgerError(.invalidEntry(sentence)) { try CountSpec.parse(spec, limits: limits) }
        }
    }
}
