/// Faults injected into the simulated devices, each a probability per operation:
/// `--faults host-timeout=0.1,host-error=0.05,card-timeout=0.02,jam=0.01,paper-out=0.01`.
public struct Faults: Equatable, Sendable {
    public var hostTimeout = 0.0
    public var hostError = 0.0
    public var cardTimeout = 0.0
    public var jam = 0.0
    public var paperOut = 0.0
    public var walletTimeout = 0.0
    public var walletPending = 0.0

    public static let none = Faults()
    public static let names = ["host-timeout", "host-error", "card-timeout", "jam", "paper-out", "wallet-timeout", "wallet-pending"]

    public init() {}

    public init(spec: String) throws {
        guard !spec.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var given = Set<String>()
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            guard !part.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw FaultSpecError("\"\(spec)\" has an empty item; separate NAME=PROBABILITY items by single commas")
            }
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2 else { throw FaultSpecError("\"\(part)\" is not NAME=PROBABILITY (for example host-timeout=0.1)") }
            guard let p = Double(kv[1]), (0...1).contains(p) else {
                throw FaultSpecError("the probability of \(kv[0]) is \"\(kv[1])\", not a number from 0 to 1")
            }
            guard given.insert(kv[0]).inserted || !Faults.names.contains(kv[0]) else {
                throw FaultSpecError("\(kv[0]) is given twice; give each fault once")
            }
            switch kv[0] {
            case "host-timeout": hostTimeout = p
            case "host-error": hostError = p
            case "card-timeout": cardTimeout = p
            case "jam": jam = p
            case "paper-out": paperOut = p
            case "wallet-timeout": walletTimeout = p
            case "wallet-pending": walletPending = p
            default: throw FaultSpecError("\"\(kv[0])\" is not a fault; the faults are \(Faults.names.joined(separator: ", "))")
            }
        }
    }
}

public struct FaultSpecError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = "Bad --faults: " + d + "." }
}

/// A small deterministic random source (SplitMix64): the same seed gives the same day.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability p.
    public mutating func chance(_ p: Double) -> Bool {
        p > 0 && Double.random(in: 0..<1, using: &self) < p
    }
}
