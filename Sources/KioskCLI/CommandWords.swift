import ArgumentParser
import Foundation

/// The words before the first option name a command (`kiosk ledger verify`, `kiosk help
/// cash`). One that names none is said plainly here: otherwise the parser would read it as
/// an argument of the default command, or print the main help as if it had been asked for.
enum CommandWords {
    /// The sentence for the first word that is no command, or nil when every word is one.
    static func unknown(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var words = arguments.prefix { !$0.hasPrefix("-") }[...]
        if words.first == "help" { words = words.dropFirst() }
        var command = root
        var path = [root._commandName]
        for word in words {
            let subcommands = command.configuration.subcommands
            // A command without subcommands reads its own arguments (`cash status`, `receipt ID`).
            guard !subcommands.isEmpty else { return nil }
            guard let next = subcommands.first(where: { $0._commandName == word }) else {
                let names = subcommands.map { $0._commandName }.joined(separator: ", ")
                return "\"\(word)\" is not a command of \(path.joined(separator: " ")); the commands are \(names) (see `\(path.joined(separator: " ")) --help`)."
            }
            command = next
            path.append(word)
        }
        return nil
    }
}
