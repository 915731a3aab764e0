import Foundation

/// What happens next in a simulated day, earliest first: a binary heap ordered by time, and
/// by the order things were scheduled when two fall at one instant, so a seed repeats exactly.
struct EventQueue<Kind> {
    private struct Item { let time: Date; let order: Int; let kind: Kind }
    private var heap: [Item] = []
    private var scheduled = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func schedule(_ kind: Kind, at time: Date) {
        schedule(kind, at: time, order: scheduled)
        scheduled += 1
    }

    /// Schedules with an order of the caller's, so that two queues can be merged by (time, order).
    mutating func schedule(_ kind: Kind, at time: Date, order: Int) {
        heap.append(Item(time: time, order: order, kind: kind))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard earlier(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// When the earliest item falls, and its order among those at that instant.
    var first: (time: Date, order: Int)? { heap.first.map { ($0.time, $0.order) } }

    mutating func next() -> (time: Date, kind: Kind)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, earlier(heap[l], heap[m]) { m = l }
            if r < heap.count, earlier(heap[r], heap[m]) { m = r }
            guard m != i else { break }
            heap.swapAt(i, m)
            i = m
        }
        return (first.time, first.kind)
    }

    private func earlier(_ a: Item, _ b: Item) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }
}
