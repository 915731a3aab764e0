import XCTest
@testable import Kiosk
import Ledger

/// Staff mode's cash tasks, decided by the reducer and journaled before the counts change.
final class StaffCashStoriesTests: XCTestCase {
    private func signedIn(inventory: CashPieces, refundsOwed: [RefundOwed] = []) -> Story {
        var s = Story(inventory: inventory, refundsOwed: refundsOwed)
        s.send(.tap(.staffEntry), [.listStaff]) { $0.screen = .staffPIN(StaffSignIn()) }
        s.send(.staffSignedIn("Sato"), []) { $0.screen = .staffMenu(StaffDesk(name: "Sato", message: nil)) }
        return s
    }

    func testRefillPutsBackWhatTheOpeningFloatIsMissing() {
        let float = Sample.catalogue.terminal("FM-SBY-1")!.openingFloat
        var inventory = float
        inventory[1000] -= 7
        inventory[10] -= 30
        var s = signedIn(inventory: inventory)
        s.send(.tap(.staffAction("refill")), [.journal(txnId: nil, [.replenished(pieces: [1000: 7, 10: 30], staff: "Sato")])]) {
            $0.awaiting = .staffCash(.refill([1000: 7, 10: 30]), staff: "Sato")
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.machine?.status.inventory = float
            $0.statuses["FM-SBY-1"] = $0.machine?.status
            $0.screen = .staffMenu(StaffDesk(name: "Sato", message: "Replenished ¥7,300: ¥1,000×7 ¥10×30."))
        }
        s.send(.tap(.staffAction("refill")), []) {
            $0.screen = .staffMenu(StaffDesk(name: "Sato", message: "The cash unit already holds its opening float."))
        }
    }

    func testCollectTakesTheBigBills() {
        var s = signedIn(inventory: [10000: 3, 5000: 2, 1000: 40])
        s.send(.tap(.staffAction("collect-bills")), [.journal(txnId: nil, [.collected(pieces: [10000: 3, 5000: 2], staff: "Sato")])]) {
            $0.awaiting = .staffCash(.collect([10000: 3, 5000: 2]), staff: "Sato")
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.machine?.status.inventory = [1000: 40]
            $0.statuses["FM-SBY-1"] = $0.machine?.status
            $0.screen = .staffMenu(StaffDesk(name: "Sato", message: "Collected ¥40,000: ¥10,000×3 ¥5,000×2."))
        }
    }

    func testRefundsDueArePaidOneCommitEach() {
        let owed = [RefundOwed(txnId: "FM-SBY-1-000004", yen: Yen(2020)), RefundOwed(txnId: "FM-SBY-1-000009", yen: Yen(500))]
        var s = signedIn(inventory: [1000: 5], refundsOwed: owed)
        s.send(.tap(.staffAction("settle-refunds")), [.journal(txnId: "FM-SBY-1-000004", [.refundSettled(yen: 2020, staff: "Sato")])]) {
            $0.awaiting = .staffCash(.settle(owed[0], rest: [owed[1]], paid: []), staff: "Sato")
        }
        s.send(.journaled(receiptNo: nil), [.journal(txnId: "FM-SBY-1-000009", [.refundSettled(yen: 500, staff: "Sato")])]) {
            $0.awaiting = .staffCash(.settle(owed[1], rest: [], paid: [owed[0]]), staff: "Sato")
            $0.machine?.status.refundsOwed = [owed[1]]
        }
        s.send(.journaled(receiptNo: nil), []) {
            $0.awaiting = nil
            $0.machine?.status.refundsOwed = []
            $0.statuses["FM-SBY-1"] = $0.machine?.status
            $0.screen = .staffMenu(StaffDesk(name: "Sato", message: "Paid 2 refunds due from the counter: ¥2,520."))
        }
    }
}
