import Foundation
import XCTest
import Money
import Kiosk
import Ledger

/// A terminal belongs to the process that drives it: a second kiosk, or staff recovering the
/// ledger, never settles a sale that is still going on.
final class TerminalHoldTests: XCTestCase {
    private var fixtures: String { KioskBinary.projectRoot.appendingPathComponent("fixtures").path }

    /// A customer at FM-SBY-1 who chose the ¥2,980 plan and put in ¥1,000.
    private func customerWithOneThousandIn() throws -> Tmux {
        let tmux = try Tmux(arguments: ["--store", "fm-shibuya-center", "--terminal", "FM-SBY-1"])
        tmux.waitFor("Top up your SIM")
        try tmux.keys("Enter", "09012345678", "Enter")
        tmux.waitFor("NTT docomo")
        try tmux.keys("Enter", "2", "1")
        tmux.waitFor("Simulated devices")
        try tmux.keys("T")
        tmux.waitFor("¥1,980")
        return tmux
    }

    private func journalRows(_ ledger: String) throws -> Int {
        try Ledger(path: ledger).journal().count
    }

    func testASecondKioskIsRefusedAndRecoveryLeavesTheLiveSaleAlone() throws {
        let tmux = try customerWithOneThousandIn()
        let rows = try journalRows(tmux.ledger)

        let second = try KioskBinary.run(["run", "--store", "fm-shibuya-center", "--terminal", "FM-SBY-1",
                                          "--ledger", tmux.ledger, "--fixtures", fixtures])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.contains("Terminal FM-SBY-1 is in use by process"), second.stderr)
        let script = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", tmux.ledger, "--fixtures", fixtures,
                                          "--script", CrashTests.script])
        XCTAssertEqual(script.status, 1, script.stdout)
        let simulate = try KioskBinary.run(["simulate", "--terminal", "FM-SBY-1", "--customers", "3",
                                            "--ledger", tmux.ledger, "--fixtures", fixtures])
        XCTAssertEqual(simulate.status, 1, simulate.stdout)
        XCTAssertTrue(simulate.stderr.contains("in use by process"), simulate.stderr)
        let collect = try KioskBinary.run(["cash", "collect", "--terminal", "FM-SBY-1", "--counts", "1000=1",
                                           "--staff", "Sato", "--ledger", tmux.ledger])
        XCTAssertEqual(collect.status, 1)
        XCTAssertTrue(collect.stderr.contains("Terminal FM-SBY-1 is in use by process"), collect.stderr)

        // Another name for the same file holds the same terminals: a link to it, or a path through `..`.
        let folder = (tmux.ledger as NSString).deletingLastPathComponent
        let link = folder + "/another-name.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: tmux.ledger)
        let dotted = folder + "/../" + (folder as NSString).lastPathComponent + "/" + (tmux.ledger as NSString).lastPathComponent
        for name in [tmux.ledger, link, dotted] {
            let recover = try KioskBinary.run(["ledger", "recover", "--ledger", name, "--fixtures", fixtures])
            XCTAssertEqual(recover.status, 0, recover.stderr)
            XCTAssertTrue(recover.stdout.contains("FM-SBY-1-000001: left open: terminal FM-SBY-1 is in use by process"),
                          "\(name): \(recover.stdout)")
            let other = try KioskBinary.run(["run", "--store", "fm-shibuya-center", "--terminal", "FM-SBY-1",
                                             "--ledger", name, "--fixtures", fixtures])
            XCTAssertEqual(other.status, 1, name)
        }
        XCTAssertEqual(try journalRows(tmux.ledger), rows, "nothing was written while the terminal was held")

        // The live sale carries on as if nothing happened.
        try tmux.keys("T", "T")
        let done = tmux.waitFor("Top-up complete")
        XCTAssertTrue(done.contains("¥20"), done)
        let ledger = try Ledger(path: tmux.ledger)
        XCTAssertEqual(try ledger.transaction(id: "FM-SBY-1-000001")?.status, .completed)
        XCTAssertEqual(try Invariants.check(ledger), [])
    }

    func testAfterTheKioskIsKilledRecoveryGivesTheCashBack() throws {
        let tmux = try customerWithOneThousandIn()
        let holder = try String(contentsOfFile: tmux.ledger + "-holds/FM-SBY-1", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try XCTUnwrap(Int32(holder))
        XCTAssertEqual(kill(pid, SIGKILL), 0)
        tmux.waitFor("KIOSK-EXIT-137")

        let recover = try KioskBinary.run(["ledger", "recover", "--ledger", tmux.ledger, "--fixtures", fixtures,
                                           "--receipts", tmux.receipts])
        XCTAssertEqual(recover.status, 0, recover.stderr)
        XCTAssertTrue(recover.stdout.contains("FM-SBY-1-000001: ¥1,000 returned; refunded"), recover.stdout)
        let ledger = try Ledger(path: tmux.ledger)
        XCTAssertEqual(try ledger.transaction(id: "FM-SBY-1-000001")?.status, .refunded)
        XCTAssertEqual(try Invariants.check(ledger), [])
        // A second recovery finds nothing more to do.
        let again = try KioskBinary.run(["ledger", "recover", "--ledger", tmux.ledger, "--fixtures", fixtures])
        XCTAssertTrue(again.stdout.contains("Nothing to recover"), again.stdout)
    }
}
