import Foundation
import Ledger

/// A store's id as the fixtures and every ledger row name it (`fm-shibuya-center`): lowercase
/// letters, digits and hyphens, 1 to 64 of them. Every head-office key starts with it.
public struct StoreID: TextIdentifier, Hashable, Sendable, Comparable {
    public let rawValue: String

    public init?(rawValue: String) {
        guard (1...64).contains(rawValue.utf8.count),
              rawValue.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) else { return nil }
        self.rawValue = rawValue
    }

    public static func < (a: StoreID, b: StoreID) -> Bool { a.rawValue < b.rawValue }

    public static let form = "a store id (lowercase letters, digits and hyphens)"
}
