import ArgumentParser
import Foundation
import Ledger

/// Who does a staff action from the command line.
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
