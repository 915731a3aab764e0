import Foundation
import GRDB

extension Ledger {
    /// Appends several machines' writes as ONE durable commit (one fsync): each list is what
    /// one `record` call would append, in order, and gets back what that call would have given.
    /// All of them or none: anything invalid or any failure of the commit rolls every list
    /// back and throws, so no machine is told its write is kept unless all are.
    /// `beforeCommit` runs inside the transaction, just before it commits (crash tests kill
    /// the process there).
    ///
    /// ```swift
    /// let answers = try ledger.record(together: [machineA.entries, machineB.entries])
    /// ```
    public func record(together writes: [[Entry]], beforeCommit: () -> Void = {}) throws -> [Recorded] {
        try write { db in
            var commit = try Commit(db: db)
            let answers = try writes.map { entries in
                for entry in entries { try commit.append(entry) }
                return Recorded(receiptNumbers: commit.takeReceipts())
            }
            beforeCommit()
            return answers
        }
    }
}
