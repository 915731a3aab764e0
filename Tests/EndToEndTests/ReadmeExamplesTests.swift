import ChildProcess
import Foundation
import XCTest

/// The README's shell examples (every block under Commands but the script syntax's) run in order, each exactly as
/// written, in a folder that stands for a fresh clone: the sample fixtures and scripts are
/// there, and the default `var/ledger.sqlite` and `var/receipts/` land in that folder. Every
/// one exits 0 and prints what the README says it prints. Run twice: on a clone where nothing
/// has run yet, and on the demo ledger that `make run` makes first.
final class ReadmeExamplesTests: XCTestCase {
    private var clone: URL!

    override func setUpWithError() throws {
        clone = FileManager.default.temporaryDirectory.appendingPathComponent("readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: clone, withIntermediateDirectories: true)
        for shared in ["fixtures", "Tests"] {
            try FileManager.default.createSymbolicLink(at: clone.appendingPathComponent(shared),
                                                       withDestinationURL: KioskBinary.projectRoot.appendingPathComponent(shared))
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: clone)
    }

    func testTheExamplesRunInOrderOnAFreshClone() throws {
        try runTheExamples(demo: false)
    }

    func testTheExamplesRunInOrderOnTheDemoLedger() throws {
        // What `make run` does to a new ledger before it opens the kiosk.
        XCTAssertEqual(try shell("echo 2468 | kiosk staff add --name Demo").status, 0)
        try runTheExamples(demo: true)
    }

    private func runTheExamples(demo: Bool) throws {
        let commands = try Self.examples()
        XCTAssertEqual(commands, Self.expected(demo: demo).map(\.command), "the README's examples and this test's list differ")
        for (command, check) in Self.expected(demo: demo) where commands.contains(command) {
            let out = try shell(command)
            XCTAssertEqual(out.status, 0, "\(command)\n\(out.errors)")
            XCTAssertEqual(out.errors, "", command)
            if let broken = check(out.output, clone) { XCTFail("\(command): \(broken)\n\(out.output)") }
        }
    }

    /// "Every command that needs the stores, carriers or cards takes `--fixtures DIR` …: all
    /// but `staff`, …": the commands named there are exactly those whose help has no `--fixtures`.
    func testTheREADMENamesTheCommandsThatTakeNoFixtures() throws {
        let commands = ["run", "stores", "report x", "report z", "cash status", "cash replenish", "cash collect", "paper status",
                        "paper load", "staff add", "staff list", "receipt", "ledger verify", "ledger recover", "ledger id",
                        "ledger export", "register open", "register pay", "register void", "simulate", "plan", "hq enroll",
                        "hq serve", "hq push", "hq verify", "hq report", "hq user add", "hq revoke"]
        var without: Set<String> = []
        for command in commands {
            let help = try shell("kiosk \(command) --help")
            XCTAssertEqual(help.status, 0, command)
            if !help.output.contains("--fixtures") { without.insert(command) }
        }
        let text = try String(contentsOf: KioskBinary.projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let start = try XCTUnwrap(text.range(of: "takes `--fixtures DIR` (default `fixtures`): all but "))
        let end = try XCTUnwrap(text.range(of: ".", range: start.upperBound..<text.endIndex))
        let named = text[start.upperBound..<end.lowerBound].split(separator: "`", omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        // `staff` stands for its commands, `hq user` for its one.
        let expanded = Set(named.flatMap { $0 == "staff" ? ["staff add", "staff list"] : $0 == "hq user" ? ["hq user add"] : [$0] })
        XCTAssertEqual(expanded, without)
    }

    /// Runs one line through the shell, with `kiosk` the binary under test.
    private func shell(_ line: String) throws -> ChildProcess.Result {
        let bin = KioskBinary.url.deletingLastPathComponent().path
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path
        return try ChildProcess.run("/bin/sh", ["-c", line], environment: environment, directory: clone.path, timeout: 120)
    }

    /// The shell lines of the blocks in the README's Commands section, comments dropped.
    static func examples() throws -> [String] {
        let readme = try String(contentsOf: KioskBinary.projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var lines: [String] = []
        var inCommands = false, inBlock = false, inShell = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { inCommands = line == "## Commands" }
            guard inCommands else { continue }
            // Every block is shell but those labelled otherwise (`text`, the script's syntax).
            if line.hasPrefix("```") {
                inBlock.toggle()
                inShell = inBlock && (line == "```sh" || line == "```")
                continue
            }
            guard inShell else { continue }
            let command = line.replacingOccurrences(of: #"\s+#.*$"#, with: "", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
            if !command.isEmpty { lines.append(command) }
        }
        return lines
    }

    /// The report's JSON keys as the README lists them: "The JSON keys (`kind`, `number`, …)
    /// stay stable", each in backquotes, with words about some in brackets beside them.
    static var jsonKeys: [String] {
        guard let text = try? String(contentsOf: KioskBinary.projectRoot.appendingPathComponent("README.md"), encoding: .utf8)
        else { return [] }
        // Lines joined, as the sentence may wrap anywhere.
        let readme = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard let start = readme.range(of: "The JSON keys ("),
              let end = readme.range(of: ") stay stable", range: start.upperBound..<readme.endIndex) else { return [] }
        return readme[start.upperBound..<end.lowerBound].split(separator: "`", omittingEmptySubsequences: false)
            .enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// What the README says each prints; nil when it does, or what is wrong.
    typealias Check = (_ stdout: String, _ folder: URL) -> String?

    static func expected(demo: Bool) -> [(command: String, check: Check)] {
        func missing(_ texts: [String], in out: String) -> String? {
            texts.first { !out.contains($0) }.map { "no \"\($0)\"" }
        }
        func has(_ texts: String...) -> Check { { out, _ in missing(texts, in: out) } }
        // Every denomination as count / capacity, and the total.
        let cashShown: Check = { out, _ in
            let rows = out.split(separator: "\n").filter { $0.range(of: #"^  ¥[0-9,]+ +[0-9]+ / [0-9]+"#, options: .regularExpression) != nil }
            return rows.count == 7 && out.contains("Cash in SE-SJK3-1:") && out.contains("  Total   ¥") ? nil : "not the cash by denomination"
        }
        func and(_ a: @escaping Check, _ b: @escaping Check) -> Check { { a($0, $1) ?? b($0, $1) } }
        return [
            ("echo 1357 | kiosk staff add --name Sato", has("Added Sato to the staff")),
            ("kiosk staff list", { out, _ in out == (demo ? "Demo\nSato\n" : "Sato\n") ? nil : "not the staff" }),
            ("kiosk cash status    --terminal SE-SJK3-1", and(cashShown, has("  ¥5,000     5 / 100", "Total   ¥98,000"))),
            ("kiosk cash replenish --terminal SE-SJK3-1 --counts 1000=20,100=50 --staff Sato",
             and(has("Sato put ¥25,000 into SE-SJK3-1: ¥1,000 × 20, ¥100 × 50.\n"), cashShown)),
            ("kiosk cash collect   --terminal SE-SJK3-1 --counts 5000=5,1000=30 --staff Sato",
             and(has("Sato took ¥55,000 out of SE-SJK3-1: ¥5,000 × 5, ¥1,000 × 30.\n"), cashShown)),
            ("kiosk paper status   --terminal SE-SJK3-1", { out, _ in out == "Paper in SE-SJK3-1: 400 sheets.\n" ? nil : "not the paper" }),
            ("kiosk paper load     --terminal SE-SJK3-1 --staff Sato", has("Sato loaded a roll of 400 sheets into SE-SJK3-1.")),
            ("kiosk report x --terminal SE-SJK3-1", has("X REPORT", "= Expected", "¥68,000", "By hour (JST)")),
            ("kiosk report z --terminal SE-SJK3-1 --counted 10000=2,1000=31,100=150,10=96 --staff Sato",
             has("Z REPORT No. 1", "Counted                            ¥66,960", "Short", "never changes")),
            ("kiosk report z --store se-shinjuku-3 --format pdf --out z.pdf", { out, folder in
                let pdf = FileManager.default.contents(atPath: folder.appendingPathComponent("z.pdf").path) ?? Data()
                return out.isEmpty && pdf.starts(with: Data("%PDF".utf8)) ? nil : "no z.pdf"
            }),
            ("kiosk report x --store se-shinjuku-3 --format json", { out, _ in
                let keys = jsonKeys
                guard !keys.isEmpty, let json = try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else { return "not JSON" }
                return Set(json.keys) == Set(keys) && json["store"] as? String == "se-shinjuku-3" ? nil : "keys \(json.keys.sorted())"
            }),
            ("kiosk run --terminal FM-SBY-1 --script Tests/EndToEndTests/Scripts/day.kiosk", { out, _ in
                let lines = out.split(separator: "\n").map(String.init)
                guard lines.first == "start: attract" else { return "does not start on the attract screen" }
                // One line for each line of the script that does something, each with its number.
                guard lines.dropFirst().allSatisfy({ $0.range(of: #"^[0-9]+: [a-z-]+"#, options: .regularExpression) != nil }),
                      Set(lines.dropFirst().map { $0.prefix { $0 != ":" } }).count == lines.count - 1 else {
                    return "not one numbered line per script line"
                }
                return missing(["done receipt 1 FM-SBY-1-000001", "[tray: ¥1,000×4 ¥10×2]", "cancelled returned ¥1,500"], in: out)
            }),
            ("kiosk run --terminal LW-SPR-2 --script Tests/EndToEndTests/Scripts/slips.kiosk",
             has("slip-issued LW-SPR-2-S000001 ¥2,980, pay at the register by", "slip-issued LW-SPR-2-S000002 ¥3,280",
                 "slip-issued LW-SPR-2-S000003 ¥2,980")),
            ("kiosk register pay LW-SPR-2-S000001 --cash 5000 --store lw-sapporo-odori --register LW-SPR-R1",
             has("done receipt 1 LW-SPR-R1-000001", "change ¥2,020")),
            ("kiosk register pay LW-SPR-2-S000002 --card visa-ok --store lw-sapporo-odori --register LW-SPR-R1",
             has("done receipt 2 LW-SPR-R1-000002")),
            ("kiosk register void LW-SPR-2-S000003 --store lw-sapporo-odori --register LW-SPR-R1",
             has("Slip LW-SPR-2-S000003 is voided")),
            // The drawer's float, with the ¥5,000 taken and the ¥2,020 change given.
            ("kiosk cash status --terminal LW-SPR-R1", has("Cash in LW-SPR-R1:", "  ¥5,000    11 / 100", "Total   ¥141,480")),
        ]
    }
}
