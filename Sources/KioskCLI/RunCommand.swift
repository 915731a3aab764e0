import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Receipt

/// The machine itself: full screen, or headless from a script of events.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Open the kiosk full screen, or play a script of events headless (--script).")

    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "The store whose machine this is; alone, the store finder opens on that store.")
    var store: String?

    @Option(help: "The terminal id, e.g. FM-SBY-1 (see `kiosk stores`); it names its store.")
    var terminal: String?

    @Option(help: "The language the machine starts in: en, ja, zh-Hans or zh-Hant.")
    var lang: String = "en"

    @Option(help: "Where receipts are written (default var/receipts/<terminal>/).")
    var receipts: String?

    @Option(help: "Faults to inject, e.g. host-timeout=0.1,host-error=0.05,card-timeout=0.02,jam=0.01,paper-out=0.01.")
    var faults: String = ""

    @Option(help: "Seed for the injected faults, so that a run repeats.")
    var seed: UInt64 = 1

    @Option(help: "Seconds of inactivity before a customer screen goes back to the start.")
    var timeout: Int = 60

    @Option(help: "Play this file of events headless instead of opening the screen (grammar in the README).")
    var script: String?

    /// For the start-up benchmark: stop once the first frame is on the screen.
    @Flag(help: .hidden)
    var firstFrameOnly = false

    @OptionGroup var crashOptions: CrashOptions

    func run() throws {
        try reporting {
            let language = try Language.named(lang)
            try Bounds.check(timeout, Bounds.timeout, "--timeout", unit: " seconds")
            try ReceiptsFolder.check(receipts)
            let faultSpec: Faults
            do { faultSpec = try Faults(spec: faults) } catch { throw Failure("\(error)") }
            let catalogue = try fixtureOptions.catalogue()
            let place = try Place.resolve(store: store, terminal: terminal, in: catalogue)
            let settings = KioskAssembly.Settings(ledgerPath: ledgerOptions.ledger, receipts: receipts, faults: faultSpec,
                                                  seed: seed, language: language, timeout: TimeInterval(timeout))
            ledgerOptions.makeDefaultFolder()
            if let terminal = place?.terminal { try ledgerOptions.hold(terminal) }
            guard let script else {
                // Without a terminal the screen has nowhere to go and no key can reach it.
                guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                    throw Failure("kiosk run opens a full screen and needs a terminal on standard input and output; to play events without one, use --script FILE.")
                }
                let machine = KioskAssembly(catalogue: catalogue, settings: settings, clock: { Date() })
                start(machine, at: place)
                try InteractiveKiosk(runtime: machine.runtime).run(firstFrameOnly: firstFrameOnly)
                if firstFrameOnly {
                    // The benchmark reads the peak resident memory of the process up to its first frame.
                    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                    print(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? "VmHWM: unknown")
                    return
                }
                print("The kiosk stopped: \(machine.runtime.state.summary).")
                return
            }
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw Failure("Cannot read the script \(script).")
            }
            let commands: [(line: Int, command: ScriptCommand)]
            do { commands = try Script.parse(text, file: script) } catch { throw Failure("\(error)") }
            // Headless runs need a ledger: say why there is none and stop.
            let ledger = try ledgerOptions.open()
            let clock = ManualClock(start: Date())
            let machine = KioskAssembly(catalogue: catalogue, ledger: ledger, settings: settings, clock: clock.now)
            crashOptions.arm(machine.runtime)
            start(machine, at: place)
            try ScriptRun(machine: machine, clock: clock).run(commands, file: script)
        }
    }

    private func start(_ machine: KioskAssembly, at place: Place?) {
        if let place, let terminal = place.terminal {
            machine.runtime.open(storeId: place.store, terminalId: terminal)
            return
        }
        machine.runtime.loadStatuses()
        if let place { machine.runtime.send(.tap(.store(place.store))) }
    }
}
