import Foundation
import Ledger
import Money
import Receipt

/// A Z as HQ holds it, laid out as the kiosk prints its Z (head, sales, cash in the machine,
/// over/short), for the same renderers: text on the page, PDF behind the link.
extension HQZReport {
    func document(store: StoreDirectory.Store?, storeId: StoreID, chain: StoreDirectory.Chain?, language: Language) -> Document {
        var doc = Document([])
        if let store {
            if let chain { doc.append(.text(chain.name[language], .center, [.bold, .doubleSize])) }
            doc.append(.text(store.name[language], .center, .bold))
        } else {
            doc.append(.text(storeId.rawValue, .center, .bold))
        }
        doc.append(contentsOf: [.rule(), .text("Z REPORT No. \(number)", .center, [.bold, .doubleSize]),
                                .columns("Terminal", terminalId),
                                .columns("Business day", businessDate),
                                .columns("From", periodStart.map(Self.time) ?? "first entry"),
                                .columns("To", Self.time(periodEnd)),
                                .columns("Closed", Self.time(closedAt)),
                                .columns("Staff", staff),
                                .rule(), .text("SALES", .left, .bold),
                                .columns("Sales (\(salesCount))", formatYen(salesYen), .bold),
                                .columns("  incl. consumption tax", formatYen(taxYen)),
                                .rule(), .text("CASH IN THE MACHINE", .left, .bold),
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
        doc.append(contentsOf: [.rule(), .text("Closed. This Z report never changes.", .center)])
        return doc
    }

    /// A ledger time as the kiosk prints it, in Japan.
    private static func time(_ text: String) -> String {
        StoredTime.date(text).map { PageFrame.japanTime($0) + " JST" } ?? text
    }
}
