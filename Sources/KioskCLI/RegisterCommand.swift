import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Receipt

/// The store's register: the clerk's side of paying at the register, on the store's ledger.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The store's register: take the money for application slips printed by the machines.",
        discussion: """
            A machine whose payments include `register` prints an application slip (申込券) valid for \
            30 minutes; the customer pays it here, and only then is the SIM topped up. The register's \
            drawer is its own cash (`kiosk cash status --terminal FM-SBY-R1`), apart from the machines'.

              kiosk register --store fm-shibuya-center --register FM-SBY-R1
              kiosk register pay FM-SBY-1-S000001 --cash 5000 --store fm-shibuya-center --register FM-SBY-R1
              kiosk register pay LW-SPR-2-S000002 --card visa-ok --store lw-sapporo-odori --register LW-SPR-R1
              kiosk register void LW-SPR-2-S000003 --store lw-sapporo-odori --register LW-SPR-R1
            """,
        subcommands: [RegisterScreen.self, RegisterPay.self, RegisterVoid.self],
        defaultSubcommand: RegisterScreen.self)
}

/// Which register, on which ledger, printing where.
struct RegisterOptions: ParsableArguments {
    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "The store whose register this is, e.g. fm-shibuya-center.")
    var store: String

    @Option(help: "The register's id (fixtures/registers.csv), e.g. FM-SBY-R1.")
    var register: String

    @Option(help: "Where the register's receipts are written (default var/receipts/<register>/).")
    var receipts: String?

    @Option(help: "The language of the clerk's screen: ja, en, zh-Hans or zh-Hant. Receipts speak the customer's.")
    var lang: String = "ja"

    /// The register, checked against the fixtures.
    func resolve() throws -> (catalogue: Catalogue, register: Terminal) {
        try ReceiptsFolder.check(receipts)
        _ = try Language.named(lang)
        let catalogue = try fixtureOptions.catalogue()
        guard catalogue.store(store) != nil else {
            throw Failure("Unknown store \"\(store)\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
        }
        let ids = catalogue.registers.filter { $0.storeId == store }.map(\.id)
        guard let r = catalogue.register(register), r.storeId == store else {
            throw Failure(ids.isEmpty ? "Store \(store) has no register in fixtures/registers.csv."
                                      : "\(register) is not a register of \(store); its registers are \(ids.joined(separator: ", ")).")
        }
        return (catalogue, r)
    }

    /// The register's machine, open on the ledger and held by this process.
    func open(_ catalogue: Catalogue, _ register: Terminal, ledger: Ledger, crash: CrashOptions? = nil) throws -> KioskAssembly {
        try ledgerOptions.hold(register.id)
        let settings = KioskAssembly.Settings(ledgerPath: ledgerOptions.ledger, receipts: receipts, language: try Language.named(lang))
        let machine = KioskAssembly(catalogue: catalogue, ledger: ledger, settings: settings, clock: { Date() })
        crash?.arm(machine.runtime)
        machine.runtime.open(storeId: register.storeId, terminalId: register.id)
        guard case .registerScan = machine.runtime.state.screen else {
            throw Failure("Register \(register.id) cannot open: \(machine.runtime.state.summary).")
        }
        return machine
    }

    /// Refuses a slip the register cannot take before anything is written.
    func payable(_ slipNo: String, in ledger: Ledger) throws -> SlipIssue {
        let slipNo = slipNo.uppercased()
        guard let slip = try ledger.slip(slipNo) else { throw Failure(SlipRefusal.unknown.sentence(slipNo: slipNo)) }
        if let why = slip.refusal(at: Date()) { throw Failure(why.sentence(slipNo: slipNo)) }
        guard slip.issue.storeId == store else {
            throw Failure("Slip \(slipNo) was printed at \(slip.issue.storeId), not at \(store); it is paid at that store's register.")
        }
        return slip.issue
    }

    /// The register scans the slip; it shows the slip's payment screen or says why not.
    func scan(_ slipNo: String, on machine: KioskAssembly) throws {
        machine.runtime.send(.slipScanned(slipNo))
        guard machine.runtime.state.screen == .choosePayment else {
            throw Failure(machine.runtime.state.notice?.description ?? "Slip \(slipNo) cannot be paid: \(machine.runtime.state.summary).")
        }
    }
}

/// `kiosk register`: the clerk's full screen.
struct RegisterScreen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "The register full screen: scan or type a slip, see its plan and amount, take cash or a card.")

    @OptionGroup var options: RegisterOptions

    func run() throws {
        try reporting {
            let (catalogue, register) = try options.resolve()
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                throw Failure("kiosk register opens a full screen and needs a terminal; in scripts use `kiosk register pay SLIP --cash N` or `--card ID`.")
            }
            let machine = try options.open(catalogue, register, ledger: try options.ledgerOptions.open())
            try InteractiveKiosk(runtime: machine.runtime).run()
            print("The register stopped: \(machine.runtime.state.summary).")
        }
    }
}

