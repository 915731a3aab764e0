import Foundation
import Ledger
import Receipt

/// One machine wired together: the ledger, the simulated devices and host, the printer and
/// the runtime. The command line, scripts and the simulator all build machines this way.
public final class KioskAssembly {
    public let runtime: KioskRuntime
    public let ledger: Ledger?
    public let cash: SimulatedCashDevice
    public let acquirer: SimulatedAcquirer
    public let wallets: SimulatedWalletAcquirer
    /// Why the ledger could not be opened, when it could not.
    public let ledgerProblem: String?

    public struct Settings {
        public var ledgerPath: String
        public var receipts: String?
        public var faults: Faults = .none
        public var seed: UInt64 = 1
        public var language: Language = .en
        public var timeout: TimeInterval = 60

        public init(ledgerPath: String, receipts: String? = nil, faults: Faults = .none, seed: UInt64 = 1,
                    language: Language = .en, timeout: TimeInterval = 60) {
            self.ledgerPath = ledgerPath
            self.receipts = receipts
            self.faults = faults
            self.seed = seed
            self.language = language
            self.timeout = timeout
        }
    }

    /// A machine on an already open ledger (the simulator shares one between terminals).
    public init(catalogue: Catalogue, ledger: Ledger?, ledgerProblem: String? = nil, settings: Settings,
                clock: @escaping () -> Date) {
        self.ledger = ledger
        self.ledgerProblem = ledgerProblem
        cash = SimulatedCashDevice(faults: settings.faults, seed: settings.seed)
        acquirer = SimulatedAcquirer(cards: catalogue.testCards, pinTries: ledger.map { $0 as PINTryRecords } ?? PINTryMemory(),
                                     faults: settings.faults, seed: settings.seed, clock: clock)
        wallets = SimulatedWalletAcquirer(codes: catalogue.testWallets, records: ledger.map { $0 as WalletRecords } ?? WalletMemory(),
                                          faults: settings.faults, seed: settings.seed, clock: clock)
        let host: TopUpHost = ledger.map {
            SimulatedTopUpHost(catalogue: catalogue, records: $0, faults: settings.faults, seed: settings.seed)
        } ?? UnreachableHost()
        let printer = FilePrinter(catalogue: catalogue, ledger: ledger, folder: settings.receipts,
                                  faults: settings.faults, seed: settings.seed)
        var state = KioskState(catalogue: catalogue, now: clock(), language: settings.language, timeout: settings.timeout)
        if let ledgerProblem {
            state.screen = .outOfService(reason: ledgerProblem)
        }
        runtime = KioskRuntime(state: state, ledger: ledger, host: host, acquirer: acquirer, wallets: wallets, cash: cash,
                               printer: printer, clock: clock, ledgerProblem: ledgerProblem)
    }

    /// Opens the ledger at the path; when it cannot, the machine is built out of service.
    public convenience init(catalogue: Catalogue, settings: Settings, clock: @escaping () -> Date) {
        do {
            let ledger = try Ledger(path: settings.ledgerPath)
            self.init(catalogue: catalogue, ledger: ledger, settings: settings, clock: clock)
        } catch {
            self.init(catalogue: catalogue, ledger: nil, ledgerProblem: String(describing: error), settings: settings, clock: clock)
        }
    }
}

/// The host as seen from a machine with no ledger: nobody answers.
final class UnreachableHost: TopUpHost {
    func lookUp(_ sim: SIMNumber, today: String) -> AccountLookup { .unavailable }
    func apply(txnId: String, sim: SIMNumber, plan: Plan, today: String, at: Date) -> TopUpResult { .timedOut }
    func appliedExpiry(txnId: String) -> String? { nil }
}

extension KioskAssembly {
    /// Carries on every open transaction (of one terminal, or all) that no other process
    /// holds, with this machine's devices.
    public func recoverAll(terminalId: String? = nil) throws -> [String] {
        try runtime.recover(terminalId: terminalId)
    }
}
