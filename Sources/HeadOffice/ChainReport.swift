import Foundation
import Ledger
import Money
import PostgresNIO

/// Sales and tax of some stores from HQ's books, the way each store's own X report counts
/// them: a completed sale, or a refund due whose top-up the carrier applied.
public struct ChainReport: Equatable, Sendable {
    public struct Tally: Equatable, Sendable {
        public var count = 0
        public var yen = 0
        public var taxYen = 0

        public init(count: Int = 0, yen: Int = 0, taxYen: Int = 0) {
            (self.count, self.yen, self.taxYen) = (count, yen, taxYen)
        }

        mutating func add(count: Int, yen: Int, tax: Int) {
            self.count += count
            self.yen += yen
            self.taxYen += tax
        }

        mutating func add(_ other: Tally) { add(count: other.count, yen: other.yen, tax: other.taxYen) }
    }

    public var title: String
    public var stores: [StoreID]
    /// Business days, inclusive; nil for no bound.
    public var from: String?
    public var to: String?
    public var sales = Tally()
    public var byStore: [String: Tally] = [:]
    /// "store terminal".
    public var byTerminal: [TerminalKey: Tally] = [:]
    public var byPlan: [PlanKey: Tally] = [:]
    public var byPayment: [String: Tally] = [:]
    /// Card and wallet sales by brand (Visa, UnionPay, Alipay…), as a store's X report splits them.
    public var byBrand: [String: Tally] = [:]
    /// Where the sales were paid, as a store's own report splits them: every sale in one place.
    public var byPlace: [ShiftReport.PaidAt: Tally] = [:]
    /// The application slips the stores' machines printed on the business days, as they stand
    /// now (or at the stores' last row, for a day simulated ahead of the clock).
    public var slips = ShiftReport.Slips()
    public var byDay: [String: Tally] = [:]
    /// Refunds the stores still owe their customers.
    public var refundsDue = Tally()
    public var refundsDueByStore: [String: Tally] = [:]
    /// Each Z closed on the business days, by store, terminal and number.
    public var zReports: [StoreZ] = []
    /// Stores that have pushed nothing for more than `silentHours` (or never).
    public var silentHours: Int = 24
    public var silent: [SilentStore] = []

    public struct StoreZ: Equatable, Sendable {
        public var store: String
        public var z: HQZReport
    }

    public struct SilentStore: Equatable, Sendable {
        public var store: String
        /// HQ's time of the store's last push (UTC, ISO 8601); nil when it never pushed.
        public var lastPushAt: String?
    }

    /// The transactions that count as sales, as SQL over `transactions` (its columns named by `table`, when given).
    static func saleCondition(_ table: String = "") -> String {
        let t = table.isEmpty ? "" : table + "."
        return "(\(t)status = 'completed' OR (\(t)status = 'refund_due' AND \(t)top_up_applied))"
    }

    public struct TerminalKey: Hashable, Comparable, Sendable {
        public var store: String
        public var terminal: String
        public static func < (a: Self, b: Self) -> Bool { (a.store, a.terminal) < (b.store, b.terminal) }
    }

    public struct PlanKey: Hashable, Comparable, Sendable {
        public var carrier: String
        public var plan: String
        public static func < (a: Self, b: Self) -> Bool { (a.carrier, a.plan) < (b.carrier, b.plan) }
    }
}

