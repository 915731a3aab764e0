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
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null:
            out += "null"
        case .int(let n):
            out += String(n)
        case .string(let s):
            JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            // Keys sort by Unicode scalar order, as Python's sort_keys does for these keys.
            for (i, key) in fields.keys.sorted(by: { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }).enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Reads stored JSON back; nil when it is not JSON of the kinds above.
    static func parse(_ text: String) -> JSONValue? {
        guard let data = text.data(using: .utf8),
              let any = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return nil }
        return from(any)
    }

    private static func from(_ any: Any) -> JSONValue? {
        switch any {
        case is NSNull:
            return .null
        case let s as String:
            return .string(s)
        case let dict as [String: Any]:
            var fields: [String: JSONValue] = [:]
            for (key, value) in dict {
                guard let v = from(value) else { return nil }
                fields[key] = v
            }
            return .object(fields)
        case let list as [Any]:
            var items: [JSONValue] = []
            for value in list {
                guard let v = from(value) else { return nil }
                items.append(v)
            }
            return .array(items)
        case let n as Int:
            // Only whole numbers are stored; a fraction fails this cast and is not ours.
            return .int(n)
        default:
            return nil
        }
    }
}
