import ArgumentParser

@main
struct KioskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "Conbini Kiosk: the self-service SIM top-up machine of a Japanese convenience store.",
        subcommands: [StoresCommand.self, CashCommand.self, ReportCommand.self, StaffCommand.self])
}
