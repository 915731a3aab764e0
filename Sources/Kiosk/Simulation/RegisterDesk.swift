import Foundation
import Ledger

/// A store's register in a simulated day: a customer who printed a slip walks to it a few
/// minutes later and pays, in cash or by card, through the register's real reducer and runtime.
final class RegisterDesk {
    let machine: KioskAssembly
    private let clock: ManualClock
    private var random: SeededRandom
    private(set) var began: [String] = []
    private(set) var paid = 0

    /// The first register of the store, or nil when it has none.
    init?(catalogue: Catalogue, ledger: Ledger, storeId: String, settings: KioskAssembly.Settings, start: Date) {
        guard let register = catalogue.registers.first(where: { $0.storeId == storeId }) else { return nil }
        clock = ManualClock(start: start)
        var s = settings
        s.seed = settings.seed ^ 0x4E61
        random = SeededRandom(seed: s.seed)
        machine = KioskAssembly(catalogue: catalogue, ledger: ledger, settings: s, clock: clock.now)
        machine.runtime.observe = { [unowned self] effect in
            if case .journal(let id?, let steps) = effect, steps.contains(where: { if case .begin = $0 { true } else { false } }) {
                self.began.append(id)
            }
        }
        machine.runtime.open(storeId: storeId, terminalId: register.id)
    }

    /// The customer arrives with the slip at `moment`, having walked from the machine.
    func pay(_ ticket: SlipTicket, arriving moment: Date) {
        let runtime = machine.runtime
        clock.move(to: moment)
        runtime.send(.slipScanned(ticket.slipNo))
        guard runtime.state.screen == .choosePayment, let amount = runtime.state.order?.amount else {
            // Too late, or gone: the register says why and waits for the next.
            return
        }
        if Double.random(in: 0..<1, using: &random) < 0.3 {
            runtime.send(.tap(.payByCard))
            runtime.send(.tap(.presentCard(["visa-ok", "mc-ok", "jcb-ok"].randomElement(using: &random)!)))
        } else {
            runtime.send(.tap(.payByCash))
            let bill = [1000, 5000, 10000].first { Yen($0) >= amount }
            for piece in bill.map({ [$0] }) ?? Customer.exact(amount) where runtime.state.screen == .payingCash {
                runtime.send(.cashInserted(piece))
            }
            if runtime.state.screen == .payingCash { runtime.send(.tap(.cancel)) }
        }
        if case .done = runtime.state.screen { paid += 1 }
        _ = machine.cash.emptyTray()
        runtime.send(.tap(.finish))
    }
}
