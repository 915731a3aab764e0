import Foundation

/// The small JSON the journal stores. Its canonical text (sorted keys, no whitespace,
/// minimal escaping, raw UTF-8) is what the hash chain covers, so an auditor can rebuild it
/// with e.g. Python's `json.dumps(v, separators=(",", ":"), sort_keys=True, ensure_ascii=False)`.
enum JSONValue: Equatable {
    case null
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    var canonicalText: String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    // Every journal row is written once and hashed: into bytes, with no String appends.
    private func write(to out: inout [UInt8]) {
        switch self {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .int(let n):
            JSONValue.writeInt(n, to: &out)
        case .string(let s):
            JSONValue.writeString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            // Keys sort by Unicode scalar order, as Python's sort_keys does; UTF-8's byte order is that order.
            for (i, field) in fields.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(field.key, to: &out)
                out.append(UInt8(ascii: ":"))
                field.value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeInt(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var rest = n.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        out[start...].reverse()
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        // Only ASCII needs escaping; the bytes between go over in runs, as they are.
        s.withUTF8 { bytes in
            var run = 0
            for (i, b) in bytes.enumerated() where b == 0x22 || b == 0x5C || b < 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                writeEscape(b, to: &out)
                run = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ b: UInt8, to out: inout [UInt8]) {
        switch b {
        case 0x22: out.append(contentsOf: "\\\"".utf8)
        case 0x5C: out.append(contentsOf: "\\\\".utf8)
        case 0x0A: out.append(contentsOf: "\\n".utf8)
        case 0x0D: out.append(contentsOf: "\\r".utf8)
        case 0x09: out.append(contentsOf: "\\t".utf8)
        case 0x08: out.append(contentsOf: "\\b".utf8)
        case 0x0C: out.append(contentsOf: "\\f".utf8)
        default:
            let hex = String(b, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
    }

    /// Reads stored JSON back; nil when it is not JSON of the kinds above (whole numbers only).
    static func parse(_ text: String) -> JSONValue? {
        parse(bytes: Array(text.utf8))
    }

    /// The same from bytes that may not be UTF-8 (a request body): nil unless they are.
    static func parse(bytes: [UInt8]) -> JSONValue? {
        var reader = Reader(bytes: bytes)
        guard let value = reader.value() else { return nil }
        reader.skipSpace()
        return reader.atEnd ? value : nil
    }

    /// A small reader of the JSON the journal stores, byte by byte.
    struct Reader {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i == bytes.count }

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x20, 0x0A, 0x0D, 0x09: i += 1
                default: return
                }
            }
        }

        /// After any space: whether the next byte is `byte` (not taken).
        mutating func peek(_ byte: UInt8) -> Bool {
            skipSpace()
            return i < bytes.count && bytes[i] == byte
        }

        /// At a `{`: hands each key to `visit`, which takes its value; false when the object
        /// is not well formed or `visit` says so.
        mutating func fields(_ visit: (String, inout Reader) -> Bool) -> Bool {
            guard peek(UInt8(ascii: "{")) else { return false }
            i += 1
            if peek(UInt8(ascii: "}")) { i += 1; return true }
            while true {
                guard peek(UInt8(ascii: "\"")), let key = string(), peek(UInt8(ascii: ":")) else { return false }
                i += 1
                skipSpace()
                guard visit(key, &self) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                return false
            }
        }

        /// At a `[`: hands each item to `visit`, which takes it; false as `fields` is.
        mutating func items(_ visit: (inout Reader) -> Bool) -> Bool {
            guard peek(UInt8(ascii: "[")) else { return false }
            i += 1
            if peek(UInt8(ascii: "]")) { i += 1; return true }
            while true {
                skipSpace()
                guard visit(&self) else { return false }
                skipSpace()
                guard i < bytes.count else { return false }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                return false
            }
        }

        mutating func value() -> JSONValue? {
            skipSpace()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"): return object()
            case UInt8(ascii: "["): return array()
            case UInt8(ascii: "\""): return string().map(JSONValue.string)
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return nil
            }
        }

        mutating func literal(_ word: String) -> Bool {
            let count = word.utf8.count
            guard i + count <= bytes.count, bytes[i..<i + count].elementsEqual(word.utf8) else { return false }
            i += count
            return true
        }

        private mutating func number() -> JSONValue? {
            let negative = bytes[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            let start = i
            var n = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
                let (times, o1) = n.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int(bytes[i] - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                n = plus
                i += 1
            }
            guard i > start else { return nil }
            // A fraction or an exponent is not a number the journal writes.
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") { return nil }
            return .int(negative ? -n : n)
        }

        private mutating func object() -> JSONValue? {
            var fields: [String: JSONValue] = [:]
            let read = self.fields { key, reader in
                guard let v = reader.value() else { return false }
                fields[key] = v
                return true
            }
            return read ? .object(fields) : nil
        }

        private mutating func array() -> JSONValue? {
            var items: [JSONValue] = []
            let read = self.items { reader in
                guard let v = reader.value() else { return false }
                items.append(v)
                return true
            }
            return read ? .array(items) : nil
        }

        /// At a `"`: the string it opens.
        mutating func string() -> String? {
            // Read over the bytes' own storage: a body's strings are most of its bytes.
            var at = i + 1
            let text = bytes.withUnsafeBufferPointer { Self.string($0, from: &at) }
            i = at
            return text
        }

        /// The string whose text starts at `at`, up to its closing quote (`at` is left after it).
        private static func string(_ bytes: UnsafeBufferPointer<UInt8>, from at: inout Int) -> String? {
            // Whether any byte is not ASCII.
            var high: UInt8 = 0
            var start = at
            skipPlain(bytes, &at, &high)
            // A string without escapes is taken as it is.
            if at < bytes.count, bytes[at] == UInt8(ascii: "\"") {
                at += 1
                return text(UnsafeBufferPointer(rebasing: bytes[start..<at - 1]), ascii: high < 0x80)
            }
            var out: [UInt8] = []
            while at < bytes.count {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
                let b = bytes[at]
                at += 1
                switch b {
                case UInt8(ascii: "\""):
                    return out.withUnsafeBufferPointer { text($0, ascii: high < 0x80) }
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { return nil }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard var scalar = hex4(bytes, &at) else { return nil }
                        if (0xD800...0xDBFF).contains(scalar) {
                            guard at + 2 <= bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
                            at += 2
                            guard let low = hex4(bytes, &at), (0xDC00...0xDFFF).contains(low) else { return nil }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let u = Unicode.Scalar(scalar) else { return nil }
                        out.append(contentsOf: String(Character(u)).utf8)
                        if scalar >= 0x80 { high = 0x80 }
                    default:
                        return nil
                    }
                default:
                    // A control byte is not allowed in a string as it stands.
                    return nil
                }
                start = at
                skipPlain(bytes, &at, &high)
            }
            return nil
        }

        /// Past the bytes up to the next quote, backslash or control byte, or-ing them into `high`.
        private static func skipPlain(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int, _ high: inout UInt8) {
            while at < bytes.count {
                let b = bytes[at]
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { return }
                high |= b
                at += 1
            }
        }

        /// Valid UTF-8 as text, else nil; a leading byte-order mark is dropped, as Foundation's
        /// `String(bytes:encoding:)` drops it. Nearly all of the journal's text is ASCII, which
        /// is UTF-8 as it stands: only other text takes the validating (and far slower) initialiser.
        private static func text(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool) -> String? {
            if ascii { return String(decoding: utf8, as: UTF8.self) }
            return String(validating: utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: utf8.dropFirst(3)) : utf8,
                          as: UTF8.self)
        }

        private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, _ at: inout Int) -> UInt32? {
            // Four hex digits, no more: `UInt32(_:radix:)` alone would take a sign as well.
            guard at + 4 <= bytes.count else { return nil }
            let digits = String(decoding: bytes[at..<at + 4], as: UTF8.self)
            guard digits.allSatisfy(\.isHexDigit), let n = UInt32(digits, radix: 16) else { return nil }
            at += 4
            return n
        }
    }
}
