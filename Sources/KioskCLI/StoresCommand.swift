import ArgumentParser
import Foundation
import Kiosk
import Receipt

/// Step 1 from the command line: which stores have a machine, where it stands, and whether
/// it is in service.
struct StoresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stores",
        abstract: "List the stores, their top-up machines, where each stands and whether it is in service.")

    @OptionGroup var fixtureOptions: FixtureOptions
    @OptionGroup var ledgerOptions: LedgerOptions

    @Option(help: "Only this chain (its id or its name, e.g. familymart or \"7-Eleven\").")
    var chain: String?

    @Option(help: "Only stores whose area, name or address contains this text (e.g. Tokyo, 渋谷).")
    var area: String?

    @Option(help: "Show one store in full, with the floor plan of each machine.")
    var store: String?

    @Option(help: "Language of names and places: en, ja, zh-Hans or zh-Hant.")
    var lang: String = "en"

    func run() throws {
        try reporting {
            let catalogue = try fixtureOptions.catalogue()
            let language = try Language.named(lang)
            var stores = catalogue.stores
            if let chain {
                let wanted = catalogue.chains.first { c in
                    c.id == chain.lowercased() || Language.allCases.contains { c.name[$0].lowercased() == chain.lowercased() }
                }
                guard let wanted else {
                    throw Failure("Unknown chain \"\(chain)\"; the chains are \(catalogue.chains.map(\.id).joined(separator: ", ")).")
                }
                stores = stores.filter { $0.chainId == wanted.id }
            }
            if let area {
                let needle = area.lowercased()
                stores = stores.filter { s in
                    s.area.lowercased().contains(needle) || Language.allCases.contains {
                        s.name[$0].lowercased().contains(needle) || s.address[$0].lowercased().contains(needle)
                    }
                }
            }
            if let store {
                guard let one = catalogue.store(store) else {
                    throw Failure("Unknown store \"\(store)\"; the stores are \(catalogue.stores.map(\.id).joined(separator: ", ")).")
                }
                stores = [one]
            }
            if stores.isEmpty { print("No store matches.") }
            let printer = try self.printer(catalogue)
            for s in stores {
                print(try describe(s, catalogue: catalogue, printer: printer, language: language, plans: store != nil))
            }
        }
    }

    /// The printers as the ledger knows them; without a ledger yet, as the fixtures set them up.
    private func printer(_ catalogue: Catalogue) throws -> FilePrinter {
        let ledger = FileManager.default.fileExists(atPath: ledgerOptions.ledger) ? try ledgerOptions.open() : nil
        return FilePrinter(catalogue: catalogue, ledger: ledger, folder: nil)
    }

    private func describe(_ s: Store, catalogue: Catalogue, printer: FilePrinter, language: Language, plans: Bool) throws -> String {
        var lines = ["\(s.name[language])  [\(s.id)]", "  \(s.address[language])"]
        for t in catalogue.terminals(of: s.id) {
            var ways = PaymentMethod.allCases.filter { t.payments.contains($0) }.map(\.rawValue)
            if t.paysAtRegister { ways.append("a slip paid at the register") }
            let pays = t.payments.isEmpty && t.paysAtRegister ? "no money, only a slip paid at the register"
                : ways.count < 2 ? ways.first ?? "nothing" : ways.dropLast().joined(separator: ", ") + " or " + ways[ways.count - 1]
            let status = t.inService ? "in service" : "OUT OF SERVICE"
            lines.append("  \(t.id): \(t.location[language])")
            let sheets = try printer.paperSheets(terminalId: t.id)
            lines.append("    \(status); takes \(pays); paper \(sheets > 0 ? "\(sheets) sheets" : "out")")
            if plans { lines += t.floorPlan.map { "    " + $0 } }
        }
        return lines.joined(separator: "\n")
    }
}
