import Foundation

// Every benchmark the product promises, in one table. Run by `make bench` (release build).
setvbuf(stdout, nil, _IOLBF, 0)
var rows: [BenchRow] = []
rows += ReceiptBench.rows()
rows += ReportBench.rows()
Bench.printTable(rows)
