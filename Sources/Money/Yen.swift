/// Money, in whole yen. Never a floating-point number.
public struct Yen: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
                   ExpressibleByIntegerLiteral, AdditiveArithmetic {
    public var amount: Int

    public init(_ amount: Int) { self.amount = amount }
    public init(integerLiteral value: Int) { self.amount = value }
    public init(from decoder: Decoder) throws { amount = try Int(from: decoder) }
    public func encode(to encoder: Encoder) throws { try amount.encode(to: encoder) }

    public static let zero = Yen(0)
    public static func + (a: Yen, b: Yen) -> Yen { Yen(a.amount + b.amount) }
    public static func - (a: Yen, b: Yen) -> Yen { Yen(a.amount - b.amount) }
    public static func * (a: Yen, n: Int) -> Yen { Yen(a.amount * n) }
    public static func < (a: Yen, b: Yen) -> Bool { a.amount < b.amount }

    /// `¥2,980`, `-¥500`.
    public var description: String { formatYen(amount) }

    /// Consumption tax included in a tax-inclusive price at 10%: floor(amount × 10 / 110).
    public var includedConsumptionTax: Yen { Yen(amount * 10 / 110) }
}

/// `¥2,980`: the yen sign and thousands separators, as every screen and document shows money.
public func formatYen(_ yen: Int) -> String {
    let digits = String(yen.magnitude)
    var grouped = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(ch)
    }
    return (yen < 0 ? "-¥" : "¥") + grouped
}
