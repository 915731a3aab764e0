import XCTest
@testable import Kiosk

final class FixtureTests: XCTestCase {
    func testTheSampleWorldIsComplete() throws {
        let c = Sample.catalogue
        XCTAssertGreaterThanOrEqual(c.carriers.count, 4)
        for carrier in c.carriers { XCTAssertTrue((4...6).contains(c.plans(of: carrier.id).count), carrier.id) }
        XCTAssertGreaterThanOrEqual(c.stores.count, 6)
        XCTAssertEqual(Set(c.stores.map(\.chainId)).count, 3)
        for store in c.stores { XCTAssertTrue((1...6).contains(c.terminals(of: store.id).count), store.id) }
        XCTAssertTrue(c.plans.contains { $0.price == Yen(2980) })
        XCTAssertEqual(c.terminal("FM-SBY-1")?.openingFloat[1000], 40)
        // Expiries written relative to today.
        XCTAssertEqual(c.accounts.first { $0.number == "09012345678" }?.expiry, "2026-12-07")
    }

    private func brokenCopy(_ file: String, _ edit: (String) -> String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fixtures-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Sample.fixtures, to: dir)
        let url = dir.appendingPathComponent(file)
        try edit(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        return dir
    }

    func testAMalformedValueIsNamedByFileLineAndField() throws {
        let dir = try brokenCopy("plans.csv") { $0.replacingOccurrences(of: ",2980,", with: ",2,98O,") }
        XCTAssertThrowsError(try FixtureLoader.load(from: dir, today: "2026-11-25")) { error in
            XCTAssertEqual((error as? FixtureError)?.description,
                           "plans.csv line 3: has 10 fields where the header names 9.")
        }
        let dir2 = try brokenCopy("plans.csv") { $0.replacingOccurrences(of: ",2980,", with: ",29B0,") }
        XCTAssertThrowsError(try FixtureLoader.load(from: dir2, today: "2026-11-25")) { error in
            XCTAssertEqual(String(describing: error),
                           "plans.csv line 3: field \"price_yen\" is \"29B0\", not a whole number from 1 to 1000000.")
        }
    }

    func testABrokenReferenceAndABadRegistrationNumber() throws {
        let dir = try brokenCopy("terminals.csv") { $0.replacingOccurrences(of: "FM-NMB-1,fm-namba,", with: "FM-NMB-1,fm-nanba,") }
        XCTAssertThrowsError(try FixtureLoader.load(from: dir, today: "2026-11-25")) { error in
            XCTAssertEqual(String(describing: error),
                           "terminals.csv line 7: field \"store_id\" names \"fm-nanba\", which is not in stores.csv.")
        }
        let dir2 = try brokenCopy("stores.csv") { $0.replacingOccurrences(of: "T2013301000004", with: "T201330100004") }
        XCTAssertThrowsError(try FixtureLoader.load(from: dir2, today: "2026-11-25")) { error in
            XCTAssertEqual(String(describing: error),
                           "stores.csv line 5: field \"registration_number\" is \"T201330100004\", not T followed by 13 digits.")
        }
    }

