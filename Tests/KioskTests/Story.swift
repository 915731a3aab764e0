import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// The sample fixtures, read as a customer's world on 25 November 2026 (JST).
enum Sample {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")
    static let noon = Date(timeIntervalSince1970: 1_795_575_600)   // 2026-11-25 12:00 JST
    static let catalogue = try! FixtureLoader.load(from: fixtures, today: "2026-11-25")
}

/// A customer's story told to the reducer alone, in the spirit of a test store: each step
/// states the effects it expects and how the state changes, and an answer the machine is not
/// waiting for fails the story instead of being dropped.
struct Story {
    var state: KioskState

    /// A machine at Shibuya (cash and card) with the given cash counts, on its attract screen.
    init(inventory: CashPieces = [10: 100, 50: 40, 100: 100, 500: 40, 1000: 40, 5000: 5], terminal: String = "FM-SBY-1",
         refundsOwed: [RefundOwed] = []) {
        state = KioskState(catalogue: Sample.catalogue, now: Sample.noon)
        let t = Sample.catalogue.device(terminal)!
        _ = state.useMachine(storeId: t.storeId, terminalId: t.id)
        _ = state.apply(.machineReady(MachineStatus(inventory: inventory, paperSheets: 100, nextSequence: 1, inService: true,
                                                    refundsOwed: refundsOwed)))
    }

    /// A machine rebuilt after a restart to carry on one open sale (`ledger recover`).
    init(resuming journal: [Step], inventory: CashPieces = [10: 100, 50: 40, 100: 100, 500: 40, 1000: 40, 5000: 5],
         terminal: String = "FM-SBY-1") throws {
        let t = Sample.catalogue.device(terminal)!
        let machine = Machine(store: Sample.catalogue.store(t.storeId)!, terminal: t,
                              status: MachineStatus(inventory: inventory, paperSheets: 100, nextSequence: 9, inService: true))
        let sale = try OpenSale(journal: journal, catalogue: Sample.catalogue)
        state = KioskState.resuming(sale, catalogue: Sample.catalogue, machine: machine, now: Sample.noon)
    }

    /// Sends an event and checks exactly what follows: these effects, and the state before
    /// with `change` applied (nothing else may change).
    @discardableResult
    mutating func send(_ event: Event, _ effects: [Effect], _ change: (inout KioskState) -> Void = { _ in },
                       file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        var expected = state
        change(&expected)
        let got = send(event, file: file, line: line)
        XCTAssertEqual(got, effects, "effects of \(event)", file: file, line: line)
        if state != expected {
            XCTFail("the state after \(event) is not the one expected:\n\(Story.difference(state, expected))", file: file, line: line)
        }
        return got
    }

    /// Sends an event, checking only that an answer is one the machine waits for.
    @discardableResult
    mutating func send(_ event: Event, file: StaticString = #filePath, line: UInt = #line) -> [Effect] {
        if event.isAnswer && !state.expects(event) {
            XCTFail("nobody waits for the answer \(event) (waiting: \(String(describing: state.awaiting)))", file: file, line: line)
        }
        let (next, effects) = reduce(state, event)
        state = next
        return effects
    }

    /// An answer that comes when nobody waits for it: it must change nothing.
    mutating func sendUnexpected(_ event: Event, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(state.expects(event), "the machine waits for \(event)", file: file, line: line)
        let (next, effects) = reduce(state, event)
        XCTAssertEqual(effects, [], file: file, line: line)
        XCTAssertEqual(next, state, file: file, line: line)
    }

    /// Number typed, account found, plan chosen, payment chosen.
    mutating func reachPayment(number: String = "09012345678", plan: String, method: ButtonID = .payByCash) {
        send(.tap(.start))
        for ch in number { send(.key(.char(ch))) }
        let lookup = send(.tap(.confirm))
        XCTAssertEqual(lookup, [.lookUpAccount(.mobile(number))])
        send(.accountLookedUp(.found(Account(sim: .mobile(number), carrierId: Sample.catalogue.plan(plan)!.carrierId,
                                             expiry: "2026-12-07", inGrace: false))))
        send(.tap(.confirm))
        send(.tap(.plan(plan)))
        send(.tap(method))
    }

    /// Inserts a piece and confirms the ledger kept it.
    @discardableResult
    mutating func insertKept(_ d: Int) -> [Effect] {
        let effects = send(.tap(.insertCash(d)))
        guard case .journal? = effects.first else { return effects }
        return send(.journaled(receiptNo: nil))
    }

    var txnId: String { state.order?.txnId ?? "" }

    /// The parts of two states that differ, one line each.
    static func difference(_ got: KioskState, _ expected: KioskState) -> String {
        var lines: [String] = []
        func compare<T: Equatable>(_ name: String, _ a: T, _ b: T) {
            if a != b { lines.append("  \(name): got \(a), expected \(b)") }
        }
        compare("screen", got.screen, expected.screen)
        compare("awaiting", got.awaiting, expected.awaiting)
        compare("order", got.order, expected.order)
        compare("machine", got.machine, expected.machine)
        compare("notice", got.notice, expected.notice)
        compare("language", got.language, expected.language)
        compare("lastActivity", got.lastActivity, expected.lastActivity)
        compare("statuses", got.statuses, expected.statuses)
        return lines.isEmpty ? "  (elsewhere)" : lines.joined(separator: "\n")
    }
}
