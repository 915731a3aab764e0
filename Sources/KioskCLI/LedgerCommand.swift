import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// The ledger for staff and auditors: check the hash chain, settle what a crash left open,
/// and export for accountants.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Verify, recover or export the ledger.",
        subcommands: [Verify.self, Recover.self, Export.self, Id.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the file, the journal's hash chain, the closed Z reports and every table derived from the journal; exit 1 naming the first disagreement.")
        @OptionGroup var ledgerOptions: LedgerOptions

        func run() throws {
            try reporting {
                let ledger = try ledgerOptions.openExisting()
                let report = try ledger.verify()
                if let problem = report.problem { throw Failure(problem) }
                if case .ok(let rows, let z) = report {
                    print("The ledger \(ledgerOptions.ledger) (id \(try ledger.id())) is intact: SQLite's integrity check passed, \(rows) journal rows and \(z) Z reports verified, and every table derived from the journal agrees with it.")
                }
            }
        }
    }

    struct Id: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the ledger's stable id, by which the head office knows it.",
            discussion: "The id is made when the ledger is created and never changes, wherever the file is moved.")
        @OptionGroup var ledgerOptions: LedgerOptions

        func run() throws {
            try reporting { print(try ledgerOptions.openExisting().id()) }
        }
    }

    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle every transaction left open by a crash (refund, or complete once the carrier confirms).",
            discussion: "A terminal that a running kiosk holds is skipped and named: its sale may still be going on.")
        @OptionGroup var ledgerOptions: LedgerOptions
        @OptionGroup var fixtureOptions: FixtureOptions
        @Option(help: "Only this terminal's transactions (default: every terminal no running kiosk holds).")
        var terminal: String?
        @Option(help: "Where refund slips and receipts are written (default var/receipts/<terminal>/).")
        var receipts: String?
        @OptionGroup var crashOptions: CrashOptions

        func run() throws {
            try reporting {
                let catalogue = try fixtureOptions.catalogue()
                if let terminal, catalogue.terminal(terminal) == nil {
                    throw Failure("Unknown terminal \"\(terminal)\"; the terminals are \(catalogue.terminals.map(\.id).joined(separator: ", ")).")
                }
                try ReceiptsFolder.check(receipts)
                let ledger = try ledgerOptions.openExisting()
                let machine = KioskAssembly(catalogue: catalogue, ledger: ledger,
                                            settings: .init(ledgerPath: ledgerOptions.ledger, receipts: receipts),
                                            clock: { Date() })
                crashOptions.arm(machine.runtime)
                let settled = try machine.recoverAll(terminalId: terminal)
                if settled.isEmpty { print("Nothing to recover: no transaction is open.") }
                settled.forEach { print($0) }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the ledger as CSV (RFC 4180), JSON, or an hledger journal.")
        @OptionGroup var ledgerOptions: LedgerOptions
        @Option(help: "csv, json or hledger.")
        var format: String = "csv"
        @Option(help: "Write to this file instead of standard output.")
        var out: String?
        @Flag(help: "Replace the --out file if it exists.")
        var force = false

        func run() throws {
            try reporting {
                guard let f = ExportFormat(rawValue: format) else {
                    throw Failure("Unknown format \"\(format)\"; use csv, json or hledger.")
                }
                let outFile = try out.map { try OutputFile($0, ledger: ledgerOptions.ledger, force: force) }
                let text = try ledgerOptions.openExisting().export(f)
                if let outFile {
                    try outFile.write(Data(text.utf8))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }
}
