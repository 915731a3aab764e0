import Foundation
import XCTest
@testable import Kiosk

/// The fewest commits a day allows: each machine's writes in turn, and a machine that takes
/// a customer after every write made before that moment.
final class CommitDepthTests: XCTestCase {
    private let opens = Date(timeIntervalSince1970: 1_800_000_000)
    private func at(_ seconds: Double) -> Date { opens.addingTimeInterval(seconds) }

    func testMachinesThatNeverMeetAtTheQueueShareEveryCommit() {
        var depth = CommitDepth(machines: 3)
        for m in 0..<3 { depth.took(machine: m, at: at(0)) }
        for step in 1...4 {
            for m in 0..<3 { depth.wrote(machine: m, at: at(Double(step * 10 + m))) }
        }
        XCTAssertEqual(depth.fewest, 4)
    }

    func testAMachineTakingACustomerWaitsForEveryEarlierWrite() {
        var depth = CommitDepth(machines: 2)
        depth.took(machine: 0, at: at(0))
        depth.took(machine: 1, at: at(0))
        depth.wrote(machine: 1, at: at(1))
        // Machine 0's customer pays coin by coin; machine 1 is free again at 25 s.
        for second in [5.0, 10, 15, 20, 30] { depth.wrote(machine: 0, at: at(second)) }
        depth.took(machine: 1, at: at(25))
        depth.wrote(machine: 1, at: at(40))
        // After machine 0's fourth write (at 20 s), not its fifth (at 30 s).
        XCTAssertEqual(depth.fewest, 5)
        depth.wrote(machine: 1, at: at(41))
        depth.wrote(machine: 1, at: at(42))
        XCTAssertEqual(depth.fewest, 7)
    }
}
