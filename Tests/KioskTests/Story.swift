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

/// A customer's story told to the reducer alone: each step returns the effects it asked for.
struct Story {
    var state: KioskState

    /// A machine at Shibuya (cash and card) with the given cash counts, on its attract screen.
    init(inventory: CashPieces = [10: 100, 50: 40, 100: 100, 500: 40, 1000: 40, 5000: 5], terminal: String = "FM-SBY-1") {
        state = KioskState(catalogue: Sample.catalogue, now: Sample.noon)
        let t = Sample.catalogue.terminal(terminal)!
        _ = state.useMachine(storeId: t.storeId, terminalId: t.id)
        _ = state.apply(.machineReady(MachineStatus(inventory: inventory, paperSheets: 100, nextSequence: 1, inService: true)))
    }

    @discardableResult
    mutating func send(_ event: Event) -> [Effect] {
        let (next, effects) = reduce(state, event)
        state = next
        return effects
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
}
