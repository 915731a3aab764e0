import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// The paper in a terminal's printer: how much is left, and loading a new roll.
struct PaperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper",
        abstract: "Show the paper left in a terminal's printer, or load a new roll.",
        discussion: """
            A printer that runs out stays out, after a restart too, until staff load paper; \
            the next customer is told before paying. For example:
              kiosk paper status --terminal FM-NMB-1
              kiosk paper load --terminal FM-NMB-1 --staff Sato
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case status, load
    }

    @Argument(help: "status or load.")
    var action: Action

    @Option(help: "The terminal, e.g. FM-NMB-1.")
    var terminal: String

    @Option(help: "Sheets on the roll loaded (default \(PaperRoll.sheets), a full roll).")
    var sheets: Int?

    @OptionGroup var staffOptions: StaffOptions
    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var fixtureOptions: FixtureOptions

    func run() throws {
        try reporting {
            if action == .status, sheets != nil { throw Failure("`kiosk paper status` takes no --sheets.") }
            // Before anything is written, a terminal's first opening included.
            if let sheets { try Ledger.checkRoll(sheets) }
            let ledger = try ledgerOptions.openExisting()
            // The terminal, that no kiosk drives it (a kiosk counts its own paper: load it there, in
            // staff mode) and the member of staff are checked before its first opening writes its float.
            _ = try ledger.terminalOpening(self.terminal, fixtures: fixtureOptions)
            if action == .load { try ledgerOptions.hold(self.terminal) }
            let staff = action == .load ? try staffOptions.name(in: ledger) : nil
            let terminal = try ledger.openTerminal(self.terminal, fixtures: fixtureOptions)
            if action == .load, let staff {
                let roll = sheets ?? PaperRoll.sheets
                try ledger.loadPaper(terminalId: terminal, sheets: roll, staff: staff)
                print("\(staff) loaded a roll of \(roll) sheets into \(terminal).")
            }
            let printer = FilePrinter(catalogue: try fixtureOptions.catalogue(), ledger: ledger, folder: nil)
            print(Self.describe(try printer.paperSheets(terminalId: terminal), of: terminal))
        }
    }

    /// `Paper in FM-NMB-1: 5 sheets`, or that it is out.
    static func describe(_ sheets: Int, of terminal: String) -> String {
        sheets > 0 ? "Paper in \(terminal): \(sheets) sheet\(sheets == 1 ? "" : "s")." : "Paper in \(terminal): out; load a roll with `kiosk paper load`."
    }
}
