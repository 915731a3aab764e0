import Foundation

/// Codable straight to and from `JSONValue`, with keys in snake_case (`authCode` is stored as
/// `auth_code`): how a step becomes its stored payload without a detour through JSON text.
/// It handles what the journal's steps hold: objects, strings, whole numbers, booleans and
/// absent optionals.
enum JSONValueCoding {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = ValueEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.box.resolved ?? .object([:])
    }

    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: []))
    }

    /// `cashIn` → `cash_in`; `_0` and `1000` stay as they are.
    static func snake(_ key: String) -> String {
        // Most keys are one lower-case word, and stay as they are.
        if !key.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }) { return key }
        // Every key the ledger declares is ASCII: byte by byte, no Character or case tables.
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.utf8.count + 4)
            for byte in key.utf8 {
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") {
                    if !bytes.isEmpty { bytes.append(UInt8(ascii: "_")) }
                    bytes.append(byte + 32)
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        for ch in key {
            if ch.isUppercase {
                if !out.isEmpty { out.append("_") }
                out.append(contentsOf: ch.lowercased())
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// `cash_in` → `cashIn`; a leading underscore stays.
    static func camel(_ key: String) -> String {
        // Most keys are one word, and stay as they are.
        if !key.utf8.contains(UInt8(ascii: "_")) { return key }
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(key.utf8.count)
            var upper = false
            for (i, byte) in key.utf8.enumerated() {
                if byte == UInt8(ascii: "_") && i > 0 { upper = true; continue }
                bytes.append(upper && byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte)
                upper = false
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = ""
        var upper = false
        for (i, ch) in key.enumerated() {
            if ch == "_" && i > 0 { upper = true; continue }
            out.append(upper ? Character(ch.uppercased()) : ch)
            upper = false
        }
        return out
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}

/// Where an encoder's value goes once it is known. An object is filled in field by field in
/// place, its nested objects kept open beside it, and put together once, at the end.
private final class Box {
    var value: JSONValue?
    var fields: [String: JSONValue]?
    var nested: [(key: String, box: Box)] = []

    var resolved: JSONValue? {
        guard var fields else { return value }
        for (key, box) in nested { fields[key] = box.resolved ?? .object([:]) }
        return .object(fields)
    }
}

private final class ValueEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let box = Box()

    init(codingPath: [CodingKey]) { self.codingPath = codingPath }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if box.fields == nil { box.fields = [:] }
        return KeyedEncodingContainer(KeyedEncoder<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        UnkeyedEncoder(codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleEncoder(box: box, codingPath: codingPath) }
}

private struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    let codingPath: [CodingKey]

    private func set(_ value: JSONValue, _ key: Key) {
        box.fields?[JSONValueCoding.snake(key.stringValue)] = value
    }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.int(value ? 1 : 0), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.int(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let inner = ValueEncoder(codingPath: codingPath + [key])
        try value.encode(to: inner)
        set(inner.box.resolved ?? .object([:]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let inner = Box()
        inner.fields = [:]
        box.nested.append((JSONValueCoding.snake(key.stringValue), inner))
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: inner, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { UnkeyedEncoder(codingPath: codingPath + [key]) }
    mutating func superEncoder() -> Encoder { ValueEncoder(codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder { ValueEncoder(codingPath: codingPath + [key]) }
}

private struct SingleEncoder: SingleValueEncodingContainer {
    let box: Box
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { box.value = .null }
    mutating func encode(_ value: Bool) throws { box.value = .int(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { box.value = .string(value) }
    mutating func encode(_ value: Int) throws { box.value = .int(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let inner = ValueEncoder(codingPath: codingPath)
        try value.encode(to: inner)
        box.value = inner.box.resolved
    }
}

/// The journal's steps hold no lists; asking for one is a fault in the step's declaration.
private struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let codingPath: [CodingKey]
    var count: Int { 0 }
    private func refuse() throws -> Never { throw JSONValueCoding.Failure(description: "a journal step holds no lists") }
    mutating func encodeNil() throws { try refuse() }
    mutating func encode<T: Encodable>(_ value: T) throws { try refuse() }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedEncoder<NestedKey>(box: Box(), codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { self }
    mutating func superEncoder() -> Encoder { ValueEncoder(codingPath: codingPath) }
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = value else {
            throw DecodingError.typeMismatch([String: Any].self, .init(codingPath: codingPath, debugDescription: "not an object"))
        }
        return KeyedDecodingContainer(KeyedDecoder<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a journal step holds no lists"))
    }

    func singleValueContainer() throws -> SingleValueDecodingContainer { SingleDecoder(value: value, codingPath: codingPath) }
}

private struct KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [String: JSONValue]
    let codingPath: [CodingKey]

    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: JSONValueCoding.camel($0)) ?? Key(stringValue: $0) } }

    private func field(_ key: Key) throws -> JSONValue {
        guard let value = fields[JSONValueCoding.snake(key.stringValue)] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no \(key.stringValue)"))
        }
        return value
    }

    func contains(_ key: Key) -> Bool { fields[JSONValueCoding.snake(key.stringValue)] != nil }

    func decodeNil(forKey key: Key) throws -> Bool { present(key) == nil }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: ValueDecoder(value: try field(key), codingPath: codingPath + [key]))
    }

    // The journal's fields are text and whole numbers: read straight from the field, not
    // through a decoder of their own.
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try text(try field(key), key) }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try number(try field(key), key) }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        guard case .int(let n) = try field(key), n == 0 || n == 1 else { throw mismatch(type, key) }
        return n == 1
    }

    // An absent or null field is none: one look-up, where the protocol's own asks three times.
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try text($0, key) } }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try number($0, key) } }

    private func present(_ key: Key) -> JSONValue? {
        guard let value = fields[JSONValueCoding.snake(key.stringValue)], value != .null else { return nil }
        return value
    }

    private func text(_ value: JSONValue, _ key: Key) throws -> String {
        guard case .string(let s) = value else { throw mismatch(String.self, key) }
        return s
    }

    private func number(_ value: JSONValue, _ key: Key) throws -> Int {
        guard case .int(let n) = value else { throw mismatch(Int.self, key) }
        return n
    }

    private func mismatch<T>(_ type: T.Type, _ key: Key) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath + [key], debugDescription: "not a \(type)"))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: try field(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
        try ValueDecoder(value: try field(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> Decoder { ValueDecoder(value: .object(fields), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> Decoder { ValueDecoder(value: try field(key), codingPath: codingPath + [key]) }
}

private struct SingleDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [CodingKey]

    private func mismatch<T>(_ type: T.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "not a \(type)"))
    }

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .int(let n) = value, n == 0 || n == 1 else { throw mismatch(type) }
        return n == 1
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let s) = value else { throw mismatch(type) }
        return s
    }

    func decode(_ type: Int.Type) throws -> Int {
        guard case .int(let n) = value else { throw mismatch(type) }
        return n
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: ValueDecoder(value: value, codingPath: codingPath))
    }
}
