import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Money
import Receipt

/// Reprints a transaction's receipt (or its refund slip) from the ledger, marked as a reprint.
struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Reprint a transaction's receipt or refund slip from the ledger.")

    @Argument(help: "The transaction id, e.g. FM-SBY-1-000123 (on the receipt and in `kiosk ledger export`).")
    var txnId: String

    @Option(help: "text, pdf or escpos.")
    var format: String = "text"

    @Option(help: "Columns of a text receipt: 32, 42 or 48 (58 mm or 80 mm paper).")
    var width: Int = 48

    @Option(help: "en, ja, zh-Hans or zh-Hant (default: the language the customer used).")
    var lang: String?

    @Option(help: "Write to this file instead of standard output (needed for pdf and escpos on a terminal).")
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @OptionGroup var ledgerOptions: LedgerOptions
    @OptionGroup var fixtureOptions: FixtureOptions

    func run() throws {
        try reporting {
            let documentFormat = try parsedFormat()
            let language = try lang.map(Language.named)
            let outFile = try out.map { try OutputFile($0, ledger: ledgerOptions.ledger, force: force) }
            let ledger = try ledgerOptions.openExisting()
            guard let txn = try ledger.transaction(id: txnId) else {
                throw Failure("There is no transaction \(txnId) in \(ledgerOptions.ledger).")
            }
            let printables: [ReceiptContent.Printable]
            do {
                printables = try ReceiptContent.documents(for: txn, journal: try ledger.journal(txnId: txnId),
                                                          catalogue: try fixtureOptions.catalogue(), language: language,
                                                          reprint: true)
            } catch let fault as PrinterFault {
                throw Failure(fault.description.asSentence)
            }
            let data = render(printables.map(\.document), as: documentFormat, language: printables[0].language)
            if let outFile {
                try outFile.write(data)
                print("Reprinted \(txnId) to \(outFile.path).")
            } else if documentFormat != .text(width: width), isatty(STDOUT_FILENO) == 1 {
                throw Failure("A \(format) reprint is binary; give --out FILE or redirect standard output.")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    private func parsedFormat() throws -> DocumentFormat {
        switch format {
        case "text":
            guard TextRenderer.widths.contains(width) else {
                throw Failure("A text receipt is 32, 42 or 48 columns wide, not \(width).")
            }
            return .text(width: width)
        case "pdf": return .pdf
        case "escpos": return .escpos
        default: throw Failure("Unknown format \"\(format)\"; use text, pdf or escpos.")
        }
    }
}
