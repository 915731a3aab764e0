import Foundation
import Kiosk

/// Plays a script of events through the real machine, printing what the screen shows after
/// each line and what the customer took from the cash tray.
struct ScriptRun {
    let machine: KioskAssembly
    let clock: ManualClock

    func run(_ commands: [(line: Int, command: ScriptCommand)], file: String) throws {
        let runtime = machine.runtime
        print("start: \(runtime.state.summary)")
        for (line, command) in commands {
            switch command {
            case .event(let event):
                runtime.send(event)
            case .wait(let seconds):
                // Time passes a second at a time, as it does on the screen.
                for _ in 0..<Int(seconds.rounded(.up)) {
                    clock.advance(by: 1)
                    runtime.tick()
                }
            case .expect(let name):
                guard runtime.state.screen.name == name else {
                    throw Failure("\(file) line \(line): expected the \(name) screen, but the machine shows \(runtime.state.summary)")
                }
                continue
            }
            var shown = "\(line): \(runtime.state.summary)"
            let tray = machine.cash.emptyTray()
            if !tray.isEmpty {
                shown += "  [tray: \(tray.description)]"
            }
            print(shown)
        }
    }
}
