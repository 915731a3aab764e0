import Foundation

/// Answers already worked out, shared by every thread. Most journal steps repeat (a coin in,
/// a sale completed, the same change), and writing one as JSON or reading it back costs far
/// more than looking it up. It keeps at most `limit` answers and starts afresh when full, so
/// the steps that never repeat (each `begin`) cannot make it grow.
final class Memo<Key: Hashable, Value>: @unchecked Sendable {
    private var answers: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) { self.limit = limit }

    func answer(for key: Key, _ work: () throws -> Value) rethrows -> Value {
        if let known = lock.withLock({ answers[key] }) { return known }
        let answer = try work()
        lock.withLock {
            if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
            answers[key] = answer
        }
        return answer
    }
}
