import Foundation

/// A step as the journal stores it: `kind` and the canonical JSON text of `payload`, which the
/// hash chain covers. Both come from `Step`'s own Codable declaration, so a step is declared
/// once: `.cashIn(denomination: 1000)` is kind `cash_in`, payload `{"denomination":1000}`;
/// pieces of cash are objects of denomination → count, `{"pieces":{"1000":2,"500":1}}`.
/// A step whose one value has no label (`begin`) stores that value's own fields.
struct StoredStep: Equatable {
    let kind: String
    let payload: JSONValue

    var payloadText: String { payload.canonicalText }

    init(_ step: Step) throws {
        let data = try StoredStep.encoder.encode(step)
        guard case .object(let outer)? = JSONValue.parse(String(decoding: data, as: UTF8.self)),
              outer.count == 1, let (kind, value) = outer.first else {
            throw LedgerError.invalidEntry("A step could not be written as JSON.")
        }
        self.kind = kind
        if case .object(let fields) = value, fields.count == 1, let only = fields[StoredStep.unlabeled] {
            self.payload = only
        } else {
            self.payload = value
        }
    }

    /// Reads a stored row back; nil when its kind and payload are not a step.
    static func step(kind: String, payloadText: String) -> Step? {
        guard kind.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
        func decode(_ payload: String) throws -> Step {
            try decoder.decode(Step.self, from: Data("{\"\(kind)\":\(payload)}".utf8))
        }
        do {
            return try decode(payloadText)
        } catch DecodingError.keyNotFound(let key, _) where key.stringValue == unlabeled {
            return try? decode("{\"\(unlabeled)\":\(payloadText)}")
        } catch {
            return nil
        }
    }

    /// The key Swift gives a case's unlabeled value.
    private static let unlabeled = "_0"

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }()

    private static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()
}

extension Step {
    /// `journal.kind`.
    public var kind: String { (try? StoredStep(self).kind) ?? "" }
}
