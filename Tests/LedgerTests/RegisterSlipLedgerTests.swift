import Foundation
import XCTest
import Money
@testable import Ledger

/// Application slips in the ledger: printed once, taken by one register at most, never after
/// their time, voided only while unpaid, and recomputed by `verify` from the journal.
final class RegisterSlipLedgerTests: XCTestCase {
    private let slipNo = "L3-S000001"

    private func issued(_ ledger: Ledger, at: Date = Flow.morning) throws {
        try ledger.record([Entry(txnId: nil, terminalId: "L3", at: at, step: .slipIssued(SlipIssue(
            slipNo: slipNo, storeId: "S001", terminalId: "L3", simNumber: "09012345678", carrierId: "docomo",
            planId: "prepaid-30d", amountYen: 2980, validMinutes: 30, language: "en")))])
    }

    private func payAtRegister(_ ledger: Ledger, id: String, register: String, at: Date) throws {
        var start = Flow.start(id, terminal: register)
        start.slipNo = slipNo
        try ledger.record([Entry(txnId: id, terminalId: register, at: at, step: .begin(start)),
                           Entry(txnId: id, terminalId: register, at: at, step: .cashIn(denomination: 5000))])
    }

    func testASlipIsPrintedOnceAndExpiresThirtyMinutesLater() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try issued(ledger)
        let slip = try XCTUnwrap(ledger.slip(slipNo))
        XCTAssertEqual(slip.status, .issued)
        XCTAssertEqual(slip.expiresAt.timeIntervalSince(slip.issuedAt), 30 * 60)
        XCTAssertEqual(try ledger.slipCount(terminalId: "L3"), 1)
        XCTAssertThrowsError(try issued(ledger)) { XCTAssertEqual(($0 as? LedgerError)?.description, "Slip \(self.slipNo) has already been printed.") }
    }

    func testTheSecondRegisterIsToldTheSlipIsAlreadyPaid() throws {
        let folder = try ScratchFolder()
        let path = folder.path("l.sqlite")
        let first = try Ledger(path: path)
        let second = try Ledger(path: path)
        try issued(first)
        try payAtRegister(first, id: "R1-000001", register: "R1", at: Flow.time(60))
        XCTAssertThrowsError(try payAtRegister(second, id: "R2-000001", register: "R2", at: Flow.time(61))) {
            XCTAssertEqual($0 as? LedgerError, .slipRefused(slipNo, .alreadyPaid))
        }
        // Nothing of the refused payment is written.
        XCTAssertNil(try second.transaction(id: "R2-000001"))
        let slip = try XCTUnwrap(first.slip(slipNo))
        XCTAssertEqual(slip.status, .paying)
        XCTAssertEqual(slip.txnId, "R1-000001")
        XCTAssertEqual(slip.registerId, "R1")
        try first.record([Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(62), step: .completed)])
        XCTAssertEqual(try first.slip(slipNo)?.status, .paid)
        // `verify` recomputes the slips from the journal.
        guard case .ok = try first.verify() else { return XCTFail("\(try first.verify())") }
    }

    /// A register's report puts the sale that paid a slip at the register, by how it was
    /// paid, and its sale without a slip at the machine; every sale is in exactly one place.
    func testARegistersReportPutsWhatPaidASlipAtTheRegister() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "L3", openingFloat: [:], at: Flow.morning)
        try ledger.ensureTerminal(storeId: "S001", terminalId: "R1", openingFloat: [:], at: Flow.morning, isRegister: true)
        try issued(ledger)
        try payAtRegister(ledger, id: "R1-000001", register: "R1", at: Flow.time(60))
        try ledger.record([Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(62), step: .completed)])
        let plain = Entry(txnId: "R1-000002", terminalId: "R1", at: Flow.time(70),
                          step: .begin(Flow.start("R1-000002", terminal: "R1", amount: 980, tax: 89)))
        try ledger.record([plain, Entry(txnId: "R1-000002", terminalId: "R1", at: Flow.time(71), step: .completed)])
        let report = try ledger.xReport(terminalId: "R1", at: Flow.time(100))
        XCTAssertEqual(report.byPlace, [.registerCash: ShiftReport.Tally(count: 1, yen: 2980),
                                        .machineCash: ShiftReport.Tally(count: 1, yen: 980)])
        XCTAssertEqual(report.sales, ShiftReport.Tally(count: 2, yen: 3960))
        XCTAssertEqual(report.byPayment, ["cash": ShiftReport.Tally(count: 2, yen: 3960)])
        // The machine that printed the slip sold nothing itself.
        XCTAssertEqual(try ledger.xReport(terminalId: "L3", at: Flow.time(100)).byPlace, [:])
    }

    /// The CSV and JSON exports say where each sale was paid, and which slip a register's paid.
    func testTheExportsSayWhereEachSaleWasPaidAndWhichSlip() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "L3", openingFloat: [:], at: Flow.morning)
        try ledger.ensureTerminal(storeId: "S001", terminalId: "R1", openingFloat: [:], at: Flow.morning, isRegister: true)
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.morning)
        try ledger.record(flow: Flow.cashSale("K1-000001", inserted: [5000], change: [1000: 2, 10: 2]))
        try issued(ledger)
        try payAtRegister(ledger, id: "R1-000001", register: "R1", at: Flow.time(60))
        try ledger.record([Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(62), step: .completed)])

        let rows = try ledger.export(.csv).components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        XCTAssertEqual(rows.first?.suffix(2), ["paid_at", "slip_no"])
        let byId = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], Array($0.suffix(2))) })
        XCTAssertEqual(byId, ["K1-000001": ["machine", ""], "R1-000001": ["register", slipNo]])

        let json = try JSONSerialization.jsonObject(with: Data(try ledger.export(.json).utf8)) as? [String: [[String: Any]]]
        let sales = try XCTUnwrap(json?["transactions"])
        let register = try XCTUnwrap(sales.first { $0["id"] as? String == "R1-000001" })
        XCTAssertEqual(register["paid_at"] as? String, "register")
        XCTAssertEqual(register["slip_no"] as? String, slipNo)
        let machine = try XCTUnwrap(sales.first { $0["id"] as? String == "K1-000001" })
        XCTAssertEqual(machine["paid_at"] as? String, "machine")
        XCTAssertTrue(machine["slip_no"] is NSNull)
    }

    func testASlipPastItsTimeIsRefusedWithTheTimeItExpired() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try issued(ledger)
        let expired = try XCTUnwrap(ledger.slip(slipNo)).expiresAt
        XCTAssertThrowsError(try payAtRegister(ledger, id: "R1-000001", register: "R1", at: Flow.time(31 * 60))) {
            XCTAssertEqual($0 as? LedgerError, .slipRefused(slipNo, .expired(at: expired)))
            XCTAssertEqual(($0 as? LedgerError)?.description,
                           "Slip \(self.slipNo) expired at 14:14 JST; the customer can print a new one at the machine.")
        }
    }

    func testAFailedPaymentGivesTheSlipBackAndAVoidedSlipCannotBePaid() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try issued(ledger)
        var start = Flow.start("R1-000001", terminal: "R1", method: .card)
        start.slipNo = slipNo
        try ledger.record([Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(60), step: .begin(start)),
                           Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(60), step: .cardDeclined(reason: "do_not_honour")),
                           Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(60), step: .failed(reason: .cardDeclined))])
        XCTAssertEqual(try ledger.slip(slipNo)?.status, .issued)
        try ledger.record([Entry(txnId: nil, terminalId: "R1", at: Flow.time(90), step: .slipVoided(slipNo: slipNo))])
        XCTAssertEqual(try ledger.slip(slipNo)?.status, .voided)
        XCTAssertThrowsError(try payAtRegister(ledger, id: "R1-000002", register: "R1", at: Flow.time(120))) {
            XCTAssertEqual($0 as? LedgerError, .slipRefused(slipNo, .voided))
        }
        XCTAssertThrowsError(try ledger.record([Entry(txnId: nil, terminalId: "R1", at: Flow.time(130), step: .slipVoided(slipNo: slipNo))]))
    }

    func testATransactionForAnotherPlanCannotTakeTheSlip() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("l.sqlite"))
        try issued(ledger)
        var start = Flow.start("R1-000001", terminal: "R1", amount: 1000, tax: 90)
        start.slipNo = slipNo
        XCTAssertThrowsError(try ledger.record([Entry(txnId: "R1-000001", terminalId: "R1", at: Flow.time(60), step: .begin(start))]))
        XCTAssertEqual(try ledger.slip(slipNo)?.status, .issued)
    }
}
