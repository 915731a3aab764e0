import GRDB
import XCTest
import Money
@testable import Ledger

/// A repeatable source of random steps.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

final class InventoryTests: XCTestCase {
    let accepted = [10, 50, 100, 500, 1000, 5000, 10000]
    let terminals = ["K1", "K2", "K3"]

    func testInventoryEqualsTheSumOfMovementsAfterManyRandomSteps() throws {
        let folder = try ScratchFolder()
        let ledger = try Ledger(path: folder.path("ledger.sqlite"))
        var rng = SplitMix64(state: 20261125)
        var model: [String: CashPieces] = [:]
        var clock = 0
        var refusals = 0
        func at() -> Date { clock += 1; return Flow.time(clock) }

        for terminal in terminals {
            try ledger.ensureTerminal(storeId: "S001", terminalId: terminal, openingFloat: [100: 20, 1000: 5], at: at())
            model[terminal] = [100: 20, 1000: 5]
        }
        for n in 0..<300 {
            let terminal = terminals.randomElement(using: &rng)!
            let id = "R\(n)"
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                let pieces = randomPieces(&rng)
                try ledger.record([Entry(txnId: nil, terminalId: terminal, at: at(), step: .replenished(pieces: pieces, staff: "Sato"))])
                model[terminal]!.add(pieces)
            case 1:
                let pieces = randomPieces(&rng)
                let step = Step.collected(pieces: pieces, staff: "Sato")
                if pieces.allSatisfy({ model[terminal]![$0.denomination] >= $0.count }) {
                    try ledger.record([Entry(txnId: nil, terminalId: terminal, at: at(), step: step)])
                    model[terminal]!.add(pieces, sign: -1)
                } else {
                    XCTAssertThrowsError(try ledger.record([Entry(txnId: nil, terminalId: terminal, at: at(), step: step)]))
                    refusals += 1
                }
            default:
                let amount = [300, 980, 1500, 2980, 5400].randomElement(using: &rng)!
                var inserted: [Int] = []
                while inserted.reduce(0, +) < amount { inserted.append(accepted.randomElement(using: &rng)!) }
                var entries = [Entry(txnId: id, terminalId: terminal, at: at(), step: .begin(Flow.start(id, terminal: terminal, amount: amount, tax: amount / 11)))]
                entries += inserted.map { Entry(txnId: id, terminalId: terminal, at: at(), step: .cashIn(denomination: $0)) }
                var held = model[terminal]!
                for piece in inserted { held[piece] += 1 }
                if let change = greedyChange(inserted.reduce(0, +) - amount, from: held), Bool.random(using: &rng) {
                    entries.append(Entry(txnId: id, terminalId: terminal, at: at(), step: .changeDispensed(pieces: change)))
                    entries.append(Entry(txnId: id, terminalId: terminal, at: at(), step: .completed))
                    held.add(change, sign: -1)
                    model[terminal] = held
                } else {
                    // No change possible (or the customer cancels): every piece goes back.
                    let back = CashPieces(Dictionary(inserted.map { ($0, 1) }, uniquingKeysWith: +))
                    entries.append(Entry(txnId: id, terminalId: terminal, at: at(), step: .cashReturned(pieces: back)))
                    entries.append(Entry(txnId: id, terminalId: terminal, at: at(), step: .cancelled(reason: .cancelledByCustomer)))
                }
                try ledger.record(entries)
            }
            if n % 25 == 0 {
                for terminal in terminals {
                    XCTAssertEqual(try ledger.cashInventory(terminalId: terminal), model[terminal]!.filter { _, n in n > 0 })
                }
            }
        }

        XCTAssertGreaterThan(refusals, 0, "the random steps never tried to collect more than the terminal held")
        let sums = try rawConnection(ledger.path).read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.terminal_id, m.denomination,
                       SUM(CASE WHEN m.kind IN ('in', 'replenish') THEN m.count ELSE -m.count END) AS total,
                       i.count AS inventory
                FROM cash_movements m JOIN cash_inventory i USING (terminal_id, denomination)
                GROUP BY m.terminal_id, m.denomination
                """)
        }
        XCTAssertGreaterThan(sums.count, 10)
        for row in sums {
            XCTAssertEqual(row["total"] as Int, row["inventory"] as Int, "\(row)")
        }
        for terminal in terminals {
            XCTAssertEqual(try ledger.cashInventory(terminalId: terminal), model[terminal]!.filter { _, n in n > 0 })
            let fromMovements = try ledger.cashMovements(terminalId: terminal)
                .reduce(into: CashPieces()) { $0[$1.denomination] += $1.kind.sign * $1.count }
            XCTAssertEqual(try ledger.cashInventory(terminalId: terminal), fromMovements.filter { _, n in n > 0 })
        }
        XCTAssertEqual(try ledger.verify(), .ok(rows: try ledger.journal().count, zReports: 0))
    }

    private func randomPieces(_ rng: inout SplitMix64) -> CashPieces {
        var pieces: CashPieces = [:]
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            pieces[accepted.randomElement(using: &rng)!] = Int.random(in: 1...8, using: &rng)
        }
        return pieces
    }

    /// Change for `yen` paid from `held`, largest pieces first; nil when that does not work out.
    private func greedyChange(_ yen: Int, from held: CashPieces) -> CashPieces? {
        var rest = yen
        var pieces: CashPieces = [:]
        for denomination in accepted.reversed() where rest >= denomination {
            let n = min(rest / denomination, held[denomination])
            if n > 0 { pieces[denomination] = n; rest -= n * denomination }
        }
        return rest == 0 ? pieces : nil
    }
}
