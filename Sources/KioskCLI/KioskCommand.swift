import ArgumentParser
import Foundation

@main
struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Conbini Kiosk: the self-service SIM top-up machine of a Japanese convenience store.",
        subcommands: [RunCommand.self, StoresCommand.self, ReceiptCommand.self, ReportCommand.self, CashCommand.self, PaperCommand.self,
                      StaffCommand.self, LedgerCommand.self, SimulateCommand.self, PlanCommand.self, RegisterCommand.self,
                      HQCommand.self],
        defaultSubcommand: RunCommand.self)

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let sentence = CommandWords.unknown(in: arguments, root: self) {
            FileHandle.standardError.write(Data((sentence + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(arguments)
    }
}
