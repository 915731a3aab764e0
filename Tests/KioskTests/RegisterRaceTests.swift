import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// Two registers of one store on one real ledger, and a slip taken from under one of them
/// between its scan and the money: that register gives the bill back, says why, and takes
/// the next slip.
final class RegisterRaceTests: XCTestCase {
    private func slip(_ n: Int, on ledger: Ledger, at: Date) throws -> String {
        let no = String(format: "FM-SBY-1-S%06d", n)
        try ledger.record([Entry(txnId: nil, terminalId: "FM-SBY-1", at: at, step: .slipIssued(SlipIssue(
            slipNo: no, storeId: "fm-shibuya-center", terminalId: "FM-SBY-1", simNumber: "09012345678",
            carrierId: "docomo", planId: "docomo-3g-30", amountYen: 2980, validMinutes: 30, language: "ja")))])
        return no
    }

    func testTheRegisterThatLosesTheSlipGivesTheBillBackAndPaysTheNextSlip() throws {
        let path = TestMachine.temporaryPath()
        let r1 = try TestMachine(path: path, terminal: "FM-SBY-R1")
        let r2 = try TestMachine(path: path, terminal: "FM-SBY-R2")
        let first = try slip(1, on: r1.ledger, at: Sample.noon)
        let next = try slip(2, on: r1.ledger, at: Sample.noon)
        let drawer = try r1.ledger.cashInventory(terminalId: "FM-SBY-R1")

        r1.runtime.send(.slipScanned(first))
        XCTAssertEqual(r1.runtime.state.screen, .choosePayment)
        r2.runtime.send(.slipScanned(first))
        r2.runtime.send(.tap(.payByCash))
        r2.runtime.send(.cashInserted(5000))
        guard case .done = r2.runtime.state.screen else { return XCTFail(r2.runtime.state.summary) }

        r1.runtime.send(.tap(.payByCash))
        r1.runtime.send(.cashInserted(5000))
        XCTAssertEqual(r1.runtime.state.screen, .registerScan(typed: ""))
        XCTAssertEqual(r1.runtime.state.notice?.description, "Slip \(first) is already paid.")
        XCTAssertEqual(r1.runtime.state.machine?.status.inService, true)
        XCTAssertEqual(r1.cash.emptyTray(), [5000: 1], "the bill goes back to the clerk")
        XCTAssertEqual(try r1.ledger.cashInventory(terminalId: "FM-SBY-R1"), drawer)
        XCTAssertEqual(try r1.ledger.transaction(id: "FM-SBY-R1-000001"), nil, "nothing was written for the loser")

        r1.runtime.send(.slipScanned(next))
        r1.runtime.send(.tap(.payByCash))
        r1.runtime.send(.cashInserted(5000))
        guard case .done(let done) = r1.runtime.state.screen else { return XCTFail(r1.runtime.state.summary) }
        XCTAssertEqual(try r1.ledger.transaction(id: done.txnId)?.status, .completed)
        XCTAssertEqual(try r1.ledger.slip(first)?.registerId, "FM-SBY-R2")
        XCTAssertEqual(try r1.ledger.slip(next)?.registerId, "FM-SBY-R1")
        XCTAssertEqual(try Invariants.check(r1.ledger), [])
    }

    func testASlipThatExpiresBetweenTheScanAndTheCardIsNeverCharged() throws {
        let path = TestMachine.temporaryPath()
        let r1 = try TestMachine(path: path, terminal: "FM-SBY-R1")
        let no = try slip(1, on: r1.ledger, at: Sample.noon.addingTimeInterval(-30 * 60 + 10))
        let expiry = try XCTUnwrap(r1.ledger.slip(no)).expiresAt
        r1.runtime.send(.slipScanned(no))
        r1.runtime.send(.tap(.payByCard))
        r1.clock.advance(by: 20)
        var performed: [Effect] = []
        r1.runtime.observe = { performed.append($0) }
        r1.runtime.send(.tap(.presentCard("visa-ok")))
        XCTAssertEqual(r1.runtime.state.screen, .registerScan(typed: ""))
        XCTAssertEqual(r1.runtime.state.notice, .slipRefused(slipNo: no, .expired(at: expiry)))
        XCTAssertFalse(performed.contains { if case .authoriseCard = $0 { return true } else { return false } }, "\(performed)")
        XCTAssertEqual(try r1.ledger.slip(no)?.status, .issued)
    }
}
