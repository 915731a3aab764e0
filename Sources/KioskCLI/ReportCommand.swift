import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Receipt

/// X and Z reports of a terminal or a whole store, in text, PDF, CSV or JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print an X report (interim, changes nothing) or close the period with a Z report.",
        discussion: """
            Both cover everything since the terminal's last Z. A Z is numbered 1, 2, 3… per terminal, \
            stored in the ledger and never changes; a store's Z closes each of its terminals. \
            --counted takes the cash counted in the machine (e.g. 1000=20,100=50) and prints over/short.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case x, z
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, pdf, csv, json
    }

    @Argument(help: "x or z.")
    var kind: Kind

    @Option(help: "A whole store: every terminal of it that has opened on the ledger.")
    var store: String?

    @Option(help: "One terminal, e.g. SE-SJK3-1.")
    var terminal: String?

    @Option(help: "The cash counted in the terminal: denomination=count, comma-separated.")
    var counted: String?

    @Option(help: "text, pdf, csv or json.")
    var format: Format = .text

    @Option(help: "Columns of the text form: 32, 42 or 48.")
    var width: Int = 42

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @OptionGroup var staffOptions: StaffOptions
    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var fixtureOptions: FixtureOptions

    func run() throws {
        try reporting {
            switch (store, terminal) {
            case (nil, nil): throw Failure("Name a terminal with --terminal ID or a store with --store ID.")
            case (.some, .some): throw Failure("Give either --store or --terminal, not both.")
            default: break
            }
            if counted != nil, terminal == nil { throw Failure("--counted is the cash of one terminal; use it with --terminal.") }
            guard [32, 42, 48].contains(width) else { throw Failure("The width must be 32, 42 or 48 columns, not \(width).") }
            if format == .pdf, out == nil { throw Failure("A PDF is written to a file; add --out FILE.") }
            // Checked before a Z closes, so that a closed Z is never lost for want of a file to write.
            let outFile = try out.map { try OutputFile($0, ledger: ledgerOptions.ledger, force: force) }
            let countedPieces = try counted.map { spec -> CashPieces in
                do { return try CountSpec.parse(spec, limits: CashUnit.limits) } catch let e as LedgerError { throw Failure(e.description) }
            }
            let ledger = try ledgerOptions.openExisting()
            // The member of staff closing a Z is checked before a terminal's first opening writes its float.
            let staff = kind == .z ? try staffOptions.name(in: ledger) : ""
            let report = try make(ledger, counted: countedPieces, staff: staff)
            let data = render(report)
            if let outFile { try outFile.write(data) } else { FileHandle.standardOutput.write(data) }
        }
    }

    private func make(_ ledger: Ledger, counted: CashPieces?, staff: String) throws -> ShiftReport {
        if let terminal {
            let id = try ledger.openTerminal(terminal, fixtures: fixtureOptions)
            return kind == .x
                ? try ledger.xReport(terminalId: id, counted: counted)
                : try ledger.closeZ(terminalId: id, staff: staff, counted: counted)
        }
        let store = store!
        guard !(try ledger.terminalIds(storeId: store)).isEmpty else {
            let stores = Set(try ledger.terminalIds().compactMap { try ledger.storeId(ofTerminal: $0) }).sorted()
            throw Failure(stores.isEmpty
                ? "Store \(store) has no terminal on this ledger, and no store has."
                : "Store \(store) has no terminal on this ledger; its stores are \(stores.joined(separator: ", ")).")
        }
        return kind == .x ? try ledger.xReport(storeId: store) : try ledger.closeZ(storeId: store, staff: staff)
    }

    private func render(_ report: ShiftReport) -> Data {
        switch format {
        case .json: return Data(report.prettyJSON.utf8)
        case .csv: return Data(report.csv.utf8)
        case .text, .pdf:
            // Names come from the fixtures when they are at hand; the report stands without them.
            let catalogue = try? fixtureOptions.catalogue()
            let document = report.document(catalogue: catalogue)
            return Receipt.render(document, as: format == .pdf ? .pdf : .text(width: width))
        }
    }
}
