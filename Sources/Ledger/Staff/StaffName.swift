import Foundation

/// A member of staff's name as the ledger keeps it. Names are printed on terminals, reports
/// and the journal, so a name holds no control or formatting characters (an ESC would drive
/// the terminal that shows it). Full-width letters and digits are stored as their ordinary
/// forms (NFKC), and two names that differ only in case are one person.
enum StaffName {
    static let maxLength = 40

    /// The name to store, or the sentence that says why it cannot be one.
    static func normalised(_ raw: String) throws -> String {
        let name = raw.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= maxLength else {
            throw LedgerError.invalidEntry("A staff name is 1 to \(maxLength) characters.")
        }
        let hidden: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator,
                                                   .privateUse, .surrogate, .unassigned]
        guard !name.unicodeScalars.contains(where: { hidden.contains($0.properties.generalCategory) }) else {
            throw LedgerError.invalidEntry("A staff name holds letters, digits, spaces and punctuation only, no control characters.")
        }
        return name
    }

    /// What two names of one person share.
    static func key(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
