import ArgumentParser
import Foundation
import Ledger

/// Staff accounts: the PINs that open staff mode on the kiosks of the ledger.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "Add a member of staff (the PIN is read from standard input) or list the staff.")

    enum Action: String, ExpressibleByArgument, CaseIterable {
        case add, list
    }

    @Argument(help: "add or list.")
    var action: Action

    @Option(help: "The member's name, as journaled with everything they do.")
    var name: String?

    @OptionGroup var ledgerOptions: LedgerOptions

    func run() throws {
        try reporting {
            switch action {
            case .list:
                let ledger = try ledgerOptions.openExisting()
                let staff = try ledger.staff()
                if staff.isEmpty { print("No staff yet; add one with `kiosk staff add --name NAME`.") }
                staff.forEach { print($0.name) }
            case .add:
                guard let name else { throw Failure("Name the member of staff with --name NAME.") }
                // The PIN comes on standard input so that it never shows in the shell's history.
                guard let line = readLine(strippingNewline: true) else {
                    throw Failure("Type the PIN (4 to 8 digits) on standard input, e.g. `echo 2468 | kiosk staff add --name \(name)`.")
                }
                let ledger = try ledgerOptions.open()
                let member = try ledger.addStaff(name: name, pin: line.trimmingCharacters(in: .whitespaces))
                print("Added \(member.name) to the staff; their PIN opens staff mode on every kiosk of this ledger.")
            }
        }
    }
}
