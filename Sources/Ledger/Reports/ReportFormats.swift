import Foundation
import Money

/// A report for tools: JSON with keys that stay stable, and CSV for spreadsheets.
extension ShiftReport {
    /// The JSON object, compact and with sorted keys: the body a closed Z is stored and
    /// hashed as. Times are UTC ISO 8601; money is whole yen; `number`, `terminal`,
    /// `period.from`, `cash.counted_yen` and `cash.over_short_yen` may be null.
    public var json: String { jsonValue.canonicalText }

    /// The same object indented, for people reading it.
    public var prettyJSON: String { jsonValue.indented("") + "\n" }

    var jsonValue: JSONValue {
        func tally(_ t: Tally) -> JSONValue { .object(["count": .int(t.count), "yen": .int(t.yen)]) }
        func optional(_ n: Int?) -> JSONValue { n.map(JSONValue.int) ?? .null }
        let statuses: [TransactionStatus] = [.completed, .cancelled, .refunded, .refundDue, .failed]
        let placeFields: [String: JSONValue] = Dictionary(uniqueKeysWithValues: PaidAt.allCases.map {
            ($0.rawValue, tally(byPlace[$0] ?? Tally()))
        })
        let slipFields: [String: JSONValue] = ["issued": .int(slips.issued), "paid": .int(slips.paid),
                                               "expired": .int(slips.expired), "voided": .int(slips.voided)]
        let registerCashValue: JSONValue = registerCash.map(cashValue) ?? .null
        // Whether `cash` is a machine's or a register's drawer; null for a whole store.
        let terminalKind: JSONValue = terminalId == nil ? .null : .string(isRegister ? "register" : "machine")
        return .object([
            "kind": .string(kind.rawValue),
            "number": optional(number),
            "store": .string(storeId),
            "terminal": terminalId.map(JSONValue.string) ?? .null,
            "period": .object(["from": from.map { .string(LedgerTime.text($0)) } ?? .null, "to": .string(LedgerTime.text(to))]),
            "transactions": .object(Dictionary(uniqueKeysWithValues: statuses.map { ($0.rawValue, JSONValue.int(transactions[$0] ?? 0)) })),
            "sales_yen": .int(sales.yen),
            "tax_yen": .int(taxYen),
            "by_payment": .object(Dictionary(uniqueKeysWithValues: PaymentMethod.allCases.map {
                ($0.rawValue, tally(byPayment[$0.rawValue] ?? Tally()))
            })),
            "by_brand": .object(byBrand.mapValues(tally)),
            "by_place": .object(placeFields),
            "slips": .object(slipFields),
            "by_carrier": .array(byPlan.map {
                .object(["carrier": .string($0.carrierId), "plan": .string($0.planId), "count": .int($0.sales.count), "yen": .int($0.sales.yen)])
            }),
            "by_hour": .array(byHour.map { .object(["hour": .int($0.hour), "count": .int($0.sales.count), "yen": .int($0.sales.yen)]) }),
            "cash": cashValue(cash),
            "terminal_kind": terminalKind,
            "register_cash": registerCashValue,
            "refunds_due": tally(refundsDue),
        ])
    }

    private func cashValue(_ cash: Cash) -> JSONValue {
        func optional(_ n: Int?) -> JSONValue { n.map(JSONValue.int) ?? .null }
        return .object([
            "opening_yen": .int(cash.openingYen), "in_yen": .int(cash.inYen), "change_out_yen": .int(cash.changeOutYen),
            "refunded_yen": .int(cash.refundedYen), "replenished_yen": .int(cash.replenishedYen),
            "collected_yen": .int(cash.collectedYen), "expected_yen": .int(cash.expectedYen),
            "counted_yen": optional(cash.countedYen), "over_short_yen": optional(cash.overShortYen),
        ])
    }

    /// RFC 4180 rows of `section,item,detail,count,yen`, one fact a row.
    public var csv: String {
        var rows: [[String]] = [["section", "item", "detail", "count", "yen"]]
        func row(_ section: String, _ item: String, detail: String = "", count: Int? = nil, yen: Int? = nil) {
            rows.append([section, item, detail, count.map(String.init) ?? "", yen.map(String.init) ?? ""])
        }
        row("report", "kind", detail: kind.rawValue)
        row("report", "number", detail: number.map(String.init) ?? "")
        row("report", "store", detail: storeId)
        row("report", "terminal", detail: terminalId ?? "")
        row("report", "terminal_kind", detail: terminalId == nil ? "" : isRegister ? "register" : "machine")
        row("period", "from", detail: from.map(LedgerTime.text) ?? "")
        row("period", "to", detail: LedgerTime.text(to))
        for status in [TransactionStatus.completed, .cancelled, .refunded, .refundDue, .failed] {
            row("transactions", status.rawValue, count: transactions[status] ?? 0)
        }
        row("sales", "sales", count: sales.count, yen: sales.yen)
        row("sales", "tax", yen: taxYen)
        for method in PaymentMethod.allCases.map(\.rawValue) {
            row("by_payment", method, count: byPayment[method]?.count ?? 0, yen: byPayment[method]?.yen ?? 0)
        }
        for brand in byBrand.keys.sorted() { row("by_brand", brand, count: byBrand[brand]!.count, yen: byBrand[brand]!.yen) }
        for place in PaidAt.allCases { row("by_place", place.rawValue, count: byPlace[place]?.count ?? 0, yen: byPlace[place]?.yen ?? 0) }
        for (item, n) in [("issued", slips.issued), ("paid", slips.paid), ("expired", slips.expired), ("voided", slips.voided)] {
            row("slips", item, count: n)
        }
        for p in byPlan { row("by_carrier", p.carrierId, detail: p.planId, count: p.sales.count, yen: p.sales.yen) }
        for h in byHour { row("by_hour", String(h.hour), count: h.sales.count, yen: h.sales.yen) }
        for (section, c) in [("cash", cash)] + (registerCash.map { [("register_cash", $0)] } ?? []) {
            for (item, yen) in [("opening", c.openingYen), ("in", c.inYen), ("change_out", c.changeOutYen), ("refunded", c.refundedYen),
                                ("replenished", c.replenishedYen), ("collected", c.collectedYen), ("expected", c.expectedYen)] {
                row(section, item, yen: yen)
            }
        }
        let c = cash
        row("cash", "counted", yen: c.countedYen)
        row("cash", "over_short", yen: c.overShortYen)
        row("refunds_due", "unsettled", count: refundsDue.count, yen: refundsDue.yen)
        return rows.map { $0.map(Ledger.csvField).joined(separator: ",") + "\r\n" }.joined()
    }
}

extension JSONValue {
    /// Two spaces a level, keys sorted as in the canonical text.
    func indented(_ indent: String) -> String {
        let inner = indent + "  "
        switch self {
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + $0.indented(inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let fields) where !fields.isEmpty:
            let keys = fields.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            return "{\n" + keys.map { inner + JSONValue.string($0).canonicalText + ": " + fields[$0]!.indented(inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        default:
            return canonicalText
        }
    }
}
