import ChildProcess
import Foundation
import XCTest

/// What a careless or hostile user types: each is refused in one sentence on stderr, with a
/// non-zero exit, and nothing is overwritten, created or left waiting.
final class HostileInputTests: XCTestCase {
    private var folder: URL!
    private var ledger = ""

    override func setUpWithError() throws {
        ledger = KioskBinary.temporaryLedger()
        folder = URL(fileURLWithPath: ledger).deletingLastPathComponent()
        let day = try KioskBinary.run(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--script", CrashTests.script,
                                       "--receipts", folder.path])
        XCTAssertEqual(day.status, 0, day.stderr)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func script(_ name: String, _ lines: [String]) throws -> String {
        let file = path(name)
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    @discardableResult
    private func assertRefused(_ arguments: [String], saying sentence: String, stdin: String? = nil,
                               file: StaticString = #filePath, line: UInt = #line) throws -> KioskBinary.Output {
        let out = try KioskBinary.run(arguments, stdin: stdin, timeout: 120)
        let command = arguments.joined(separator: " ")
        XCTAssertNotEqual(out.status, 0, command, file: file, line: line)
        XCTAssertLessThan(out.status, 128, "\(command) crashed: \(out.stderr)", file: file, line: line)
        XCTAssertTrue(out.stderr.contains(sentence), "\(command): \(out.stderr)", file: file, line: line)
        XCTAssertEqual(out.stderr.filter { $0 == "\n" }.count, 1, "\(command), not one line: \(out.stderr)", file: file, line: line)
        XCTAssertTrue(out.stderr.hasSuffix(".\n"), "\(command), not a sentence: \(out.stderr)", file: file, line: line)
        return out
    }

    private func sql(_ db: String, _ query: String) throws -> String {
        try ChildProcess.run("sqlite3", [db, query], timeout: 60).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Data loss

    func testOutNeverReplacesTheLedgerALinkADeviceOrAnExistingFile() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: ledger))
        try FileManager.default.createSymbolicLink(atPath: path("alias"), withDestinationPath: folder.path)
        try assertRefused(["ledger", "export", "--ledger", ledger, "--out", path("alias/ledger.sqlite"), "--force"],
                          saying: "is the ledger itself")
        try assertRefused(["report", "x", "--terminal", "FM-SBY-1", "--ledger", ledger, "--out", ledger + "-shm"],
                          saying: "one of the ledger's own files")
        XCTAssertEqual(mkfifo(path("pipe"), 0o644), 0)
        try assertRefused(["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--out", path("pipe"), "--force"],
                          saying: "is not a regular file")
        var info = stat()
        XCTAssertEqual(lstat(path("pipe"), &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO, "the pipe was replaced")
        let folderOut = try assertRefused(["receipt", "FM-SBY-1-000001", "--ledger", ledger, "--out", folder.path],
                                          saying: "is a folder; give --out the name of a file")
        XCTAssertFalse(folderOut.stderr.contains("NSCocoaErrorDomain"), folderOut.stderr)

        try "the accountant's notes".write(toFile: path("notes.csv"), atomically: true, encoding: .utf8)
        try assertRefused(["ledger", "export", "--ledger", ledger, "--out", path("notes.csv")], saying: "add --force to replace it")
        XCTAssertEqual(try String(contentsOfFile: path("notes.csv"), encoding: .utf8), "the accountant's notes")
        let forced = try KioskBinary.run(["ledger", "export", "--ledger", ledger, "--out", path("notes.csv"), "--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertNotEqual(try String(contentsOfFile: path("notes.csv"), encoding: .utf8), "the accountant's notes")

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledger)), before, "the ledger changed")
    }

    func testCommandsOnAMistypedLedgerPathCreateNothing() throws {
        let typo = path("ledgr.sqlite")
        for arguments in [["cash", "replenish", "--terminal", "FM-SBY-1", "--counts", "100=1"],
                          ["ledger", "recover"], ["report", "z", "--terminal", "FM-SBY-1"]] {
            try assertRefused(arguments + ["--ledger", typo], saying: "There is no ledger at \(typo)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: typo))
    }

    func testReceiptsGoIntoAFolderOrNowhere() throws {
        try "not a folder".write(toFile: path("receipts.txt"), atomically: true, encoding: .utf8)
        try assertRefused(["simulate", "--ledger", path("new.sqlite"), "--customers", "2", "--receipts", path("receipts.txt")],
                          saying: "is a file, not a folder")
        try assertRefused(["run", "--ledger", ledger, "--terminal", "FM-SBY-1", "--script", CrashTests.script,
                           "--receipts", path("receipts.txt/FM-SBY-1")], saying: "which is a file, not a folder")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.sqlite")))
    }

    // MARK: - Crashes

    func testEveryNumberFromOutsideIsBounded() throws {
        try assertRefused(["cash", "replenish", "--terminal", "FM-SBY-1", "--counts", "10=9223372036854775807", "--ledger", ledger],
                          saying: "a count of ¥10 is from 0 to")
        try assertRefused(["simulate", "--ledger", ledger, "--customers", "5000000000"], saying: "--customers must be from 0 to")
        try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--timeout", "86400000"],
                          saying: "--timeout must be from 10 to")
        for wait in ["1e300", "nan", "-1"] {
            let file = try script("wait.kiosk", ["tap start", "wait \(wait)"])
            try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", file],
                              saying: "line 2: \"\(wait)\" is not a number of seconds from 0 to")
        }
    }

    func testPlanAndSimulateValuesAreBoundedAndRefusedWithTheirRange() throws {
        let plan = ["plan", "--store", "fm-shibuya-center", "--days", "1", "--hours", "1"]
        let fresh = path("fresh.sqlite")
        for (arguments, sentence) in [
            (plan + ["--target", "p75-wait<=86401"], "\"p75-wait<=86401\" is not a waiting target; write pNN-wait<=SECONDS with NN from 1 to 99 and SECONDS from 0 to 86400 (a day)"),
            (plan + ["--target", "p95-wait<=inf"], "SECONDS from 0 to 86400"),
            (plan + ["--target", "p95-wait<=60", "--service", "exponential:1e12"], "with numbers from 0 to 86400 (a day)"),
            (plan + ["--target", "p95-wait<=60", "--max-machines", "0"], "--max-machines must be 1 or more, not 0."),
            (["plan", "--store", "fm-shibuya-center", "--target", "p95-wait<=60", "--days", "101"], "--days must be from 1 to 100, not 101."),
            (["simulate", "--ledger", fresh, "--arrivals", "10000.5"], "--arrivals must be a number of customers per hour above 0 and at most 10000, not 10000.5."),
            (["simulate", "--ledger", fresh, "--hours", "nan"], "--hours must be above 0 and at most a year of hours (8784), not nan."),
            (["simulate", "--ledger", fresh, "--service", "lognormal:60:1e9"], "with numbers from 0 to 86400 (a day)"),
        ] {
            // A bad value of a known option is a sentence and exit 1, not the usage.
            let out = try assertRefused(arguments, saying: sentence)
            XCTAssertEqual(out.status, 1, arguments.joined(separator: " "))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
    }

    func testADayOfMoreCustomersThanADayHoldsIsRefused() throws {
        let fresh = path("fresh.sqlite")
        try assertRefused(["simulate", "--store", "fm-namba", "--arrivals", "3000", "--hours", "40", "--ledger", fresh],
                          saying: "40 hours at up to 3000 customers an hour bring fm-namba as many as 120000 customers, and a simulated day has at most 100000; ask for fewer --hours or --arrivals, or cap the day with --customers.")
        try assertRefused(["plan", "--store", "lw-haneda-t3", "--target", "p95-wait<=60", "--arrivals", "900", "--hours", "168"],
                          saying: "as many as 151200 customers, and a simulated day has at most 100000; ask for fewer --hours or --arrivals.")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fresh))
        // A cap on the customers bounds the day whatever its hours.
        let capped = try KioskBinary.run(["simulate", "--store", "fm-namba", "--arrivals", "3000", "--hours", "40", "--customers", "5",
                                          "--ledger", fresh, "--receipts", folder.path])
        XCTAssertEqual(capped.status, 0, capped.stderr)
    }

    // MARK: - Hangs

    func testNothingWaitsForever() throws {
        try assertRefused(["run", "--store", "fm-shibuya-center", "--terminal", "FM-SBY-1", "--ledger", ledger],
                          saying: "needs a terminal on standard input and output; to play events without one, use --script FILE",
                          stdin: "1\n")
        XCTAssertEqual(mkfifo(path("ledger-pipe"), 0o644), 0)
        try assertRefused(["staff", "add", "--name", "Ito", "--ledger", path("ledger-pipe")], saying: "is a device, pipe or socket",
                          stdin: "1357\n")
        // A day of waiting jumps from one time-out to the next.
        let day = try script("day-wait.kiosk", ["tap start", "wait 86400", "expect attract", "wait 86400", "expect attract"])
        let waited = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", day])
        XCTAssertEqual(waited.status, 0, waited.stderr)
        let long = try script("long.kiosk", ["tap start", "type " + String(repeating: "0", count: 5_000)])
        try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", long],
                          saying: "line 2: the line is 5005 bytes long; a line is at most 1000")
    }

    func testAPlanStoppedBySIGINTOrSIGTERMLeavesNoScratchBehind() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        let base = FileManager.default.isWritableFile(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        for signal in [SIGINT, SIGTERM] {
            let plan = Process()
            plan.executableURL = KioskBinary.url
            plan.arguments = ["plan", "--store", "lw-haneda-t3", "--target", "p95-wait<=90", "--days", "20"]
            plan.currentDirectoryURL = KioskBinary.projectRoot
            plan.standardOutput = FileHandle.nullDevice
            plan.standardError = FileHandle.nullDevice
            try plan.run()
            let prefix = "kiosk-plan-\(plan.processIdentifier)-"
            func scratch() -> [String] {
                ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).filter { $0.hasPrefix(prefix) }
            }
            let end = Date().addingTimeInterval(60)
            while scratch().isEmpty, plan.isRunning, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
            XCTAssertFalse(scratch().isEmpty, "the plan made no scratch folder in \(base.path)")
            Thread.sleep(forTimeInterval: 0.5)
            XCTAssertTrue(plan.isRunning, "the plan ended before it could be stopped")
            kill(plan.processIdentifier, signal)
            plan.waitUntilExit()
            XCTAssertEqual(plan.terminationStatus, 128 + signal)
            // Removed as the process ends, within moments.
            let gone = Date().addingTimeInterval(10)
            while !scratch().isEmpty, Date() < gone { Thread.sleep(forTimeInterval: 0.05) }
            XCTAssertEqual(scratch(), [], "signal \(signal) left the scratch ledgers behind")
        }
    }

    // MARK: - Damaged ledgers

    func testADamagedLedgerIsOutOfServiceAndTakesNothingMore() throws {
        let root = try XCTUnwrap(Int(try sql(ledger, "SELECT rootpage FROM sqlite_master WHERE name = 'cash_movements'")))
        let pageSize = try XCTUnwrap(Int(try sql(ledger, "PRAGMA page_size")))
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: ledger))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data([0x0D, 0, 0, 0, 0x50] + [UInt8](repeating: 0xEE, count: 300)))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: ledger))
        try assertRefused(["cash", "replenish", "--terminal", "FM-SBY-1", "--counts", "100=5", "--ledger", ledger],
                          saying: "is damaged (it fails SQLite's own check), so nothing more is written to it")
        try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", CrashTests.script], saying: "is damaged")
        try assertRefused(["ledger", "verify", "--ledger", ledger], saying: "is damaged")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: ledger)), damaged, "something was written to the damaged ledger")
    }

    func testAKioskOnADamagedLedgerShowsStaffTheLedgersOwnSentence() throws {
        let root = try XCTUnwrap(Int(try sql(ledger, "SELECT rootpage FROM sqlite_master WHERE name = 'transactions'")))
        let pageSize = try XCTUnwrap(Int(try sql(ledger, "PRAGMA page_size")))
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: ledger))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data([0x0D, 0, 0, 0, 0x40] + [UInt8](repeating: 0xAB, count: 200)))
        try handle.close()
        let tmux = try Tmux(width: 200, ledger: ledger, arguments: ["--store", "fm-shibuya-center", "--terminal", "FM-SBY-1"])
        let screen = tmux.waitFor("damaged (it fails SQLite's own check)")
        XCTAssertTrue(screen.contains("restore it from a copy"), screen)
        XCTAssertFalse(screen.contains("could not be opened"), screen)
    }

    // MARK: - Wrong answers and nonsense

    func testSimulateRefusesATerminalNamedTwice() throws {
        try assertRefused(["simulate", "--ledger", ledger, "--terminal", "SE-KYO-1", "--terminal", "FM-SBY-1", "--terminal", "SE-KYO-1"],
                          saying: "Terminal SE-KYO-1 is named twice")
    }

    func testScriptLinesThatWouldDoNothingAreErrorsNamingTheLine() throws {
        for (lines, sentence) in [
            (["tap pay-card"], "line 1: there is no pay-card button on the attract screen"),
            (["tap start", "type 090-1234-5678", "key enter", "tap confirm", "tap digit 5"],
             "line 5: there is no digit 5 button on the choose-plan screen"),
            (["tap start", "type abc"], "line 2: \"abc\" has no digits to type"),
        ] {
            let file = try script("nothing.kiosk", lines)
            try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", file], saying: sentence)
        }
    }

    func testAScriptThatEndsWithTheCustomersCashInTheMachineFails() throws {
        let file = try script("walk-away.kiosk", ["tap start", "type 080-1111-2222", "key enter", "tap confirm",
                                                  "tap plan au-5g-30", "tap pay-cash", "cash 500"])
        try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", file],
                          saying: "open and ¥500 of the customer's cash in the machine (paying-cash); end it with `tap cancel`")
    }

    func testAScriptStoppedInTheMiddleOfASaleGivesTheCashBackAndSaysSo() throws {
        let file = try script("stopped.kiosk", ["tap start", "type 070-3333-4444", "key enter", "tap confirm",
                                                "tap plan sb-5g-30", "tap pay-cash", "cash 1000", "cash 500", "tap finish"])
        try assertRefused(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", file],
                          saying: "stopped.kiosk line 9: there is no finish button on the paying-cash screen")
        let out = try KioskBinary.run(["run", "--terminal", "FM-SBY-1", "--ledger", ledger, "--script", file])
        XCTAssertEqual(out.status, 1)
        XCTAssertTrue(out.stderr.contains("; the script stopped there, and the machine ended transaction FM-SBY-1-"), out.stderr)
        XCTAssertTrue(out.stderr.contains("and gave back the customer's ¥1,500 [tray: "), out.stderr)
        XCTAssertEqual(try sql(ledger, "SELECT COUNT(*) FROM transactions WHERE status = 'open'"), "0")
        let verify = try KioskBinary.run(["ledger", "verify", "--ledger", ledger])
        XCTAssertEqual(verify.status, 0, verify.stderr)
    }

    func testRefusedStaffWorkOnATerminalNeverOpenedWritesNothing() throws {
        func journalRows() throws -> String { try sql(ledger, "SELECT COUNT(*) FROM journal") }
        let before = try journalRows()
        for (arguments, sentence) in [
            (["paper", "load", "--terminal", "FM-NMB-1", "--staff", "Nobody"], "There is no member of staff called Nobody"),
            (["cash", "collect", "--terminal", "FM-NMB-1", "--counts", "500=1", "--staff", "Nobody"], "There is no member of staff called Nobody"),
            (["report", "z", "--terminal", "FM-NMB-1", "--staff", "Nobody"], "There is no member of staff called Nobody"),
            // More than the opening float holds, or room for: checked with the opening, in one write.
            (["cash", "collect", "--terminal", "FM-NMB-1", "--counts", "10000=1"], "fewer than the 1 to collect"),
            (["cash", "replenish", "--terminal", "FM-NMB-1", "--counts", "1000=199"], "has room for 197 more of ¥1000, not 199"),
        ] {
            try assertRefused(arguments + ["--ledger", ledger], saying: sentence)
            XCTAssertEqual(try journalRows(), before, arguments.joined(separator: " "))
        }
        XCTAssertEqual(try sql(ledger, "SELECT COUNT(*) FROM terminals WHERE terminal_id = 'FM-NMB-1'"), "0")
        let paid = try KioskBinary.run(["cash", "replenish", "--terminal", "FM-NMB-1", "--counts", "1000=1", "--ledger", ledger])
        XCTAssertEqual(paid.status, 0, paid.stderr)
        XCTAssertEqual(Int(try journalRows()), Int(before)! + 2, "the opening float and the replenishment")
    }

    // MARK: - Messages

    func testAWordThatIsNoCommandIsNamed() throws {
        for (arguments, sentence) in [
            (["simulat", "--customers", "3"], "\"simulat\" is not a command of kiosk; the commands are run, stores"),
            (["help", "ledger", "nope"], "\"nope\" is not a command of kiosk ledger; the commands are verify, recover, export"),
            (["ledger", "verfy", "--ledger", ledger], "\"verfy\" is not a command of kiosk ledger"),
            (["report", "x", "--terminal", "FM-SBY-9", "--ledger", ledger], "Terminal FM-SBY-9 is not in the fixtures"),
        ] {
            try assertRefused(arguments, saying: sentence)
        }
    }
}
