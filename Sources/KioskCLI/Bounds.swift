/// Every number from the command line is bounded where it enters, so that nothing later
/// overflows or runs for ever; the sentence gives the range.
enum Bounds {
    static let timeout = 10...3_600
    static let customers = 0...100_000

    static func check(_ value: Int, _ range: ClosedRange<Int>, _ option: String, unit: String = "") throws {
        guard range.contains(value) else {
            throw Failure("\(option) must be from \(range.lowerBound) to \(range.upperBound)\(unit), not \(value).")
        }
    }
}
