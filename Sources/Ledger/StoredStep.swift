import Foundation

/// A step as the journal stores it: `kind` and the canonical JSON text of `payload`, which the
/// hash chain covers. Both come from `Step`'s own Codable declaration, so a step is declared
/// once: `.cashIn(denomination: 1000)` is kind `cash_in`, payload `{"denomination":1000}`;
/// pieces of cash are objects of denomination → count, `{"pieces":{"1000":2,"500":1}}`.
/// A step whose one value has no label (`begin`) stores that value's own fields.
struct StoredStep: Equatable {
    let kind: String
    let payload: JSONValue
    let payloadText: String

    init(_ step: Step) throws {
        self = try StoredStep.written.answer(for: step) { try StoredStep(encoding: step) }
    }

    private init(encoding step: Step) throws {
        guard case .object(let outer) = try JSONValueCoding.encode(step), outer.count == 1, let (kind, value) = outer.first else {
            throw LedgerError.invalidEntry("A step could not be written as JSON.")
        }
        self.kind = kind
        if case .object(let fields) = value, fields.count == 1, let only = fields[StoredStep.unlabeled] {
            self.payload = only
        } else {
            self.payload = value
        }
        payloadText = payload.canonicalText
    }

    /// Steps already written, and rows already read.
    private static let written = Memo<Step, StoredStep>(limit: 1024)
    private static let read = Memo<RowText, Step?>(limit: 1024)

    private struct RowText: Hashable {
        let kind: String
        let payloadText: String
    }

    /// Reads a stored row back; nil when its kind and payload are not a step.
    static func step(kind: String, payloadText: String) -> Step? {
        read.answer(for: RowText(kind: kind, payloadText: payloadText)) {
            JSONValue.parse(payloadText).flatMap { step(kind: kind, payload: $0) }
        }
    }

    static func step(kind: String, payload: JSONValue) -> Step? {
        func decode(_ payload: JSONValue) throws -> Step {
            try JSONValueCoding.decode(Step.self, from: .object([kind: payload]))
        }
        // A kind already seen to hold its value unlabeled is read so at once. A payload with a
        // key `_0` of its own goes the long way below, so that it reads as it always has.
        if case .object(let fields) = payload, fields[unlabeled] == nil, unlabeledKinds.contains(kind) {
            return try? decode(.object([unlabeled: payload]))
        }
        do {
            return try decode(payload)
        } catch DecodingError.keyNotFound(let key, _) where key.stringValue == unlabeled {
            guard let step = try? decode(.object([unlabeled: payload])) else { return nil }
            unlabeledKinds.insert(kind)
            return step
        } catch {
            return nil
        }
    }

    /// The key Swift gives a case's unlabeled value.
    private static let unlabeled = "_0"

    /// The kinds found to hold one unlabeled value (`begin`), learned as rows are read.
    private static let unlabeledKinds = KindSet()
}

/// A set of kinds shared by every thread that reads steps.
private final class KindSet: @unchecked Sendable {
    private let lock = NSLock()
    private var kinds: Set<String> = []

    func contains(_ kind: String) -> Bool { lock.withLock { kinds.contains(kind) } }
    func insert(_ kind: String) { lock.withLock { _ = kinds.insert(kind) } }
}

extension Step {
    /// `journal.kind`.
    public var kind: String { (try? StoredStep(self).kind) ?? "" }
}
