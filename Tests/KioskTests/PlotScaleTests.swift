import XCTest
import Kiosk

/// A plot's side reads in round steps, whatever the day's longest wait or queue.
final class PlotScaleTests: XCTestCase {
    func testTheScaleIsFourRoundStepsAtLeastTheValue() {
        XCTAssertEqual(PlotScale.top(185), 200)    // 0, 50, 100, 150, 200
        XCTAssertEqual(PlotScale.top(60), 80)
        XCTAssertEqual(PlotScale.top(6), 8)        // whole people: 0, 2, 4, 6, 8
        XCTAssertEqual(PlotScale.top(4), 4)
        XCTAssertEqual(PlotScale.top(0), 4)
        XCTAssertEqual(PlotScale.top(4_000), 4_000)
        for value in stride(from: 0.5, through: 100_000, by: 7.3) {
            let top = PlotScale.top(value), step = top / 4
            XCTAssertGreaterThanOrEqual(top, value)
            XCTAssertLessThan(top, max(value, 1) * 2.5 + 4, "\(value)")
            let power = pow(10, log10(step).rounded(.down))
            XCTAssertTrue([1.0, 2, 5, 10].contains((step / power * 1000).rounded() / 1000), "\(value): step \(step)")
        }
    }
}
