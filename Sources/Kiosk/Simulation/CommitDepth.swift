import Foundation

/// The fewest commits a day's journal writes can take while the store's queue moves in the
/// clock's order: the day's critical path. A machine's write commits after its own previous
/// one; and a machine that takes a customer at T writes only after every write made before T
/// has committed, since until that machine has its answer and runs on, it might still have
/// freed first and taken that customer itself. Group commit is as good as the day allows
/// when its commits are this many.
struct CommitDepth {
    /// What each machine's next write must come after: its own last, or what it took a customer after.
    private var after: [Int]
    /// Writes not yet passed by the queue's clock, by time; and the deepest it has passed.
    private var ahead = EventQueue<Int>()
    private var passed = 0
    private(set) var fewest = 0

    init(machines: Int) {
        after = Array(repeating: 0, count: machines)
    }

    /// Machine `m` writes at `time`, on its own clock.
    mutating func wrote(machine m: Int, at time: Date) {
        let depth = after[m] + 1
        after[m] = depth
        fewest = max(fewest, depth)
        ahead.schedule(depth, at: time)
    }

    /// Machine `m` takes a customer from the queue at `time`, when every write before it is known.
    mutating func took(machine m: Int, at time: Date) {
        while let first = ahead.first, first.time <= time, let (_, depth) = ahead.next() {
            passed = max(passed, depth)
        }
        after[m] = max(after[m], passed)
    }
}
