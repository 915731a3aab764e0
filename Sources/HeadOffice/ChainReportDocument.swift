import Foundation
import Ledger
import Money
import Receipt

/// The chain report as a document, for the same renderers as a store's own reports (PDF,
/// text): one block per view, then each Z with its over/short, refunds owed and silent stores.
extension ChainReport {
    public var document: Document {
        var doc = Document([.text(title.uppercased(), .center, .bold),
                            .text("Business days \(from ?? "first") to \(to ?? "last")", .center), .rule(),
                            .columns("Sales (\(sales.count))", formatYen(sales.yen), .bold),
                            .columns("  incl. consumption tax", formatYen(sales.taxYen))])
        func block(_ heading: String, _ rows: [(String, Tally)]) {
            doc.append(contentsOf: [.rule(), .text(heading, .left, .bold)])
            doc.append(contentsOf: rows.map { .columns("\($0.0) (\($0.1.count))", formatYen($0.1.yen)) })
        }
        block("BY STORE", byStore.keys.sorted().map { ($0, byStore[$0]!) })
        block("BY TERMINAL", byTerminal.keys.sorted().map { ("\($0.store) \($0.terminal)", byTerminal[$0]!) })
        block("BY CARRIER AND PLAN", byPlan.keys.sorted().map { ("\($0.carrier) \($0.plan)", byPlan[$0]!) })
        block("BY PAYMENT", PaymentMethod.allCases.map { ($0.rawValue.capitalized, byPayment[$0.rawValue] ?? Tally()) })
        block("BY BRAND", byBrand.keys.sorted().map { ($0, byBrand[$0]!) })
        block("BY WHERE PAID", ShiftReport.PaidAt.allCases.map { ($0.label, byPlace[$0] ?? Tally()) })
        doc.append(contentsOf: [.rule(), .text("APPLICATION SLIPS", .left, .bold),
                                .columns("Issued", String(slips.issued)), .columns("Paid", String(slips.paid)),
                                .columns("Expired", String(slips.expired)), .columns("Voided", String(slips.voided))])
        block("BY BUSINESS DAY", byDay.keys.sorted().map { ($0, byDay[$0]!) })
        doc.append(contentsOf: [.rule(), .text("Z REPORTS", .left, .bold)])
        if zReports.isEmpty { doc.append(.text("None closed.")) }
        for line in zReports {
            let z = line.z
            doc.append(contentsOf: [.text("\(line.store) \(z.terminalId) Z\(z.number) \(z.businessDate)"),
                                    .columns("  Sales (\(z.salesCount))", formatYen(z.salesYen)),
                                    .columns("  Expected cash", formatYen(z.cash.expectedYen))])
            if let counted = z.cash.countedYen, let overShort = z.overShortYen {
                doc.append(contentsOf: [.columns("  Counted", formatYen(counted)),
                                        .columns("  Over/short", (overShort > 0 ? "+" : "") + formatYen(overShort), overShort == 0 ? [] : .bold)])
            } else {
                doc.append(.text("  Cash not counted: no over/short."))
            }
        }
        block("REFUNDS STILL OWED", [("All stores", refundsDue)] + refundsDueByStore.keys.sorted().map { ("  " + $0, refundsDueByStore[$0]!) })
        doc.append(contentsOf: [.rule(), .text("SILENT FOR MORE THAN \(silentHours) H", .left, .bold)])
        if silent.isEmpty { doc.append(.text("None.")) }
        doc.append(contentsOf: silent.map { .columns($0.store, $0.lastPushAt.map { "last push " + $0.prefix(16).replacingOccurrences(of: "T", with: " ") } ?? "never pushed") })
        return doc
    }
}
