import GRDB

/// A period's transactions summed by status, payment method, carrier, plan and hour in
/// Japan, from one pass over the reports index. SQLite's GROUP BY sorts every row before it
/// sums; these rows fall into a few dozen groups, so they are summed here as they come.
struct PeriodGroups {
    struct Group {
        let status: String
        let method: String?
        let carrier: String
        let plan: String
        /// Indexed by the hour in Japan, 0...23.
        var hours = [ShiftReport.Tally](repeating: ShiftReport.Tally(), count: 24)
        var taxYen = 0

        var total: ShiftReport.Tally { hours.reduce(ShiftReport.Tally(), +) }

        fileprivate func matches(_ s: UnsafeBufferPointer<UInt8>, _ m: UnsafeBufferPointer<UInt8>?,
                                 _ c: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Bool {
            guard status.utf8.elementsEqual(s), carrier.utf8.elementsEqual(c), plan.utf8.elementsEqual(p) else { return false }
            switch (method, m) {
            case (nil, nil): return true
            case (let method?, let m?): return method.utf8.elementsEqual(m)
            default: return false
            }
        }
    }

    private(set) var groups: [Group] = []
    /// Group indexes by a hash of their key's bytes (a collision only costs a comparison).
    private var slots: [UInt64: [Int]] = [:]

    /// Every transaction of the terminal that finished in the period (`from` exclusive, `to` inclusive).
    init(_ db: Database, terminalId: String, from: String, to: String) throws {
        try RawRows.each(db, sql: """
            SELECT status, payment_method, carrier_id, plan_id, finished_at, amount_yen, tax_yen
            FROM transactions WHERE terminal_id = ?1 AND finished_at > ?2 AND finished_at <= ?3
            """, arguments: [terminalId, from, to]) { row in
            guard let status = row.text(0), let carrier = row.text(2), let plan = row.text(3), let finished = row.text(4) else { return }
            let i = index(status, row.text(1), carrier, plan)
            let hour = Self.japanHour(finished)
            groups[i].hours[hour].count += 1
            groups[i].hours[hour].yen += row.int(5)
            groups[i].taxYen += row.int(6)
        }
    }

    /// The hour in Japan of a stored UTC time (`…THH:…Z`), nine hours on, read as
    /// `CAST(substr(t, 12, 2) AS INTEGER)` reads it: the leading digits.
    static func japanHour(_ stored: UnsafeBufferPointer<UInt8>) -> Int {
        var hour = 0
        for i in 11..<min(13, stored.count) {
            let digit = Int(stored[i]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { break }
            hour = hour * 10 + digit
        }
        return (hour + 9) % 24
    }

    private mutating func index(_ s: UnsafeBufferPointer<UInt8>, _ m: UnsafeBufferPointer<UInt8>?,
                                _ c: UnsafeBufferPointer<UInt8>, _ p: UnsafeBufferPointer<UInt8>) -> Int {
        // FNV-1a over the four columns, each ended by a byte text never holds here.
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: UnsafeBufferPointer<UInt8>?) {
            if let bytes { for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
            h = (h ^ (bytes == nil ? 0xFE : 0xFF)) &* 0x100_0000_01B3
        }
        mix(s); mix(m); mix(c); mix(p)
        if let candidates = slots[h] {
            for i in candidates where groups[i].matches(s, m, c, p) { return i }
        }
        groups.append(Group(status: String(decoding: s, as: UTF8.self), method: m.map { String(decoding: $0, as: UTF8.self) },
                            carrier: String(decoding: c, as: UTF8.self), plan: String(decoding: p, as: UTF8.self)))
        slots[h, default: []].append(groups.count - 1)
        return groups.count - 1
    }
}
