import XCTest
@testable import Kiosk
import Ledger

/// Paying at the register (DESIGN §13), told to the reducer: the machine that takes no money
/// journals an application slip, prints it, and says where to take it and by when.
final class RegisterSlipStoriesTests: XCTestCase {
    private func issue(_ no: String, terminal: String, store: String, plan: String, amount: Int, language: String = "en") -> SlipIssue {
        SlipIssue(slipNo: no, storeId: store, terminalId: terminal, simNumber: "09012345678",
                  carrierId: Sample.catalogue.plan(plan)!.carrierId, planId: plan, amountYen: amount,
                  validMinutes: 30, language: language)
    }

    /// The slip journaled, then printed (`files`) or not (`fault`).
    private func printSlip(_ s: inout Story, amount: Yen, files: [String] = [], fault: PrinterFault? = nil,
                           file: StaticString = #filePath, line: UInt = #line) {
        let expires = Sample.noon.addingTimeInterval(30 * 60)
        s.send(.journaled(receiptNo: nil), [.printSlip(slipNo: "LW-SPR-2-S000001")], {
            $0.screen = .slipIssued(SlipTicket(slipNo: "LW-SPR-2-S000001", amount: amount, expiresAt: expires, files: [], printProblem: nil))
            $0.awaiting = .slipPrint
        }, file: file, line: line)
        s.send(fault.map { .printFailed($0) } ?? .printed(files: files), [], {
            $0.screen = .slipIssued(SlipTicket(slipNo: "LW-SPR-2-S000001", amount: amount, expiresAt: expires, files: files,
                                               printProblem: fault?.description))
            $0.awaiting = nil
            if fault == nil { $0.machine?.status.paperSheets -= 1 }
            if fault == .outOfPaper { $0.machine?.status.paperSheets = 0 }
        }, file: file, line: line)
    }

    func testALoppiMachinePrintsASlipToPayAtTheRegisterWithinThirtyMinutes() {
        var s = Story(inventory: [:], terminal: "LW-SPR-2")
        s.reachPayment(plan: "docomo-3g-30", method: .payAtRegister)
        XCTAssertEqual(s.state.screen, .processing(.printing))
        let slip = issue("LW-SPR-2-S000001", terminal: "LW-SPR-2", store: "lw-sapporo-odori", plan: "docomo-3g-30", amount: 2980)
        XCTAssertEqual(s.state.awaiting, .slipIntent(slip))
        XCTAssertEqual(s.state.machine?.status.nextSlip, 2)
        let expires = Sample.noon.addingTimeInterval(30 * 60)
        s.send(.journaled(receiptNo: nil), [.printSlip(slipNo: "LW-SPR-2-S000001")]) {
            $0.screen = .slipIssued(SlipTicket(slipNo: "LW-SPR-2-S000001", amount: 2980, expiresAt: expires, files: [], printProblem: nil))
            $0.awaiting = .slipPrint
        }
        s.send(.printed(files: ["slip.txt"]), []) {
            $0.screen = .slipIssued(SlipTicket(slipNo: "LW-SPR-2-S000001", amount: 2980, expiresAt: expires,
                                               files: ["slip.txt"], printProblem: nil))
            $0.awaiting = nil
            $0.machine?.status.paperSheets -= 1
        }
        XCTAssertEqual(s.state.summary, "slip-issued LW-SPR-2-S000001 ¥2,980, pay at the register by 12:30 JST, printed slip.txt")
        // No money was taken and no transaction begun: the next customer starts afresh.
        s.send(.tap(.finish), []) {
            $0.screen = .attract
            $0.order = nil
        }
    }

    func testTheSlipScreenTellsTheCustomerInTheirLanguageWhereToGoAndByWhen() {
        var s = Story(inventory: [:], terminal: "LW-SPR-2")
        s.send(.tap(.language(.ja)), []) { $0.language = .ja }
        s.reachPayment(plan: "docomo-3g-30", method: .payAtRegister)
        printSlip(&s, amount: 2980, files: ["slip.txt"])
        let text = ScreenRenderer.frame(for: s.state, width: 80, height: 24).text
        XCTAssertTrue(text.contains("この申込券をレジへお持ちください"), text)
        XCTAssertTrue(text.contains("12:30 JST"), text)
        XCTAssertTrue(text.contains("LW-SPR-2-S000001"), text)
    }

    func testAMachineThatTakesMoneyAndSlipsOffersBoth() {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30", method: .payByCash)
        s.send(.tap(.back), []) { $0.screen = .choosePayment }
        let frame = ScreenRenderer.frame(for: s.state, width: 80, height: 24)
        XCTAssertTrue(frame.text.contains("Pay at register"), frame.text)
        XCTAssertNotNil(frame.buttons.first { $0.id == .payAtRegister })
        s.choosePayment(.payAtRegister)
        XCTAssertEqual(s.state.awaiting,
                       .slipIntent(issue("FM-SBY-1-S000001", terminal: "FM-SBY-1", store: "fm-shibuya-center", plan: "docomo-3g-30", amount: 2980)))
    }

    func testAMachineWithoutTheRegisterWayPrintsNoSlip() {
        var s = Story(terminal: "SE-SJK3-1")
        s.reachPayment(plan: "docomo-3g-30", method: .payByCash)
        s.send(.tap(.back), []) { $0.screen = .choosePayment }
        s.send(.tap(.payAtRegister), []) { $0.notice = .paymentUnavailable }
    }

    func testASlipThatCannotBePrintedSaysSoAndOutOfPaperIsRemembered() {
        var s = Story(inventory: [:], terminal: "LW-SPR-2")
        s.reachPayment(plan: "au-5g-30", method: .payAtRegister)
        printSlip(&s, amount: 3280, fault: .outOfPaper)
        XCTAssertEqual(s.state.machine?.status.paperSheets, 0)
        guard case .slipIssued(let t) = s.state.screen else { return XCTFail("\(s.state.screen)") }
        XCTAssertEqual(t.printProblem, PrinterFault.outOfPaper.description)
    }
}
