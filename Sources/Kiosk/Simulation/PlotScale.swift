import Foundation

/// The side of a day's plot: four ticks from zero, each a round step.
public enum PlotScale {
    /// The top of a scale of four ticks at least `value`: each tick a round step (1, 2 or 5
    /// times a power of ten, at least 1), so the side reads 0, 50, 100, 150, 200 and never
    /// 46, 93, 139, and people waiting are whole people.
    public static func top(_ value: Double) -> Double {
        let quarter = max(value, 1) / 4
        let power = pow(10, log10(quarter).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= quarter } ?? 10 * power
        return max(1, step) * 4
    }
}
