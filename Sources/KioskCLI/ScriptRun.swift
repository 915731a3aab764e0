import Foundation
import Kiosk
import Money

/// Plays a script of events through the real machine, printing what the screen shows after
/// each line that does something and what the customer took from the cash tray.
struct ScriptRun {
    let machine: KioskAssembly
    let clock: ManualClock

    func run(_ commands: [(line: Int, command: ScriptCommand)], file: String) throws {
        let runtime = machine.runtime
        print("start: \(runtime.state.summary)")
        try stopIfUnrecorded(when: "when it opened")
        for (index, (line, command)) in commands.enumerated() {
            switch command {
            case .event(let event):
                if case .tap(let button) = event, let missing = Self.offScreen(button, in: runtime.state) {
                    throw stopped("\(file) line \(line): \(missing)")
                }
                runtime.send(event)
            case .wait(let seconds):
                runtime.wait(Int(seconds.rounded(.up)), on: clock)
            case .expect(let name):
                guard runtime.state.screen.name == name else {
                    throw stopped("\(file) line \(line): expected the \(name) screen, but the machine shows \(runtime.state.summary)")
                }
                continue
            }
            // A line that types several keys is shown once, after its last key.
            if index + 1 < commands.count, commands[index + 1].line == line { continue }
            var shown = "\(line): \(runtime.state.summary)"
            let tray = machine.cash.emptyTray()
            if !tray.isEmpty {
                shown += "  [tray: \(tray.description)]"
            }
            print(shown)
            try stopIfUnrecorded(when: "at \(file) line \(line)")
        }
        // A sale left open would be settled only by the next start's recovery, out of the story.
        if let sale = try openSale() {
            throw Failure("\(file) ends with transaction \(sale.id) open and \(sale.paid) of the customer's cash in the machine (\(runtime.state.screen.name)); end it with `tap cancel`, pay in full, or `wait` for the time-out.")
        }
    }

    /// Why a tap would do nothing: the button is not on the screen the machine shows (the
    /// staff key is a function key, there on every screen; a simulated device may be on
    /// another page of the devices panel).
    static func offScreen(_ button: ButtonID, in state: KioskState) -> String? {
        if button == .staffEntry { return nil }
        var page = state
        var there: [String] = []
        for number in 0..<8 {
            page.panelPage = state.panelPage + number
            let frame = ScreenRenderer.frame(for: page, width: ScreenRenderer.minimumWidth, height: ScreenRenderer.minimumHeight)
            if frame.buttons.contains(where: { $0.id == button }) { return nil }
            let names = frame.buttons.map { Script.name(of: $0.id) }.filter { !there.contains($0) }
            there += names
            if !frame.buttons.contains(where: { $0.id == .morePanel }) { break }
        }
        return "there is no \(Script.name(of: button)) button on the \(state.screen.name) screen; it has \(there.isEmpty ? "none" : there.joined(separator: ", "))."
    }

    /// The transaction begun and still open in the ledger, and the customer's cash in it.
    private func openSale() throws -> (id: String, paid: Yen)? {
        guard let order = machine.runtime.state.order, order.begun, let id = order.txnId,
              try machine.ledger?.transaction(id: id)?.status == .open else { return nil }
        return (id, order.paid)
    }

    /// A script stopped by a bad line in the middle of a sale stops the machine as a stop
    /// would (the customer's cash given back, journaled), and the sentence says what became
    /// of the customer's money.
    private func stopped(_ problem: String) -> Failure {
        let sentence = problem.hasSuffix(".") ? String(problem.dropLast()) : problem
        guard let sale = try? openSale() else { return Failure(sentence + ".") }
        let (id, paid) = (sale.id, sale.paid)
        machine.runtime.send(.shutdown)
        let tray = machine.cash.emptyTray()
        if let still = try? openSale() {
            return Failure("\(sentence); the script stopped there, and transaction \(id) is left open with \(still.paid) of the customer's cash in the machine (\(machine.runtime.state.screen.name)) until the kiosk next starts.")
        }
        let given = tray.isEmpty ? "" : " [tray: \(tray.description)]"
        return Failure("\(sentence); the script stopped there, and the machine ended transaction \(id)\(paid > .zero ? " and gave back the customer's \(paid)\(given)" : ", which had no cash in it").")
    }

    /// A run that could not record is a failed run, whatever the script goes on to say.
    private func stopIfUnrecorded(when: String) throws {
        guard let why = machine.runtime.state.unrecorded else { return }
        throw Failure("The machine could not record \(when) and went out of service: \(why.prefix(1).lowercased() + why.dropFirst())")
    }
}
