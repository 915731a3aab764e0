import Foundation

// Every benchmark the product promises, in one table. Run by `make bench` (release build).
setvbuf(stdout, nil, _IOLBF, 0)
var rows: [BenchRow] = []
rows += ReceiptBench.rows()
// The ledger benchmarks work on files on disk, where a kiosk keeps its ledger.
let folder = URL(fileURLWithPath: "var/bench")
try? FileManager.default.removeItem(at: folder)
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
rows += try FlowBench.rows(folder: folder)
rows += try ScreenBench.rows(folder: folder)
rows += ReportBench.rows()
Bench.printTable(rows)
