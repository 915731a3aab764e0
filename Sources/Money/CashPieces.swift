/// A handful of cash: how many of each coin or bill, by denomination in yen. What a customer
/// put in, the change paid out, a cash unit's inventory, a staff member's count.
/// Counts that reach zero are dropped, so two handfuls with the same pieces are equal.
public struct CashPieces: Hashable, Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public private(set) var counts: [Int: Int]

    public init(_ counts: [Int: Int] = [:]) {
        self.counts = counts.filter { $0.value != 0 }
    }

    public init(dictionaryLiteral elements: (Int, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: +))
    }

    public static let none = CashPieces()

    /// How many pieces of this denomination (0 when there are none).
    public subscript(denomination: Int) -> Int {
        get { counts[denomination] ?? 0 }
        set { counts[denomination] = newValue == 0 ? nil : newValue }
    }

    /// What the pieces are worth together.
    public var total: Yen { Yen(counts.reduce(0) { $0 + $1.key * $1.value }) }
    public var isEmpty: Bool { counts.isEmpty }
    public var pieceCount: Int { counts.values.reduce(0, +) }

    /// Largest denomination first, as a tray, a slip or a staff message lists them.
    public var byDenomination: [(denomination: Int, count: Int)] {
        counts.sorted { $0.key > $1.key }.map { (denomination: $0.key, count: $0.value) }
    }

    public func makeIterator() -> IndexingIterator<[(denomination: Int, count: Int)]> {
        byDenomination.makeIterator()
    }

    public mutating func add(_ other: CashPieces, sign: Int = 1) {
        for (d, n) in other.counts { self[d] += sign * n }
    }

    public func adding(_ other: CashPieces, sign: Int = 1) -> CashPieces {
        var out = self
        out.add(other, sign: sign)
        return out
    }

    public func filter(_ keep: (_ denomination: Int, _ count: Int) -> Bool) -> CashPieces {
        CashPieces(counts.filter { keep($0.key, $0.value) })
    }

    /// `¥1,000×4 ¥10×2`.
    public var description: String {
        byDenomination.map { "\(Yen($0.denomination))×\($0.count)" }.joined(separator: " ")
    }
}

/// Stored as an object of denomination → count, e.g. `{"1000":2,"500":1}`.
extension CashPieces: Codable {
    struct Denomination: CodingKey {
        let stringValue: String
        let intValue: Int?
        init?(stringValue: String) {
            guard let d = Int(stringValue) else { return nil }
            self.stringValue = stringValue
            self.intValue = d
        }
        init?(intValue: Int) { self.init(stringValue: String(intValue)) }
    }

    public init(from decoder: Decoder) throws {
        var counts: [Int: Int] = [:]
        for (key, count) in try decoder.singleValueContainer().decode([String: Int].self) {
            guard let d = Int(key) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "\"\(key)\" is not a denomination in yen"))
            }
            counts[d] = count
        }
        self.init(counts)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Denomination.self)
        for (d, n) in counts { try container.encode(n, forKey: Denomination(intValue: d)!) }
    }
}