extension HeadOffice {
    /// The report of `stores` over business days `from`…`to` (each inclusive, either may be nil).
    public func report(title: String, stores: [StoreID], from: String?, to: String?, silentHours: Int = 24) async throws -> ChainReport {
        let ids = stores.map(\.rawValue)
        return try await reachable { [self] in
            var report = ChainReport(title: title, stores: stores, from: from, to: to)
            report.silentHours = silentHours
            // Each view's totals straight from PostgreSQL (grouping sets), so the rows read
            // are as many as the report has lines, however many transactions there are.
            let rows = try await client.query("""
                SELECT GROUPING(store_id, terminal_id, business_date, carrier_id, plan_id, payment_method, card_brand)::int,
                       store_id, terminal_id, business_date, carrier_id, plan_id, payment_method, card_brand,
                       count(*), COALESCE(sum(amount_yen), 0)::bigint, COALESCE(sum(tax_yen), 0)::bigint
                FROM transactions
                WHERE store_id = ANY(\(ids)) AND \(unescaped: ChainReport.saleCondition())
                  AND (\(from)::text IS NULL OR business_date >= \(from)) AND (\(to)::text IS NULL OR business_date <= \(to))
                GROUP BY GROUPING SETS ((), (store_id), (store_id, terminal_id), (carrier_id, plan_id), (business_date),
                                        (payment_method, card_brand))
                """, logger: logger)
            for try await (set, store, terminal, day, carrier, plan, method, brand, n, yen, tax) in rows.decode(
                (Int32, String?, String?, String?, String?, String?, String?, String?, Int64, Int64, Int64).self) {
                let tally = ChainReport.Tally(count: Int(n), yen: Int(yen), taxYen: Int(tax))
                // GROUPING's bits, from the left: store, terminal, day, carrier, plan, method, brand; 1 = not grouped by it.
                switch set {
                case 0b1111111: report.sales = tally
                case 0b0111111: report.byStore[store!] = tally
                case 0b0011111: report.byTerminal[.init(store: store!, terminal: terminal!)] = tally
                case 0b1110011: report.byPlan[.init(carrier: carrier!, plan: plan!)] = tally
                case 0b1101111: report.byDay[day!] = tally
                case 0b1111100:
                    // A method's sales are the sum of its brands' (one grouping set fewer over every row).
                    report.byPayment[method ?? "none", default: ChainReport.Tally()].add(tally)
                    // Cash has no brand; a card or wallet sale without one is counted as the store counts it.
                    guard let method = method.flatMap(PaymentMethod.init(rawValue:)), method != .cash else { break }
                    report.byBrand[brand ?? "unknown", default: ChainReport.Tally()].add(tally)
                default: break
                }
            }
            // Every sale was paid at a machine unless it paid a slip at a register, by the store's own rule.
            for (method, tally) in report.byPayment {
                report.byPlace[.of(method: method, atRegister: false), default: ChainReport.Tally()].add(tally)
            }
            for try await (method, n, yen, tax) in try await client.query("""
                SELECT t.payment_method, count(*), COALESCE(sum(t.amount_yen), 0)::bigint, COALESCE(sum(t.tax_yen), 0)::bigint
                FROM (SELECT DISTINCT store_id, ledger_id, txn_id FROM register_slips
                      WHERE store_id = ANY(\(ids)) AND txn_id IS NOT NULL) s
                JOIN transactions t USING (store_id, ledger_id, txn_id)
                WHERE \(unescaped: ChainReport.saleCondition("t"))
                  AND (\(from)::text IS NULL OR t.business_date >= \(from)) AND (\(to)::text IS NULL OR t.business_date <= \(to))
                GROUP BY t.payment_method
                """, logger: logger).decode((String?, Int64, Int64, Int64).self) {
                let paid = ChainReport.Tally(count: Int(n), yen: Int(yen), taxYen: Int(tax))
                let machine = ShiftReport.PaidAt.of(method: method, atRegister: false)
                report.byPlace[machine]?.add(count: -paid.count, yen: -paid.yen, tax: -paid.taxYen)
                if report.byPlace[machine]?.count == 0 { report.byPlace[machine] = nil }
                report.byPlace[.of(method: method, atRegister: true), default: ChainReport.Tally()].add(paid)
            }
            // A slip's business day is the day in Japan it was issued; it has expired when its
            // time is past by now, or by the stores' last journal row if that is later.
            for try await (issued, paid, voided, expired) in try await client.query("""
                WITH point AS (
                    SELECT greatest(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), max(j.at)) AS at
                    FROM ledgers l JOIN journal j ON j.store_id = l.store_id AND j.ledger_id = l.ledger_id AND j.seq = l.last_seq
                    WHERE l.store_id = ANY(\(ids)))
                SELECT count(*), count(*) FILTER (WHERE s.status IN ('paid', 'refunded')), count(*) FILTER (WHERE s.status = 'voided'),
                       count(*) FILTER (WHERE s.status = 'issued' AND s.expires_at < COALESCE(point.at, s.expires_at))
                FROM register_slips s CROSS JOIN point
                WHERE s.store_id = ANY(\(ids))
                  AND (\(from)::text IS NULL OR to_char((s.issued_at::timestamptz AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD') >= \(from))
                  AND (\(to)::text IS NULL OR to_char((s.issued_at::timestamptz AT TIME ZONE 'UTC') + interval '9 hours', 'YYYY-MM-DD') <= \(to))
                """, logger: logger).decode((Int64, Int64, Int64, Int64).self) {
                report.slips = ShiftReport.Slips(issued: Int(issued), paid: Int(paid), expired: Int(expired), voided: Int(voided))
            }
            for try await (store, n, yen) in try await client.query("""
                SELECT d.store_id, count(*), COALESCE(sum(d.yen), 0)::bigint FROM refunds_due d
                JOIN transactions t USING (store_id, ledger_id, txn_id)
                WHERE d.store_id = ANY(\(ids)) AND d.settled_at IS NULL
                  AND (\(from)::text IS NULL OR t.business_date >= \(from)) AND (\(to)::text IS NULL OR t.business_date <= \(to))
                GROUP BY d.store_id
                """, logger: logger).decode((String, Int64, Int64).self) {
                report.refundsDue.add(count: Int(n), yen: Int(yen), tax: 0)
                report.refundsDueByStore[store] = .init(count: Int(n), yen: Int(yen), taxYen: 0)
            }
            for try await row in try await client.query("""
                SELECT store_id, terminal_id, number, seq, business_date, period_start, period_end, closed_at, staff, sales_count,
                       sales_yen, tax_yen, opening_yen, in_yen, change_yen, refunded_yen, replenished_yen, collected_yen,
                       expected_yen, counted_yen, over_short_yen
                FROM z_reports
                WHERE store_id = ANY(\(ids))
                  AND (\(from)::text IS NULL OR business_date >= \(from)) AND (\(to)::text IS NULL OR business_date <= \(to))
                ORDER BY store_id, terminal_id, number
                """, logger: logger) {
                let r = row.makeRandomAccess()
                report.zReports.append(.init(store: try r["store_id"].decode(String.self), z: try BookStore.zReport(r)))
            }
            var lastPush: [String: String] = [:]
            for try await (store, last, silent) in try await client.query("""
                SELECT store_id, to_char(max(last_push_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                       max(last_push_at) < now() - make_interval(hours => \(Int32(silentHours)))
                FROM ledgers WHERE store_id = ANY(\(ids)) GROUP BY store_id
                """, logger: logger).decode((String, String, Bool).self) {
                lastPush[store] = last
                if silent { report.silent.append(.init(store: store, lastPushAt: last)) }
            }
            report.silent += ids.filter { lastPush[$0] == nil }.map { .init(store: $0, lastPushAt: nil) }
            report.silent.sort { $0.store < $1.store }
            return report
        }
    }
}

