/// An id that is a checked string (a ledger's UUID, a store's name): stored and sent as the
/// string itself, and refused with what it should look like when it is not one.
public protocol TextIdentifier: RawRepresentable, Codable, CustomStringConvertible where RawValue == String {
    /// What a valid id looks like, for the sentence that refuses another.
    static var form: String { get }
}

extension TextIdentifier {
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\"\(text)\" is not \(Self.form)"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
