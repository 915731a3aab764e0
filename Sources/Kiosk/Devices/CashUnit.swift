/// The coin and bill unit: what it accepts, how much it can hold, and how it pays change.
/// Its counts are the ledger's `cash_inventory`; this type only holds the rules.
public enum CashUnit {
    /// ¥10 ¥50 ¥100 ¥500 coins and ¥1,000 ¥5,000 ¥10,000 bills. ¥1, ¥5 and ¥2,000 are returned.
    public static let denominations = [10, 50, 100, 500, 1000, 5000, 10000]
    public static let coins: Set<Int> = [10, 50, 100, 500]

    public static func accepts(_ denomination: Int) -> Bool { denominations.contains(denomination) }

    public static func capacity(of denomination: Int) -> Int {
        switch denomination {
        case 10, 50, 100: return 300
        case 500: return 200
        case 1000: return 200
        default: return 100
        }
    }

    /// Below these counts the machine says "change low" to staff and on the finder.
    public static func lowMark(of denomination: Int) -> Int {
        switch denomination {
        case 10, 100: return 20
        case 50, 500, 1000: return 5
        default: return 0
        }
    }

    /// How staff see a count: `LOW` below the low mark, `FULL` at capacity, otherwise nothing.
    public static func mark(_ count: Int, of denomination: Int) -> String {
        count < lowMark(of: denomination) ? "LOW" : count >= capacity(of: denomination) ? "FULL" : ""
    }

    public static func isChangeLow(_ inventory: CashPieces) -> Bool {
        denominations.contains { inventory[$0] < lowMark(of: $0) }
    }

    /// The fewest pieces that make `amount` from a bounded inventory, or nil when no
    /// combination exists. A search rather than greedy, so the answer is right for any
    /// counts: dynamic programming over amounts in units of ¥10, one table per denomination.
    /// The fewest coins and bills that make `amount`, as a customer hands it over at the
    /// register; nil when no pieces the drawer takes make it (not a multiple of ¥10).
    public static func tender(_ amount: Yen) -> CashPieces? {
        guard amount > .zero, amount.amount % 10 == 0 else { return nil }
        var left = amount.amount
        var pieces: CashPieces = [:]
        // The yen's denominations are canonical: taking the largest piece first is fewest.
        for d in denominations.sorted(by: >) where left >= d {
            pieces[d] = left / d
            left %= d
        }
        return pieces
    }

    public static func change(for amount: Yen, from inventory: CashPieces) -> CashPieces? {
        let yen = amount.amount
        if yen == 0 { return [:] }
        guard yen > 0, yen % 10 == 0 else { return nil }
        // Each denomination divides the next, so when taking the most of each, largest first,
        // pays the amount, no other way pays it in fewer pieces: any other would hold smaller
        // pieces that add up to exactly one more of a larger one. Only when it fails (the
        // inventory runs short) is the search below needed.
        var greedy: CashPieces = [:]
        var left = yen
        for d in denominations.reversed() where left >= d && inventory[d] > 0 {
            let take = min(inventory[d], left / d)
            greedy[d] = take
            left -= take * d
        }
        if left == 0 { return greedy }
        let units = yen / 10
        let denoms = denominations.filter { inventory[$0] > 0 && $0 <= yen }
        let none = Int.max
        // best[i][a]: fewest pieces to make a×¥10 from the first i denominations.
        var best = [[Int]](repeating: [Int](repeating: none, count: units + 1), count: denoms.count + 1)
        best[0][0] = 0
        for (i, d) in denoms.enumerated() {
            let step = d / 10
            let available = inventory[d]
            for a in 0...units {
                var fewest = best[i][a]
                var k = 1
                while k <= available && k * step <= a {
                    let rest = best[i][a - k * step]
                    if rest != none && rest + k < fewest { fewest = rest + k }
                    k += 1
                }
                best[i + 1][a] = fewest
            }
        }
        guard best[denoms.count][units] != none else { return nil }
        var pieces: CashPieces = [:]
        var a = units
        for i in stride(from: denoms.count, to: 0, by: -1) {
            let d = denoms[i - 1], step = d / 10
            var k = 0
            while best[i - 1][a - k * step] == none || best[i - 1][a - k * step] + k != best[i][a] {
                k += 1
            }
            if k > 0 { pieces[d] = k }
            a -= k * step
        }
        return pieces
    }
}
