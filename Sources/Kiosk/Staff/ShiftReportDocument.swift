import Foundation
import Ledger
import Receipt

/// An X or Z report as the kiosk's printer prints it (and, through the same renderers, as
/// text and PDF): the store's head, the period, then transactions, sales, cash and refunds
/// owed. Names of the store, carriers and plans come from the catalogue when it has them.
extension ShiftReport {
    public func document(catalogue: Catalogue?, language: Language = .en) -> Document {
        var doc = Document(head(catalogue, language))
        doc.append(contentsOf: [.rule(), .text("TRANSACTIONS", .left, .bold)])
        let statuses: [(String, TransactionStatus)] = [("Completed", .completed), ("Cancelled", .cancelled),
                                                       ("Refunded", .refunded), ("Refund due", .refundDue), ("Failed", .failed)]
        doc.append(contentsOf: statuses.map { .columns($0.0, String(transactions[$0.1] ?? 0)) })

        doc.append(contentsOf: [.rule(), .text("SALES", .left, .bold),
                                .columns("Sales (\(sales.count))", formatYen(sales.yen), .bold),
                                .columns("  incl. consumption tax", formatYen(taxYen)),
                                .text("By payment")])
        for method in PaymentMethod.allCases {
            let t = byPayment[method.rawValue] ?? Tally()
            doc.append(.columns("  \(method.rawValue.capitalized) (\(t.count))", formatYen(t.yen)))
        }
        if !byBrand.isEmpty { doc.append(.text("By brand")) }
        for brand in byBrand.keys.sorted() {
            doc.append(.columns("  \(brand) (\(byBrand[brand]!.count))", formatYen(byBrand[brand]!.yen)))
        }
        doc.append(.text("By where paid"))
        for place in PaidAt.allCases {
            let t = byPlace[place] ?? Tally()
            doc.append(.columns("  \(place.label) (\(t.count))", formatYen(t.yen)))
        }
        if slips.issued > 0 {
            doc.append(contentsOf: [.text("Slips for the register"),
                                    .columns("  Issued", String(slips.issued)), .columns("  Paid", String(slips.paid)),
                                    .columns("  Expired", String(slips.expired)), .columns("  Voided", String(slips.voided))])
        }
        doc.append(contentsOf: plans(catalogue, language))
        doc.append(contentsOf: hours())

        // A register's drawer is reported as its own, never as a machine's cash.
        let title = isRegister ? "CASH IN THE REGISTER'S DRAWER" : terminalId == nil ? "CASH IN THE MACHINES" : "CASH IN THE MACHINE"
        doc.append(contentsOf: [.rule(), .text(title, .left, .bold),
                                .columns("Opening", formatYen(cash.openingYen)),
                                .columns("+ Cash in", formatYen(cash.inYen)),
                                .columns("- Change out", formatYen(cash.changeOutYen)),
                                .columns("- Refunded", formatYen(cash.refundedYen)),
                                .columns("+ Replenished", formatYen(cash.replenishedYen)),
                                .columns("- Collected", formatYen(cash.collectedYen)),
                                .columns("= Expected", formatYen(cash.expectedYen), .bold)])
        if let counted = cash.countedYen, let overShort = cash.overShortYen {
            doc.append(.columns("Counted", formatYen(counted)))
            let word = overShort > 0 ? "Over" : overShort < 0 ? "Short" : "Over/short"
            doc.append(.columns(word, formatYen(overShort), .bold))
        } else {
            doc.append(.text("Cash not counted: no over/short."))
        }
        if let drawers = registerCash {
            doc.append(contentsOf: [.rule(), .text("CASH IN THE REGISTERS' DRAWERS", .left, .bold),
                                    .columns("Opening", formatYen(drawers.openingYen)),
                                    .columns("+ Cash in", formatYen(drawers.inYen)),
                                    .columns("- Change out", formatYen(drawers.changeOutYen)),
                                    .columns("- Refunded", formatYen(drawers.refundedYen)),
                                    .columns("+ Replenished", formatYen(drawers.replenishedYen)),
                                    .columns("- Collected", formatYen(drawers.collectedYen)),
                                    .columns("= Expected", formatYen(drawers.expectedYen), .bold)])
        }
        doc.append(contentsOf: [.rule(), .columns("Refunds still owed (\(refundsDue.count))", formatYen(refundsDue.yen), .bold)])
        if kind == .z { doc.append(contentsOf: [.rule(), .text("Closed. This Z report never changes.", .center)]) }
        return doc
    }

    private func head(_ catalogue: Catalogue?, _ language: Language) -> [Line] {
        var lines: [Line] = []
        if let store = catalogue?.store(storeId) {
            if let chain = catalogue?.chain(store.chainId) { lines.append(.text(chain.name[language], .center, [.bold, .doubleSize])) }
            lines.append(.text(store.name[language], .center, .bold))
            lines.append(.text(store.address[language], .center))
        } else {
            lines.append(.text(storeId, .center, .bold))
        }
        lines.append(.rule())
        let title = kind == .x ? "X REPORT (interim)" : number.map { "Z REPORT No. \($0)" } ?? "Z REPORT"
        lines.append(.text(title, .center, [.bold, .doubleSize]))
        if let terminalId {
            lines.append(.columns("Terminal", terminalId))
        } else {
            lines.append(.columns("Store", "all terminals"))
            for (terminal, n) in closedNumbers.sorted(by: { $0.key < $1.key }) {
                lines.append(.columns("  \(terminal)", "Z No. \(n)"))
            }
        }
        lines.append(.columns("From", from.map(Self.time) ?? "first entry"))
        lines.append(.columns("To", Self.time(to)))
        return lines
    }

    private func plans(_ catalogue: Catalogue?, _ language: Language) -> [Line] {
        var lines: [Line] = [.text("By carrier and plan")]
        var carrier: String?
        for p in byPlan {
            if p.carrierId != carrier {
                carrier = p.carrierId
                lines.append(.text("  " + (catalogue?.carrier(p.carrierId)?.name[language] ?? p.carrierId)))
            }
            let plan = catalogue?.plan(p.planId)?.name[language] ?? p.planId
            lines.append(.columns("    \(plan) (\(p.sales.count))", formatYen(p.sales.yen)))
        }
        if byPlan.isEmpty { lines.append(.text("  none")) }
        return lines
    }

    /// One line an hour, with a bar as long as the hour's share of the busiest hour's sales.
    private func hours() -> [Line] {
        var lines: [Line] = [.text("By hour (JST)")]
        let most = byHour.map(\.sales.yen).max() ?? 0
        for h in byHour {
            let bar = most > 0 ? String(repeating: "#", count: max(1, h.sales.yen * 12 / most)) : ""
            lines.append(.columns("  " + String(format: "%02d:00 ", h.hour) + bar, "\(h.sales.count)  \(formatYen(h.sales.yen))"))
        }
        if byHour.isEmpty { lines.append(.text("  none")) }
        return lines
    }

    private static func time(_ date: Date) -> String {
        "\(JapanTime.date(date)) \(JapanTime.clock(date)) JST"
    }
}
