import Foundation
import XCTest
import Kiosk
import Ledger

/// `kiosk simulate --stores`: stores at once, each on its own ledger file and thread, each
/// store's day the one `--store` gives it alone.
final class StoresDayTests: XCTestCase {
    private func summary(_ text: String, of store: String? = nil) -> [String] {
        var lines = text.split(separator: "\n").map(String.init)
        if let store, let start = lines.firstIndex(where: { $0.hasPrefix("\(store) (") }) { lines = Array(lines[(start + 1)...]) }
        return Array(lines.prefix { !$0.hasPrefix("hour") }.filter { !$0.contains("customers per second") })
    }

    func testEachStoreOnItsOwnLedgerIsTheDayItHasAlone() throws {
        let folder = URL(fileURLWithPath: KioskBinary.temporaryLedger()).deletingLastPathComponent()
        let dir = folder.appendingPathComponent("stores").path
        let stores = ["se-shinjuku-3", "lw-haneda-t3", "fm-namba"]
        let catalogue = try FixtureLoader.load(from: KioskBinary.projectRoot.appendingPathComponent("fixtures"), today: JapanTime.date(Date()))
        let together = try KioskBinary.run(["simulate", "--stores", stores.joined(separator: ","), "--ledger-dir", dir,
                                            "--customers", "120", "--seed", "3", "--receipts", folder.path])
        XCTAssertEqual(together.status, 0, together.stderr)
        XCTAssertTrue(together.stdout.contains("All 3 stores: 360 customers"), together.stdout)
        for store in stores {
            let ledger = "\(dir)/\(store).sqlite"
            XCTAssertEqual(try Invariants.check(try Ledger(path: ledger)), [], store)
            let terminals = Set(try Ledger(path: ledger).transactions().map(\.terminalId))
            XCTAssertFalse(terminals.isEmpty, store)
            XCTAssertTrue(terminals.allSatisfy { catalogue.device($0)?.storeId == store }, "\(store): \(terminals)")
            let alone = try KioskBinary.run(["simulate", "--store", store, "--ledger", folder.appendingPathComponent("\(store)-alone.sqlite").path,
                                             "--customers", "120", "--seed", "3", "--receipts", folder.path])
            XCTAssertEqual(alone.status, 0, alone.stderr)
            XCTAssertEqual(summary(together.stdout, of: store), summary(alone.stdout), store)
        }
    }

    func testBadInputIsOneSentence() throws {
        let dir = URL(fileURLWithPath: KioskBinary.temporaryLedger()).deletingLastPathComponent().appendingPathComponent("s").path
        for (arguments, words) in [
            (["--stores", "se-shinjuku-3"], "--stores needs --ledger-dir"),
            (["--stores", "se-shinjuku-3,nowhere", "--ledger-dir", dir], "Unknown store \"nowhere\""),
            (["--stores", "fm-namba,fm-namba", "--ledger-dir", dir], "named twice"),
            (["--stores", "fm-namba,", "--ledger-dir", dir], "empty item"),
            (["--stores", "fm-namba", "--store", "fm-namba", "--ledger-dir", dir], "without --store"),
            (["--ledger-dir", dir], "--ledger-dir is for --stores"),
        ] {
            let out = try KioskBinary.run(["simulate", "--customers", "5"] + arguments)
            XCTAssertNotEqual(out.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(out.stderr.contains(words), "\(arguments): \(out.stderr)")
        }
    }
}
