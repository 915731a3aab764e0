import ArgumentParser
import Foundation
import Kiosk
import Ledger
import Receipt

/// Where the sample world comes from.
struct FixtureOptions: ParsableArguments {
    @Option(help: "The fixtures folder: stores, carriers, plans, SIM accounts, test cards, cash floats.")
    var fixtures: String = "fixtures"

    func catalogue(today: String = JapanTime.date(Date())) throws -> Catalogue {
        do {
            return try FixtureLoader.load(from: URL(fileURLWithPath: fixtures), today: today)
        } catch {
            throw Failure("Cannot use the fixtures: \(error)")
        }
    }
}

extension Language {
    /// A language named on the command line, or the sentence that lists the ones there are.
    static func named(_ code: String) throws -> Language {
        guard let language = Language(rawValue: code) else {
            throw Failure("Unknown language \"\(code)\"; use en, ja, zh-Hans or zh-Hant.")
        }
        return language
    }
}

/// An error the command line reports as one plain sentence on stderr, with a non-zero exit.
struct Failure: Error, CustomStringConvertible {
    let description: String
    let code: Int32
    init(_ description: String, code: Int32 = 1) {
        self.description = description
        self.code = code
    }
}

extension ParsableCommand {
    /// Runs a body, turning any failure into one sentence on stderr and an exit code.
    func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            FileHandle.standardError.write(Data((failure.description + "\n").utf8))
            throw ExitCode(failure.code)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Which ledger file.
struct LedgerOptions: ParsableArguments {
    @Option(help: "The ledger file: made by the first command that records, and refused when missing by one that only reads.")
    var ledger: String = LedgerOptions.defaultPath

    static let defaultPath = "var/ledger.sqlite"

    /// The default ledger's folder is made on first use; a folder the user names must exist.
    func makeDefaultFolder() {
        guard ledger == Self.defaultPath else { return }
        try? FileManager.default.createDirectory(atPath: URL(fileURLWithPath: ledger).deletingLastPathComponent().path,
                                                 withIntermediateDirectories: true)
    }

    /// Takes the terminal for this process, or says in one sentence who has it.
    func hold(_ terminalId: String) throws {
        do {
            try TerminalHold.take(terminalId, ledgerPath: ledger)
        } catch {
            throw Failure("\(error)")
        }
    }

    /// Opens the ledger for a command that reads what is already there: a mistyped path is
    /// refused rather than made into a new, empty ledger that the command then reports on.
    /// `readingOnly`: for a command that never writes to it (see `Ledger.init`).
    func openExisting(readingOnly: Bool = false) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: ledger) else {
            throw Failure("There is no ledger at \(ledger); check the path (a kiosk creates its ledger when it first runs).")
        }
        return try open(readingOnly: readingOnly)
    }

    /// Opens the ledger for a command that cannot work without it, creating it when missing.
    func open(readingOnly: Bool = false) throws -> Ledger {
        makeDefaultFolder()
        do {
            return try Ledger(path: ledger, readingOnly: readingOnly)
        } catch {
            throw Failure("\(error)")
        }
    }
}

/// For crash tests: the process kills itself (SIGKILL) just before its Nth effect.
struct CrashOptions: ParsableArguments {
    @Option(help: .hidden)
    var crashBeforeEffect: Int?

    func arm(_ runtime: KioskRuntime) {
        guard let crashBeforeEffect else { return }
        var performed = 0
        runtime.observe = { _ in
            performed += 1
            if performed == crashBeforeEffect { kill(getpid(), SIGKILL) }
        }
    }
}

/// The folder a command prints receipts into (`--receipts`).
enum ReceiptsFolder {
    /// A folder, or a path that can become one: the nearest part of it that exists must be a
    /// folder, or every sale would finish with its receipt unprinted.
    static func check(_ path: String?) throws {
        guard let path else { return }
        var url = URL(fileURLWithPath: path)
        var isFolder: ObjCBool = false
        while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return }
            url = parent
        }
        guard isFolder.boolValue else {
            throw Failure(url.path == URL(fileURLWithPath: path).path
                ? "--receipts \(path) is a file, not a folder; receipts are written into a folder."
                : "--receipts \(path) is inside \(url.path), which is a file, not a folder.")
        }
    }
}
