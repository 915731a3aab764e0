import ArgumentParser
import Foundation
import Kiosk
import Ledger

/// Who does a staff action from the command line, and on which terminal of the ledger.
struct StaffOptions: ParsableArguments {
    @Option(help: "The member of staff doing this (a name from `kiosk staff list`); journaled with the action.")
    var staff: String?

    /// The named member, checked against the ledger; without `--staff`, the login name.
    func name(in ledger: Ledger) throws -> String {
        guard let staff else {
            return "command line (\(ProcessInfo.processInfo.environment["USER"] ?? "unknown user"))"
        }
        if let member = try ledger.staffMember(named: staff) { return member.name }
        let names = try ledger.staff().map(\.name)
        throw Failure(names.isEmpty
            ? "There is no member of staff called \(staff); add one with `kiosk staff add --name \(staff)`."
            : "There is no member of staff called \(staff); the staff are \(names.joined(separator: ", ")).")
    }
}

extension Ledger {
    /// The terminal named on the command line, when it has opened on this ledger. A name the
    /// fixtures do not know is a typing mistake, and said so, rather than a machine not yet used.
    func openedTerminal(_ terminal: String, catalogue: Catalogue?) throws -> String {
        let ids = try terminalIds()
        if !ids.contains(terminal), let catalogue, catalogue.terminal(terminal) == nil {
            throw Failure("Terminal \(terminal) is not in the fixtures; the terminals are \(catalogue.terminals.map(\.id).joined(separator: ", ")).")
        }
        guard ids.contains(terminal) else {
            throw Failure(ids.isEmpty
                ? "Terminal \(terminal) has never opened on this ledger, and no terminal has."
                : "Terminal \(terminal) has never opened on this ledger; its terminals are \(ids.joined(separator: ", ")).")
        }
        return terminal
    }
}
