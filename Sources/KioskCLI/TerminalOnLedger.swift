import Foundation
import Kiosk
import Ledger

extension Ledger {
    /// The terminal named on the command line, open on this ledger. One that has never opened
    /// opens now from the fixtures, as at a kiosk's first start (its opening float recorded
    /// once), so that staff can count, fill and report on a machine before its first customer.
    func openTerminal(_ id: String, fixtures: FixtureOptions) throws -> String {
        guard let opening = try terminalOpening(id, fixtures: fixtures) else { return id }
        try ensureTerminal(storeId: opening.storeId, terminalId: opening.terminalId, openingFloat: opening.openingFloat, at: Date())
        return opening.terminalId
    }

    /// The opening a terminal named on the command line still needs, nil when it has opened;
    /// nothing is written.
    func terminalOpening(_ id: String, fixtures: FixtureOptions) throws -> TerminalOpening? {
        if try terminalIds().contains(id) { return nil }
        let catalogue = try fixtures.catalogue()
        guard let terminal = catalogue.device(id) else {
            // A name the fixtures do not know is a typing mistake, not a machine not yet used.
            throw Failure("Terminal \(id) is not in the fixtures; the terminals are \(catalogue.terminals.map(\.id).joined(separator: ", ")).")
        }
        return TerminalOpening(storeId: terminal.storeId, terminalId: terminal.id, openingFloat: terminal.openingFloat)
    }
}
