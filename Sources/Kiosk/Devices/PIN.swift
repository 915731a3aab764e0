#if canImport(Glibc)
import Glibc
#endif

/// A card PIN as the keypad collects it. Its digits live in memory of its own that is wiped
/// when the last copy of the PIN goes away; it prints as dots, and nothing journals, logs,
/// draws or prints its digits.
public struct PIN: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public static let maxDigits = 6
    public static let minDigits = 4

    private let storage: Storage

    public init() { storage = Storage(digits: []) }

    private init(_ digits: [UInt8]) { storage = Storage(digits: digits) }

    public var count: Int { storage.count }
    public var isComplete: Bool { count >= PIN.minDigits }

    /// The PIN with one more digit (ignored past six digits).
    public func adding(_ digit: Int) -> PIN {
        guard (0...9).contains(digit), count < PIN.maxDigits else { return self }
        return PIN(storage.digits + [UInt8(digit)])
    }

    public func droppingLast() -> PIN { count == 0 ? self : PIN(Array(storage.digits.dropLast())) }

    /// For the simulated issuer only: whether these are the expected digits.
    public func matches(_ expected: String) -> Bool {
        let digits = storage.digits
        return digits.count == expected.count && zip(digits, expected).allSatisfy { Character(String($0)) == $1 }
    }

    public var description: String { String(repeating: "•", count: count) }
    public var debugDescription: String { description }

    public static func == (a: PIN, b: PIN) -> Bool { a.storage.digits == b.storage.digits }

    /// Fixed memory, zeroed on release: an array would leave copies behind as it grows.
    private final class Storage: @unchecked Sendable {
        let pointer: UnsafeMutablePointer<UInt8>
        let count: Int

        init(digits: [UInt8]) {
            pointer = .allocate(capacity: PIN.maxDigits)
            pointer.initialize(repeating: 0, count: PIN.maxDigits)
            count = min(digits.count, PIN.maxDigits)
            for (i, d) in digits.prefix(count).enumerated() { pointer[i] = d }
        }

        var digits: [UInt8] { (0..<count).map { pointer[$0] } }

        deinit {
            memset(pointer, 0, PIN.maxDigits)
            pointer.deallocate()
        }
    }
}
