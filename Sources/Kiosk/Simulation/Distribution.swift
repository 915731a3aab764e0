import Foundation

/// How long something takes (or how much of it there is), drawn afresh each time: the
/// shapes `behaviour.csv` and `--service` name.
public enum Distribution: Equatable, Sendable, CustomStringConvertible {
    case constant(Double)
    case exponential(mean: Double)
    case uniform(min: Double, max: Double)
    /// Skewed like human times: most are near the median, a few take much longer.
    case lognormal(mean: Double, sd: Double)

    public static let forms = "constant:V, exponential:MEAN, uniform:MIN:MAX or lognormal:MEAN:SD"

    /// Every number of a distribution is at most a day (of seconds, or of people), so that no
    /// draw carries the clock past what a date can hold; draws are kept within it too.
    public static let largest = 86_400.0
    public static let numbers = "numbers from 0 to 86400 (a day)"

    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m): return m
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .lognormal(let m, _): return m
        }
    }

    public func draw(using random: inout SeededRandom) -> Double {
        min(unbounded(using: &random), Distribution.largest)
    }

    private func unbounded(using random: inout SeededRandom) -> Double {
        switch self {
        case .constant(let v): return v
        case .exponential(let m):
            // 1 - U is in (0, 1], so the logarithm is finite.
            return -m * log(1 - Double.random(in: 0..<1, using: &random))
        case .uniform(let lo, let hi): return lo == hi ? lo : Double.random(in: lo..<hi, using: &random)
        case .lognormal(let m, let sd):
            guard sd > 0 else { return m }
            let sigma2 = log(1 + (sd * sd) / (m * m))
            let mu = log(m) - sigma2 / 2
            return exp(mu + sqrt(sigma2) * Distribution.standardNormal(&random))
        }
    }

    /// Box–Muller; one of the pair is enough.
    private static func standardNormal(_ random: inout SeededRandom) -> Double {
        let u1 = 1 - Double.random(in: 0..<1, using: &random)
        let u2 = Double.random(in: 0..<1, using: &random)
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }

    /// `exponential:90`, `constant:5`, `uniform:2:8`, `lognormal:60:30`.
    public init(spec: String) throws {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.dropFirst().map { Double($0) }
        guard let name = parts.first, !numbers.contains(nil) else { throw DistributionError(spec: spec) }
        try self.init(name: name, parameters: numbers.map { $0! }, spec: spec)
    }

    /// The same shapes from their name and numbers, as a fixture row gives them.
    public init(name: String, parameters p: [Double], spec: String) throws {
        guard p.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= Distribution.largest }) else { throw DistributionError(spec: spec) }
        switch (name, p.count) {
        case ("constant", 1): self = .constant(p[0])
        case ("exponential", 1) where p[0] > 0: self = .exponential(mean: p[0])
        case ("uniform", 2) where p[0] <= p[1]: self = .uniform(min: p[0], max: p[1])
        case ("lognormal", 2) where p[0] > 0: self = .lognormal(mean: p[0], sd: p[1])
        default: throw DistributionError(spec: spec)
        }
    }

    public var description: String {
        switch self {
        case .constant(let v): return "constant:\(v.asTyped)"
        case .exponential(let m): return "exponential:\(m.asTyped)"
        case .uniform(let lo, let hi): return "uniform:\(lo.asTyped):\(hi.asTyped)"
        case .lognormal(let m, let sd): return "lognormal:\(m.asTyped):\(sd.asTyped)"
        }
    }
}

public struct DistributionError: Error, CustomStringConvertible {
    public let spec: String
    public var description: String {
        "\"\(spec)\" is not a distribution; write \(Distribution.forms), with \(Distribution.numbers)"
    }
}