    func testAMissingFolderOrFile() throws {
        XCTAssertThrowsError(try FixtureLoader.load(from: URL(fileURLWithPath: "/nonexistent"), today: "2026-11-25")) { error in
            XCTAssertEqual(String(describing: error), "/nonexistent is not a fixtures folder.")
        }
        let dir = try brokenCopy("carriers.csv") { $0 }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("test_cards.csv"))
        XCTAssertThrowsError(try FixtureLoader.load(from: dir, today: "2026-11-25")) { error in
            XCTAssertEqual(String(describing: error), "test_cards.csv cannot be read.")
        }
    }

    private func assertRefused(_ dir: URL, _ sentence: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try FixtureLoader.load(from: dir, today: "2026-11-25"), file: file, line: line) { error in
            XCTAssertEqual(String(describing: error), sentence, file: file, line: line)
        }
    }

    func testValuesFarOutOfRangeAreRefused() throws {
        let dir = try brokenCopy("sim_accounts.csv") { $0.replacingOccurrences(of: ",-10,", with: ",-5000,") }
        assertRefused(dir, "sim_accounts.csv line 7: field \"expiry\" is \"-5000\", not a number of days from today from -3660 to +3660.")
    }

    func testAnExpiryDateFarFromTodayIsRefusedAsFarDaysAre() throws {
        let far = try brokenCopy("sim_accounts.csv") { $0.replacingOccurrences(of: ",+25,", with: ",2040-06-30,") }
        assertRefused(far, "sim_accounts.csv line 4: field \"expiry\" is \"2040-06-30\", more than ten years from today; give a date from 2016-11-17 to 2036-12-02.")
        let long = try brokenCopy("sim_accounts.csv") { $0.replacingOccurrences(of: ",+3,", with: ",1900-01-01,") }
        assertRefused(long, "sim_accounts.csv line 3: field \"expiry\" is \"1900-01-01\", more than ten years from today; give a date from 2016-11-17 to 2036-12-02.")
        let near = try brokenCopy("sim_accounts.csv") { $0.replacingOccurrences(of: ",+25,", with: ",2036-12-02,") }
        XCTAssertEqual(try FixtureLoader.load(from: near, today: "2026-11-25").accounts.first { $0.number == "07033334444" }?.expiry, "2036-12-02")
    }

    func testDayFixturesAreBoundedByFileLineAndField() throws {
        func assertDayRefused(_ dir: URL, _ sentence: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try DayFixtures.load(from: dir), file: file, line: line) { error in
                XCTAssertEqual(String(describing: error), sentence, file: file, line: line)
            }
        }
        let rush = try brokenCopy("arrivals.csv") { $0.replacingOccurrences(of: "station,4,2,1,1,2,6,14,24,", with: "station,4,2,1,1,2,6,14,24000,") }
        assertDayRefused(rush, "arrivals.csv line 3: field \"07\" is \"24000\", not a number from 0 to 10000.")
        let slow = try brokenCopy("behaviour.csv") { $0.replacingOccurrences(of: "patience,lognormal:300:150,", with: "patience,lognormal:300:9e9,") }
        assertDayRefused(slow, "behaviour.csv line 10: field \"time\" is \"lognormal:300:9e9\", not \(Distribution.forms) with numbers from 0 to 86400 (a day).")
        // The sample's own steps are within the bound, and no draw goes past a day.
        XCTAssertNoThrow(try DayFixtures.load(from: Sample.fixtures))
        var random = SeededRandom(seed: 3)
        let wild = try Distribution(spec: "lognormal:0.5:86400")
        XCTAssertLessThanOrEqual((0..<10_000).map { _ in wild.draw(using: &random) }.max() ?? 0, 86_400)
    }

    func testFloatsAndTerminalsMustNameEachOther() throws {
        let repeated = try brokenCopy("cash_floats.csv") { $0.replacingOccurrences(of: "SE-KYO-1,", with: "SE-SJK3-1,") }
        assertRefused(repeated, "cash_floats.csv line 3: field \"terminal_id\" repeats \"SE-SJK3-1\", whose float is already on line 2.")
        let unknown = try brokenCopy("cash_floats.csv") { $0.replacingOccurrences(of: "LW-SPR-1,", with: "LW-SPR-9,") }
        assertRefused(unknown, "cash_floats.csv line 14: field \"terminal_id\" names \"LW-SPR-9\", which is not in terminals.csv or registers.csv.")
        let missing = try brokenCopy("cash_floats.csv") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("FM-NMB-1,") }.joined(separator: "\n")
        }
        assertRefused(missing, "cash_floats.csv: field \"terminal_id\" has no row for FM-NMB-1, which takes cash and needs an opening float.")
        let drawer = try brokenCopy("cash_floats.csv") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("LW-SPR-R1,") }.joined(separator: "\n")
        }
        assertRefused(drawer, "cash_floats.csv: field \"terminal_id\" has no row for LW-SPR-R1, which takes cash and needs an opening float.")
    }

    func testAMachineThatTakesNoMoneyNeedsNoFloatAndARegisterBelongsToAStore() throws {
        let loppi = try XCTUnwrap(Sample.catalogue.terminal("LW-SPR-2"))
        XCTAssertTrue(loppi.paysAtRegister)
        XCTAssertEqual(loppi.payments, [])
        XCTAssertEqual(loppi.openingFloat, [:])
        XCTAssertEqual(Sample.catalogue.terminal("FM-SBY-1")?.payments, [.cash, .card, .wallet])
        XCTAssertEqual(Sample.catalogue.terminal("FM-SBY-1")?.paysAtRegister, true)
        XCTAssertNil(Sample.catalogue.terminal("LW-SPR-R1"), "a register is not a machine customers use")
        XCTAssertEqual(Sample.catalogue.device("LW-SPR-R1")?.isRegister, true)
        let nowhere = try brokenCopy("registers.csv") { $0.replacingOccurrences(of: "LW-SPR-R1,lw-sapporo-odori,", with: "LW-SPR-R1,lw-nowhere,") }
        assertRefused(nowhere, "registers.csv line 4: field \"store_id\" names \"lw-nowhere\", which is not in stores.csv.")
        let bad = try brokenCopy("terminals.csv") { $0.replacingOccurrences(of: "cash|card|wallet|register", with: "cash|regster") }
        assertRefused(bad, "terminals.csv line 5: field \"payments\" has \"regster\", not cash, card, wallet or register.")
    }

    func testAColumnMissingFromTheHeaderIsSaidSo() throws {
        let dir = try brokenCopy("plans.csv") { $0.replacingOccurrences(of: "price_yen", with: "price") }
        assertRefused(dir, "plans.csv line 1: field \"price_yen\" is missing from the header.")
    }

    func testAFaultGivenTwiceOrAnEmptyItemIsRefused() throws {
        XCTAssertThrowsError(try Faults(spec: "jam=0.1,paper-out=0.2,jam=0")) { error in
            XCTAssertEqual(String(describing: error), "Bad --faults: jam is given twice; give each fault once.")
        }
        XCTAssertThrowsError(try Faults(spec: "host-error=0.1,")) { error in
            XCTAssertEqual(String(describing: error),
                           "Bad --faults: \"host-error=0.1,\" has an empty item; separate NAME=PROBABILITY items by single commas.")
        }
        XCTAssertEqual(try Faults(spec: "").hostError, 0)
        XCTAssertEqual(try Faults(spec: "host-error=0.5, jam=0.25").jam, 0.25)
    }
}
