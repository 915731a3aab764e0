import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Receipt

/// The cash in a terminal: what it holds, putting change in, taking cash out.
struct CashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cash",
        abstract: "Show a terminal's cash by denomination, replenish its change or collect cash from it.",
        discussion: "Counts are denomination=count pairs, e.g. --counts 1000=20,100=50.")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case status, replenish, collect
    }

    @Argument(help: "status, replenish or collect.")
    var action: Action

    @Option(help: "The terminal, e.g. SE-SJK3-1.")
    var terminal: String

    @Option(help: "Pieces to put in or take out: denomination=count, comma-separated (e.g. 1000=20,100=50).")
    var counts: String?

    @OptionGroup var staffOptions: StaffOptions
    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var fixtureOptions: FixtureOptions

    func run() throws {
        try reporting {
            let pieces = try counts.map { spec in try parse(spec) }
            if action == .status, pieces != nil { throw Failure("`kiosk cash status` takes no --counts.") }
            if action != .status, pieces == nil {
                throw Failure("Say what to \(action.rawValue) with --counts, e.g. --counts 1000=20,100=50.")
            }
            let ledger = try ledgerOptions.openExisting()
            // Everything is checked before anything is written: the terminal (against the fixtures),
            // that no kiosk drives it (cash moves only there: its counts are that kiosk's), the member of staff.
            let opening = try ledger.terminalOpening(self.terminal, fixtures: fixtureOptions)
            if action != .status { try ledgerOptions.hold(self.terminal) }
            let staff = action == .status ? "" : try staffOptions.name(in: ledger)
            // A status opens the terminal now; a move of cash opens it in the move's own write, so a
            // refused count writes nothing.
            let terminal = action == .status ? try ledger.openTerminal(self.terminal, fixtures: fixtureOptions) : self.terminal
            switch action {
            case .status:
                break
            case .replenish:
                try ledger.replenish(terminalId: terminal, pieces: pieces!, staff: staff, limits: CashUnit.limits, opening: opening)
                print("\(staff) put \(pieces!.total) into \(terminal): \(Self.describe(pieces!)).")
            case .collect:
                try ledger.collect(terminalId: terminal, pieces: pieces!, staff: staff, limits: CashUnit.limits, opening: opening)
                print("\(staff) took \(pieces!.total) out of \(terminal): \(Self.describe(pieces!)).")
            }
            print(Self.status(terminal, inventory: try ledger.cashInventory(terminalId: terminal)))
        }
    }

    private func parse(_ spec: String) throws -> CashPieces {
        do {
            return try CountSpec.parse(spec, limits: CashUnit.limits)
        } catch let error as LedgerError {
            throw Failure(error.description)
        }
    }

    /// `¥1,000 × 20, ¥100 × 50`.
    static func describe(_ pieces: CashPieces) -> String {
        pieces.filter { _, n in n > 0 }.map { "\(Yen($0.denomination)) × \($0.count)" }.joined(separator: ", ")
    }

    /// Each denomination with its count, the unit's capacity and a low or full mark.
    static func status(_ terminal: String, inventory: CashPieces) -> String {
        var lines = ["Cash in \(terminal):"]
        for d in CashUnit.denominations.reversed() {
            let n = inventory[d]
            let mark = CashUnit.mark(n, of: d)
            let label = formatYen(d).padding(toLength: 8, withPad: " ", startingAt: 0)
            let count = Layout.aligned(String(n), .right, width: 4)
            lines.append("  \(label)\(count) / \(CashUnit.capacity(of: d))" + (mark.isEmpty ? "" : "  " + mark))
        }
        lines.append("  Total   \(inventory.total)")
        return lines.joined(separator: "\n")
    }
}