extension ChainReport {
    /// Sorted keys, money in whole yen; keys stay stable for tools.
    public var json: String {
        func tally(_ t: Tally) -> [String: Any] { ["count": t.count, "yen": t.yen, "tax_yen": t.taxYen] }
        let object: [String: Any] = [
            "title": title,
            "stores": stores.map(\.rawValue),
            "from": from ?? NSNull(), "to": to ?? NSNull(),
            "sales_yen": sales.yen, "tax_yen": sales.taxYen, "count": sales.count,
            "by_store": byStore.keys.sorted().map { ["store": $0].merging(tally(byStore[$0]!)) { a, _ in a } },
            "by_terminal": byTerminal.keys.sorted().map {
                ["store": $0.store, "terminal": $0.terminal].merging(tally(byTerminal[$0]!)) { a, _ in a }
            },
            "by_carrier": byPlan.keys.sorted().map {
                ["carrier": $0.carrier, "plan": $0.plan].merging(tally(byPlan[$0]!)) { a, _ in a }
            },
            "by_payment": Dictionary(uniqueKeysWithValues: PaymentMethod.allCases.map {
                ($0.rawValue, tally(byPayment[$0.rawValue] ?? Tally()))
            }),
            "by_brand": byBrand.mapValues(tally),
            "by_place": Dictionary(uniqueKeysWithValues: ShiftReport.PaidAt.allCases.map { ($0.rawValue, tally(byPlace[$0] ?? Tally())) }),
            "slips": ["issued": slips.issued, "paid": slips.paid, "expired": slips.expired, "voided": slips.voided],
            "by_day": byDay.keys.sorted().map { ["business_date": $0].merging(tally(byDay[$0]!)) { a, _ in a } },
            "refunds_due": ["count": refundsDue.count, "yen": refundsDue.yen,
                            "by_store": refundsDueByStore.keys.sorted().map {
                                ["store": $0, "count": refundsDueByStore[$0]!.count, "yen": refundsDueByStore[$0]!.yen]
                            }],
            "z_reports": zReports.map { line -> [String: Any] in
                let z = line.z
                return ["store": line.store, "terminal": z.terminalId, "number": z.number, "business_date": z.businessDate,
                        "period": ["from": z.periodStart.map { $0 as Any } ?? NSNull(), "to": z.periodEnd] as [String: Any], "closed_at": z.closedAt, "staff": z.staff,
                        "count": z.salesCount, "sales_yen": z.salesYen, "tax_yen": z.taxYen,
                        "cash": ["opening_yen": z.cash.openingYen, "in_yen": z.cash.inYen, "change_out_yen": z.cash.changeOutYen,
                                 "refunded_yen": z.cash.refundedYen, "replenished_yen": z.cash.replenishedYen,
                                 "collected_yen": z.cash.collectedYen, "expected_yen": z.cash.expectedYen,
                                 "counted_yen": z.cash.countedYen.map { $0 as Any } ?? NSNull(),
                                 "over_short_yen": z.overShortYen.map { $0 as Any } ?? NSNull()] as [String: Any]]
            },
            "silent_hours": silentHours,
            "silent_stores": silent.map { ["store": $0.store, "last_push_at": $0.lastPushAt.map { $0 as Any } ?? NSNull()] },
        ]
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// RFC 4180 rows of `section,item,detail,count,yen,tax_yen,expected_yen,counted_yen,over_short_yen`
    /// (the cash columns filled for Z reports only; a silent store's detail is its last push).
    public var csv: String {
        var lines = ["section,item,detail,count,yen,tax_yen,expected_yen,counted_yen,over_short_yen"]
        func field(_ s: String) -> String {
            s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        func row(_ section: String, _ item: String, _ detail: String, _ t: Tally, cash: [String] = ["", "", ""]) {
            lines.append(([section, item, detail, String(t.count), String(t.yen), String(t.taxYen)] + cash).map(field).joined(separator: ","))
        }
        row("sales", "all", "", sales)
        for s in byStore.keys.sorted() { row("by_store", s, "", byStore[s]!) }
        for k in byTerminal.keys.sorted() { row("by_terminal", k.store, k.terminal, byTerminal[k]!) }
        for k in byPlan.keys.sorted() { row("by_carrier", k.carrier, k.plan, byPlan[k]!) }
        for m in PaymentMethod.allCases { row("by_payment", m.rawValue, "", byPayment[m.rawValue] ?? Tally()) }
        for b in byBrand.keys.sorted() { row("by_brand", b, "", byBrand[b]!) }
        for place in ShiftReport.PaidAt.allCases { row("by_place", place.rawValue, "", byPlace[place] ?? Tally()) }
        for (item, n) in [("issued", slips.issued), ("paid", slips.paid), ("expired", slips.expired), ("voided", slips.voided)] {
            row("slips", item, "", Tally(count: n))
        }
        for d in byDay.keys.sorted() { row("by_day", d, "", byDay[d]!) }
        row("refunds_due", "owed", "", refundsDue)
        for s in refundsDueByStore.keys.sorted() { row("refunds_due", s, "", refundsDueByStore[s]!) }
        for line in zReports {
            let z = line.z
            row("z_report", line.store, "\(z.terminalId) #\(z.number) \(z.businessDate)", Tally(count: z.salesCount, yen: z.salesYen, taxYen: z.taxYen),
                cash: [String(z.cash.expectedYen), z.cash.countedYen.map(String.init) ?? "", z.overShortYen.map(String.init) ?? ""])
        }
        for store in silent { lines.append(["silent", store.store, store.lastPushAt ?? "never", "", "", "", "", "", ""].map(field).joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// For people: one block per view, yen with thousands separators.
    public var text: String {
        func yen(_ n: Int) -> String { Yen(n).description }
        // A label takes 34 columns, or more with a space after it: an id is never cut.
        func column(_ label: String) -> String { label.padding(toLength: max(34, label.count + 1), withPad: " ", startingAt: 0) }
        func line(_ label: String, _ t: Tally) -> String {
            column(label)
                + String(t.count).leftPadded(6) + yen(t.yen).leftPadded(14) + ("tax " + yen(t.taxYen)).leftPadded(16)
        }
        var out = ["\(title)", "Business days: \(from ?? "first") to \(to ?? "last")", "",
                   line("Sales", sales), "", "By store"]
        out += byStore.keys.sorted().map { line("  " + $0, byStore[$0]!) }
        out += ["", "By terminal"] + byTerminal.keys.sorted().map { line("  \($0.store) \($0.terminal)", byTerminal[$0]!) }
        out += ["", "By carrier and plan"] + byPlan.keys.sorted().map { line("  \($0.carrier) \($0.plan)", byPlan[$0]!) }
        out += ["", "By payment method"] + PaymentMethod.allCases.map { line("  " + $0.rawValue, byPayment[$0.rawValue] ?? Tally()) }
        out += ["", "By brand" + (byBrand.isEmpty ? ": no card or wallet sales" : "")] + byBrand.keys.sorted().map { line("  " + $0, byBrand[$0]!) }
        out += ["", "By where paid"] + ShiftReport.PaidAt.allCases.map { line("  " + $0.label, byPlace[$0] ?? Tally()) }
        out += ["", "Application slips: \(slips.issued) issued, \(slips.paid) paid, \(slips.expired) expired, \(slips.voided) voided"]
        out += ["", "By business day"] + byDay.keys.sorted().map { line("  " + $0, byDay[$0]!) }
        out += ["", "Refunds still owed: \(refundsDue.count), \(yen(refundsDue.yen))"]
        out += refundsDueByStore.keys.sorted().map { "  \($0): \(refundsDueByStore[$0]!.count), \(yen(refundsDueByStore[$0]!.yen))" }
        out += ["", "Z reports" + (zReports.isEmpty ? ": none closed" : "")]
        out += zReports.map { line in
            let z = line.z
            let overShort = z.overShortYen.map { "over/short " + (($0 > 0 ? "+" : "") + yen($0)) } ?? "not counted"
            return column("  \(line.store) \(z.terminalId) Z\(z.number) \(z.businessDate)")
                + String(z.salesCount).leftPadded(6) + yen(z.salesYen).leftPadded(14) + "  expected \(yen(z.cash.expectedYen)), \(overShort)"
        }
        out += ["", "Silent for more than \(silentHours) h" + (silent.isEmpty ? ": none" : "")]
        out += silent.map { "  \($0.store): " + ($0.lastPushAt.map { "last push \($0)" } ?? "never pushed") }
        return out.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
