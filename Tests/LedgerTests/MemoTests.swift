import XCTest
@testable import Ledger

final class MemoTests: XCTestCase {
    func testAnAnswerIsWorkedOutOnceAndTheMemoStartsAfreshWhenFull() {
        let memo = Memo<String, Int>(limit: 2)
        var worked: [String] = []
        func length(_ key: String) -> Int { memo.answer(for: key) { worked.append(key); return key.count } }
        XCTAssertEqual([length("a"), length("bb"), length("a"), length("bb")], [1, 2, 1, 2])
        XCTAssertEqual(worked, ["a", "bb"])
        // A third answer does not fit: the memo forgets the others and keeps it.
        XCTAssertEqual(length("ccc"), 3)
        XCTAssertEqual(length("a"), 1)
        XCTAssertEqual(length("ccc"), 3)
        XCTAssertEqual(worked, ["a", "bb", "ccc", "a"])
    }

    func testWorkThatFailsIsNotRemembered() {
        struct Refused: Error {}
        let memo = Memo<String, Int>(limit: 8)
        XCTAssertThrowsError(try memo.answer(for: "x") { throw Refused() })
        XCTAssertEqual(try memo.answer(for: "x") { 7 }, 7)
    }

    func testAStepReadBackFromItsRowIsTheStepWrittenEveryTime() throws {
        let step = Step.changeDue(pieces: [1000: 1, 500: 1])
        let stored = try StoredStep(step)
        for _ in 0..<3 {
            XCTAssertEqual(try StoredStep(step), stored)
            XCTAssertEqual(StoredStep.step(kind: stored.kind, payloadText: stored.payloadText), step)
        }
        XCTAssertNil(StoredStep.step(kind: stored.kind, payloadText: "{\"pieces\":"))
        XCTAssertNil(StoredStep.step(kind: stored.kind, payloadText: "{\"pieces\":"))
    }
}
