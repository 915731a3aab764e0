import XCTest
@testable import Kiosk
import Ledger

final class ChangeMakingTests: XCTestCase {
    /// Every way to pay `amount` from the counts, fewest pieces; nil when none.
    private func bruteForce(_ amount: Int, _ inventory: CashPieces) -> Int? {
        let denoms = CashUnit.denominations.filter { (inventory[$0] ?? 0) > 0 }
        var best: Int?
        func go(_ i: Int, _ left: Int, _ pieces: Int) {
            if left == 0 { best = min(best ?? .max, pieces); return }
            guard i < denoms.count else { return }
            let d = denoms[i]
            for k in 0...min(inventory[d], left / d) { go(i + 1, left - k * d, pieces + k) }
        }
        go(0, amount, 0)
        return best
    }

    func testAgreesWithBruteForceOnRandomInventories() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<400 {
            var inventory: CashPieces = [:]
            for d in CashUnit.denominations where random.chance(0.7) { inventory[d] = Int.random(in: 0...6, using: &random) }
            let amount = Int.random(in: 0...1500, using: &random) * 10
            let found = CashUnit.change(for: Yen(amount), from: inventory)
            let expected = bruteForce(amount, inventory)
            XCTAssertEqual(found.map(\.pieceCount), expected, "¥\(amount) from \(inventory)")
            if let found {
                XCTAssertEqual(found.total, Yen(amount))
                for (d, n) in found { XCTAssertLessThanOrEqual(n, inventory[d] ?? 0) }
            }
        }
    }

    func testFindsAnswersGreedyWouldTakeTheLongWayRound() {
        // ¥1,500 with no ¥500 coins but ¥100s: 1×¥1,000 + 5×¥100.
        XCTAssertEqual(CashUnit.change(for: 1500, from: [1000: 1, 100: 10]), [1000: 1, 100: 5])
        XCTAssertNil(CashUnit.change(for: 7020, from: [1000: 6, 500: 1, 10: 10]))
        XCTAssertNil(CashUnit.change(for: 15, from: [10: 10]))
        XCTAssertEqual(CashUnit.change(for: 0, from: [:]), [:])
    }
}
