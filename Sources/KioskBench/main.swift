import Foundation

// Every benchmark the product promises, in one table. Run by `make bench` (release build);
// `scripts/bench.sh receipts flows` runs only the groups named.
setvbuf(stdout, nil, _IOLBF, 0)
let groups = ["receipts", "flows", "screen", "report", "plan", "hq", "dashboard"]
let asked = CommandLine.arguments.dropFirst()
if let unknown = asked.first(where: { !groups.contains($0) }) {
    FileHandle.standardError.write(Data("No benchmark group \(unknown); the groups are \(groups.joined(separator: ", ")).\n".utf8))
    exit(64)
}
func wanted(_ group: String) -> Bool { asked.isEmpty || asked.contains(group) }

var rows: [BenchRow] = []
if wanted("receipts") { rows += ReceiptBench.rows() }
// The ledger benchmarks work on files on disk, where a kiosk keeps its ledger.
let folder = URL(fileURLWithPath: "var/bench")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
if wanted("flows") { rows += try FlowBench.rows(folder: folder) }
if wanted("screen") { rows += try ScreenBench.rows(folder: folder) }
if wanted("report") { rows += ReportBench.rows() }
if wanted("plan") { rows += try PlanBench.rows(folder: folder) }
if wanted("hq") { rows += try HQBench.rows(folder: folder) }
if wanted("dashboard") { rows += try DashboardBench.rows(folder: folder) }
Bench.printTable(rows)
