import ArgumentParser
import Foundation
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
        let names = try ledger.staff().map(\.name)
        if let member = try ledger.staffMember(named: staff) { return member.name }
        throw Failure(names.isEmpty
            ? "There is no member of staff called \(staff); add one with `kiosk staff add --name \(staff)`."
            : "There is no member of staff called \(staff); the staff are \(names.joined(separator: ", ")).")
    }
}

extension Ledger {
    /// The terminal named on the command line, when it has opened on this ledger.
    func openedTerminal(_ terminal: String) throws -> String {
        let ids = try terminalIds()
        guard ids.contains(terminal) else {
            throw Failure(ids.isEmpty
                ? "Terminal \(terminal) has never opened on this ledger, and no terminal has."
                : "Terminal \(terminal) has never opened on this ledger; its terminals are \(ids.joined(separator: ", ")).")
        }
        return terminal
    }
}