/// `kiosk register pay SLIP --cash N | --card ID`.
struct RegisterPay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pay",
        abstract: "Take the money for an application slip, in cash (the amount handed over) or by a test card.")

    @Argument(help: "The slip's number, as printed under its barcode (e.g. FM-SBY-1-S000001).")
    var slip: String

    @Option(help: "Cash handed over, in yen (a multiple of ¥10); the change is counted out of the register's drawer.")
    var cash: Int?

    @Option(help: "A test card (fixtures/test_cards.csv), e.g. visa-ok.")
    var card: String?

    @OptionGroup var options: RegisterOptions
    @OptionGroup var crashOptions: CrashOptions

    func validate() throws {
        guard (cash == nil) != (card == nil) else {
            throw ValidationError("Give either --cash AMOUNT or --card ID, one of them.")
        }
    }

    func run() throws {
        try reporting {
            let (catalogue, register) = try options.resolve()
            var pieces: CashPieces?
            if let cash {
                try Bounds.check(cash, 10...1_000_000, "--cash", unit: " yen")
                guard let tender = CashUnit.tender(Yen(cash)) else {
                    throw Failure("--cash \(cash) is not an amount in coins and bills the drawer takes; give a multiple of ¥10.")
                }
                pieces = tender
            }
            if let card {
                guard let test = catalogue.testCard(card) else {
                    throw Failure("Unknown test card \"\(card)\"; the cards are \(catalogue.testCards.map(\.id).joined(separator: ", ")).")
                }
                if test.pin != nil {
                    throw Failure("The card \(card) asks for its PIN, which the customer types; take it on the register's screen (kiosk register --store \(options.store) --register \(options.register)).")
                }
            }
            let ledger = try options.ledgerOptions.openExisting()
            let issue = try options.payable(slip, in: ledger)
            let slipNo = issue.slipNo
            if let pieces, pieces.total < Yen(issue.amountYen) {
                throw Failure("--cash \(pieces.total.amount) is less than the \(Yen(issue.amountYen)) slip \(slipNo) is for.")
            }
            let machine = try options.open(catalogue, register, ledger: ledger, crash: crashOptions)
            try options.scan(slipNo, on: machine)
            let runtime = machine.runtime
            if let pieces {
                runtime.send(.tap(.payByCash))
                for (d, n) in pieces { for _ in 0..<n where runtime.state.screen == .payingCash { runtime.send(.cashInserted(d)) } }
                if runtime.state.screen == .payingCash {
                    let why = runtime.state.notice?.description ?? "the cash did not pay the slip"
                    runtime.send(.tap(.cancel))
                    throw Failure("The register cannot take that cash: \(why)")
                }
            } else if let card {
                runtime.send(.tap(.payByCard))
                runtime.send(.tap(.presentCard(card)))
            }
            // Taken by another register, voided or expired since the look-up: nothing was written,
            // and the clerk reads the same sentence as had the look-up refused it.
            if case .registerScan = runtime.state.screen, let notice = runtime.state.notice, case .slipRefused = notice {
                throw Failure(notice.description)
            }
            print(runtime.state.summary)
            switch runtime.state.screen {
            case .done:
                return
            case .refund:
                throw Failure("The top-up did not go through; the payment was refunded at the register with a refund slip.")
            default:
                throw Failure("Slip \(slipNo) is not paid: \(runtime.state.notice?.description ?? runtime.state.summary)")
            }
        }
    }
}

/// `kiosk register void SLIP`.
struct RegisterVoid: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Void an application slip nobody has paid, so that it can no longer be paid.")

    @Argument(help: "The slip's number.")
    var slip: String

    @OptionGroup var options: RegisterOptions

    func run() throws {
        try reporting {
            let (catalogue, register) = try options.resolve()
            let ledger = try options.ledgerOptions.openExisting()
            let slipNo = try options.payable(slip, in: ledger).slipNo
            let machine = try options.open(catalogue, register, ledger: ledger)
            try options.scan(slipNo, on: machine)
            machine.runtime.send(.tap(.voidSlip))
            guard machine.runtime.state.notice == .slipVoided(slipNo) else {
                throw Failure("Slip \(slipNo) was not voided: \(machine.runtime.state.summary).")
            }
            print(machine.runtime.state.notice?.description ?? "")
        }
    }
}
