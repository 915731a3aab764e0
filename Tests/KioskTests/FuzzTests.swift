import Foundation
import XCTest
@testable import Kiosk
import Ledger
import Receipt

/// Random keys, touches, cash, cards, clock jumps and device faults through the reducer and
/// the runtime on a real ledger: nothing crashes, and the promises hold after every event.
final class FuzzTests: XCTestCase {
    /// A ledger on tmpfs where there is one: the fuzz is about logic, not disk speed.
    private func fastPath() -> String {
        let shm = "/dev/shm"
        guard FileManager.default.isWritableFile(atPath: shm) else { return TestMachine.temporaryPath() }
        let dir = "\(shm)/kiosk-fuzz-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir + "/ledger.sqlite"
    }

    private func randomEvent(_ r: inout SeededRandom, catalogue: Catalogue) -> Event {
        let buttons: [ButtonID] = [.start, .confirm, .back, .cancel, .finish, .deleteDigit, .clearNumber, .payByCash,
                                   .payByCard, .staffEntry, .useThisMachine, .language(.ja), .language(.en)]
        switch Int.random(in: 0..<100, using: &r) {
        case 0..<25: return .key(.char(Character(String(Int.random(in: 0...9, using: &r)))))
        case 25..<30: return [.key(.enter), .key(.escape), .key(.backspace), .key(.char("x"))].randomElement(using: &r)!
        case 30..<45: return .tap(buttons.randomElement(using: &r)!)
        case 45..<52: return .tap(.plan(catalogue.plans.randomElement(using: &r)!.id))
        case 52..<58: return .tap(.digit(Int.random(in: 0...9, using: &r)))
        case 58..<80: return .cashInserted([1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000].randomElement(using: &r)!)
        case 80..<88: return .tap(.presentCard(catalogue.testCards.randomElement(using: &r)!.id))
        case 88..<90: return .shutdown
        default: return .tick(Date())   // replaced by a clock jump
        }
    }

    /// The fuzz's count of answers nobody waited for is a real one: a second answer to a top-up
    /// already answered is counted, and changes nothing.
    func testAnAnswerNobodyWaitsForIsCounted() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        var unmatched: [Event] = []
        m.runtime.unmatched = { unmatched.append($0) }
        m.runtime.send(.tap(.start))
        XCTAssertEqual(unmatched, [])
        let before = m.runtime.state
        m.runtime.send(.topUpAnswered(.applied(newExpiry: "2027-01-06")))
        m.runtime.send(.cardVoided)
        XCTAssertEqual(unmatched, [.topUpAnswered(.applied(newExpiry: "2027-01-06")), .cardVoided])
        XCTAssertEqual(m.runtime.state.screen, before.screen)
        XCTAssertEqual(m.runtime.state.order, before.order)
    }

    func testOneHundredThousandRandomEventsKeepEveryPromise() throws {
        let path = fastPath()
        let faults = try Faults(spec: "host-timeout=0.2,host-error=0.1,card-timeout=0.1,jam=0.1,paper-out=0.02")
        let m = try TestMachine(path: path, faults: faults)
        var r = SeededRandom(seed: 2026)
        let known = ["09012345678", "08011112222", "07033334444", "09099990000", "09013572468", "8981100012345678905"]
        var events = 0
        var unmatched: [Event] = []
        m.runtime.unmatched = { unmatched.append($0) }
        var effects = 0
        m.runtime.observe = { _ in effects += 1 }
        while events < 100_000 {
            // Now and then a customer who types a real number, so that flows reach payment.
            if Int.random(in: 0..<40, using: &r) == 0 {
                m.runtime.send(.tap(.start))
                for ch in known.randomElement(using: &r)! { m.runtime.send(.key(.char(ch))) }
                m.runtime.send(.key(.enter))
                m.runtime.send(.tap(.confirm))
                if let plan = m.runtime.state.plansOffered.randomElement(using: &r) { m.runtime.send(.tap(.plan(plan.id))) }
                m.runtime.send(.tap(Bool.random(using: &r) ? .payByCash : .payByCard))
                events += 16
            }
            let event = randomEvent(&r, catalogue: Sample.catalogue)
            if case .tick = event {
                m.clock.advance(by: Double(Int.random(in: 0...90, using: &r)))
                m.runtime.tick()
            } else {
                m.clock.advance(by: 1)
                m.runtime.send(event)
            }
            events += 1
            let state = m.runtime.state
            // The machine's idea of its cash is the ledger's, always.
            if let machine = state.machine, state.awaiting == nil, !(state.screen.name == "out-of-service") {
                XCTAssertEqual(machine.status.inventory,
                               try m.ledger.cashInventory(terminalId: machine.terminal.id), "after event \(events): \(event)")
            }
            XCTAssertNil(state.awaiting, "the runtime left the machine waiting after \(event)")
            XCTAssertTrue(state.machine?.status.inventory.allSatisfy { $0.count >= 0 } ?? true)
            if events % 10_000 == 0 {
                XCTAssertEqual(try Invariants.check(m.ledger).filter { !$0.contains("still open") }, [], "after \(events) events")
            }
            _ = m.cash.emptyTray()
        }
        // Every answer the devices, the host and the ledger gave was one the machine waited for.
        XCTAssertEqual(unmatched, [], "answers nobody waited for")
        XCTAssertGreaterThan(effects, 10_000, "the fuzz should reach the devices, the host and the ledger")
        // Whatever is left open is settled at the next start; then every promise holds.
        _ = try TestMachine(path: path, faults: .none)
        XCTAssertEqual(try Invariants.check(m.ledger), [])
        let counts = Dictionary(grouping: try m.ledger.transactions(), by: \.status).mapValues(\.count)
        XCTAssertGreaterThan(counts[.completed] ?? 0, 50, "the fuzz should complete real sales: \(counts)")
    }
}
