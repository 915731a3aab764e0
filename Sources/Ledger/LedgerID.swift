import Foundation
import GRDB

/// A ledger's stable id: a lowercase UUID made when the file gets its tables. The head office
/// knows each ledger by it, whatever its path.
public struct LedgerID: TextIdentifier, Hashable, Sendable {
    public let rawValue: String

    /// Nil unless `rawValue` is a UUID written in lowercase (`8-4-4-4-12` hex digits).
    public init?(rawValue: String) {
        guard rawValue.utf8.count == 36, let uuid = UUID(uuidString: rawValue),
              uuid.uuidString.lowercased() == rawValue else { return nil }
        self.rawValue = rawValue
    }


    public static let form = "a ledger id (a lowercase UUID)"
}

extension Ledger {
    /// The ledger's stable id (see `LedgerID`).
    ///
    /// ```swift
    /// let ledger = try Ledger(path: "var/ledger.sqlite")
    /// print(try ledger.id())   // 3f2b9c4e-…, the same every time the file opens
    /// ```
    public func id() throws -> LedgerID {
        try read { db in
            let text = try String.fetchOne(db, sql: "SELECT id FROM ledger_identity WHERE one = 1")
            guard let text, let id = LedgerID(rawValue: text) else {
                throw LedgerError.database(path: path, reason: "its id is missing or not a UUID")
            }
            return id
        }
    }
}
