import Foundation
import XCTest
@testable import Kiosk
import Ledger

/// A script's wait moves the clock to each time-out instead of through every second.
final class WaitingTests: XCTestCase {
    func testADayOfWaitingTakesAFewStepsAndStillTimesOut() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        m.runtime.send(.tap(.start))
        XCTAssertEqual(m.runtime.state.screen.name, "enter-number")
        let steps = m.runtime.wait(86_400, on: m.clock)
        XCTAssertLessThanOrEqual(steps, 3)
        XCTAssertEqual(m.runtime.state.screen.name, "attract")
        XCTAssertEqual(m.clock.now(), Sample.noon.addingTimeInterval(86_400))
    }

    func testTheTimeOutFiresAtTheSameSecondAsWhenEverySecondIsTicked() throws {
        let m = try TestMachine(path: TestMachine.temporaryPath())
        m.runtime.send(.tap(.start))
        m.runtime.wait(59, on: m.clock)
        XCTAssertEqual(m.runtime.state.screen.name, "enter-number")
        XCTAssertEqual(m.runtime.state.countdown, 1)
        m.runtime.wait(1, on: m.clock)
        XCTAssertEqual(m.runtime.state.screen.name, "attract")
    }
}
