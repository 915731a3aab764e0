import Foundation
import Ledger

/// Where HQ's copy of a ledger ends.
public struct LedgerHead: Equatable, Sendable {
    public var lastSeq: Int64
    public var lastHash: String

    public init(lastSeq: Int64, lastHash: String) {
        self.lastSeq = lastSeq
        self.lastHash = lastHash
    }

    /// A ledger HQ has never seen.
    public static let empty = LedgerHead(lastSeq: 0, lastHash: JournalRow.firstPrevHash)
}

/// A pushed row HQ has checked: new, with its step read by the ledger's own rules.
public struct VerifiedRow: Equatable, Sendable {
    public var row: JournalRow
    public var step: Step
}

/// What a batch comes to once checked: the rows to store, and how many HQ already held.
public struct CheckedBatch: Equatable, Sendable {
    public var new: [VerifiedRow]
    public var alreadyHeld: Int
}

/// The checks of one pushed batch against HQ's copy of the ledger, with no database and no
/// HTTP: every row the token's store's; every row's step readable; every row's hash
/// recomputed; each row's `prev_hash` the hash of the row before it (HQ's last row for the
/// first new one); a row HQ already holds must be the very row it holds.
public enum ChainCheck {
    /// A batch with what each of its rows gives by itself (its step, whether its hash is that
    /// of its content), worked out apart from HQ's copy. This is most of a check's work and
    /// needs no lock, so a push waiting for another push of the same ledger has it done while
    /// it waits.
    public struct Prepared: Sendable {
        let batch: PushBatch
        fileprivate let facts: [RowFacts]
        public var isEmpty: Bool { batch.rows.isEmpty }
    }

    /// The checks of each row by itself: the token's store's, its step readable, a sale begun
    /// where it is filed.
    public static func prepare(_ batch: PushBatch, store: StoreID) -> Result<Prepared, PushRefusal> {
        // The store first, over the whole batch: a stolen token learns nothing from the chain checks.
        for pushed in batch.rows where pushed.storeId != store {
            return .failure(.otherStore("Row seq \(pushed.row.seq) belongs to store \(pushed.storeId); this token pushes only store \(store)'s rows."))
        }
        let facts = RowFacts.of(batch.rows)
        for (pushed, facts) in zip(batch.rows, facts) {
            let row = pushed.row
            guard facts.timeReads, let step = facts.step else {
                return .failure(.malformed("Row seq \(row.seq) does not hold a journal step the ledger can read."))
            }
            if case .begin(let start) = step {
                guard start.storeId == store.rawValue else {
                    return .failure(.otherStore("Row seq \(row.seq) begins a sale of store \(start.storeId); this token pushes only store \(store)'s rows."))
                }
                guard start.id == row.txnId, start.terminalId == row.terminalId else {
                    return .failure(.malformed("Row seq \(row.seq) begins transaction \(start.id) on terminal \(start.terminalId) but is filed under another."))
                }
            }
        }
        return .success(Prepared(batch: batch, facts: facts))
    }

    /// - Parameters:
    ///   - head: HQ's last row of this ledger.
    ///   - held: the hashes HQ holds for the batch's seqs up to `head.lastSeq`.
    public static func check(_ batch: PushBatch, store: StoreID, head: LedgerHead,
                             held: [Int64: String]) -> Result<CheckedBatch, PushRefusal> {
        prepare(batch, store: store).flatMap { check($0, head: head, held: held) }
    }

    /// The chain of a prepared batch against HQ's copy of the ledger.
    public static func check(_ prepared: Prepared, head: LedgerHead, held: [Int64: String]) -> Result<CheckedBatch, PushRefusal> {
        var new: [VerifiedRow] = []
        var alreadyHeld = 0
        var expectedSeq: Int64? = nil
        var prevHash = head.lastHash
        for (pushed, facts) in zip(prepared.batch.rows, prepared.facts) {
            let row = pushed.row
            if let expectedSeq, row.seq != expectedSeq {
                return .failure(.conflict("Row seq \(row.seq) does not follow seq \(expectedSeq - 1) in the batch: the rows must be consecutive."))
            }
            expectedSeq = row.seq + 1
            guard row.seq >= 1 else { return .failure(.malformed("Row seq \(row.seq) is not a journal seq (they start at 1).")) }
            guard facts.hashMatches else {
                return .failure(.conflict("Row seq \(row.seq) was changed after it was written: its hash does not match its content."))
            }
            if row.seq <= head.lastSeq {
                guard let holds = held[row.seq] else {
                    return .failure(.conflict("Row seq \(row.seq) cannot be compared with HQ's copy."))
                }
                guard holds == row.hash else {
                    return .failure(.conflict("Row seq \(row.seq) differs from the row HQ already holds: the ledger was edited or forked after an earlier push."))
                }
                alreadyHeld += 1
                prevHash = row.hash
                continue
            }
            if new.isEmpty, row.seq != head.lastSeq + 1 {
                return .failure(.conflict("Row seq \(row.seq) leaves a gap: HQ holds this ledger up to seq \(head.lastSeq)."))
            }
            guard row.prevHash == prevHash else {
                return .failure(.conflict("Row seq \(row.seq) does not continue HQ's chain: its prev_hash is not the hash of seq \(row.seq - 1) that HQ holds."))
            }
            new.append(VerifiedRow(row: row, step: facts.step!))
            prevHash = row.hash
        }
        return .success(CheckedBatch(new: new, alreadyHeld: alreadyHeld))
    }
}

/// What each row gives by itself, apart from its neighbours: its step, whether its time reads,
/// whether its hash is that of its content. These are most of a check's work and need no
/// lock, so they are worked out for a whole batch before it; the checks then read them in
/// `seq` order, so the first fault named is the same. One request's batch is worked out on one
/// core: the others are storing the batch before it, and other stores' pushes.
private struct RowFacts: Sendable {
    let step: Step?
    let timeReads: Bool
    let hashMatches: Bool

    init(_ row: JournalRow, step: Step?) {
        self.step = step
        timeReads = row.time != nil
        hashMatches = row.recomputedHash == row.hash
    }

    /// A step is a function of its kind and payload text, and many rows hold the same one
    /// (every `completed`, most `cash_in`), so each distinct one is read once.
    private struct StoredText: Hashable {
        let kind: String
        let payload: String
    }

    static func of(_ rows: [PushedRow]) -> [RowFacts] {
        var steps: [StoredText: Step?] = [:]
        steps.reserveCapacity(rows.count)
        return rows.map { pushed in
            let text = StoredText(kind: pushed.row.kind, payload: pushed.row.payload)
            if let step = steps[text] { return RowFacts(pushed.row, step: step) }
            let step = pushed.row.step
            steps[text] = .some(step)
            return RowFacts(pushed.row, step: step)
        }
    }
}
