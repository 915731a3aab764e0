import XCTest
@testable import Kiosk
import Ledger

/// The story's own checks. A step that leaves out an effect, states a wrong one or its steps
/// out of order, leaves a change of state unstated or states one that did not happen fails its
/// story; so does an answer nobody waits for. `step` returns the faults, and `send` fails with
/// each of them (caught here by `failures(of:)` instead of failing this test).
final class StoryTests: XCTestCase {
    /// A machine on the cash screen for a ¥2,980 plan, nothing paid yet.
    private func paying() -> Story {
        var s = Story()
        s.reachPayment(plan: "docomo-3g-30")
        return s
    }

    /// What the first ¥1,000 of the sale journals.
    private func firstThousand(_ s: Story) -> [Effect] {
        [.journal(txnId: s.txnId, [s.begin, .cashIn(denomination: 1000)])]
    }

    private let keeping: (inout KioskState) -> Void = { $0.awaiting = .cashIn(denomination: 1000, covers: false) }

    func testAStepStatedInFullHasNoFault() {
        var s = paying()
        XCTAssertEqual(s.step(.tap(.insertCash(1000)), firstThousand(s), keeping).faults, [])
        var kept = paying()
        XCTAssertEqual(failures { kept.insertKept(500); kept.insertKept(500) }, [])
        XCTAssertEqual(kept.state.order?.inserted, [500: 2])
    }

    func testAForgottenEffectIsAFault() {
        var s = paying()
        let faults = s.step(.tap(.insertCash(1000)), [], keeping).faults
        XCTAssertEqual(faults.count, 1, "\(faults)")
        XCTAssertTrue(faults.first?.hasPrefix("the effects of tap(Kiosk.ButtonID.insertCash(1000)) are not") == true, "\(faults)")
    }

    func testAWrongEffectIsAFault() {
        var s = paying()
        let faults = s.step(.tap(.insertCash(1000)), [.rejectCash(1000)], keeping).faults
        XCTAssertEqual(faults.count, 1, "\(faults)")
        XCTAssertTrue(faults.first?.contains("expected [Kiosk.Effect.rejectCash(1000)]") == true, "\(faults)")
    }

    func testEffectsOutOfOrderAreAFault() {
        var s = paying()
        let faults = s.step(.tap(.insertCash(1000)), [.journal(txnId: s.txnId, [.cashIn(denomination: 1000), s.begin])], keeping).faults
        XCTAssertEqual(faults.count, 1, "\(faults)")
    }

    func testAnUnstatedChangeOfStateIsAFault() {
        var s = paying()
        let faults = s.step(.tap(.insertCash(1000)), firstThousand(s)).faults
        XCTAssertEqual(faults, ["the state after tap(Kiosk.ButtonID.insertCash(1000)) is not the one expected:\n"
                                + "  awaiting: got Optional(Kiosk.Awaiting.cashIn(denomination: 1000, covers: false)), expected nil"])
    }

    func testAChangeOfStateThatDidNotHappenIsAFault() {
        var s = paying()
        let faults = s.step(.tap(.insertCash(1000)), firstThousand(s)) {
            $0.awaiting = .cashIn(denomination: 1000, covers: false)
            $0.order?.inserted = [1000: 1]
        }.faults
        XCTAssertEqual(faults.count, 1, "\(faults)")
        XCTAssertTrue(faults.first?.contains("  order: got") == true, "\(faults)")
    }

    func testAnAnswerNobodyWaitsForIsAFault() {
        var s = Story()
        let faults = s.step(.topUpAnswered(.applied(newExpiry: "2027-01-06")), []).faults
        XCTAssertEqual(faults.count, 1, "\(faults)")
        XCTAssertTrue(faults.first?.hasPrefix("nobody waits for the answer topUpAnswered(") == true, "\(faults)")
    }

    func testSendFailsTheStoryWithEachFault() {
        XCTAssertEqual(failures { var s = paying(); s.send(.tap(.insertCash(1000)), []) }.count, 2, "an effect and a change unstated")
        XCTAssertEqual(failures { var s = Story(); s.send(.journaled(receiptNo: nil), []) }.count, 1)
        XCTAssertEqual(failures { var s = paying(); s.send(.tap(.insertCash(1000)), firstThousand(s), keeping) }, [])
    }

    /// The story's steps are stated inside its shortcuts too: a piece said to pay for the plan
    /// that does not fails.
    func testTheShortcutsStateTheirStepsToo() {
        XCTAssertEqual(failures { var s = paying(); s.insertKept(1000, covers: true) }.count, 4)
        XCTAssertEqual(failures { var s = paying(); s.insertKept(5000, covers: true) }, [])
        XCTAssertFalse(failures { var s = Story(); s.reachPayment(plan: "docomo-3g-30", notice: .noPaper) }.isEmpty)
    }

    // MARK: - Failures caught

    private var caught: [String]?

    /// The failures `body` records, caught instead of failing this test.
    private func failures(of body: () -> Void) -> [String] {
        caught = []
        defer { caught = nil }
        body()
        return caught ?? []
    }

    override func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        if caught != nil {
            caught?.append(description)
        } else {
            super.recordFailure(withDescription: description, inFile: filePath, atLine: lineNumber, expected: expected)
        }
    }
}
