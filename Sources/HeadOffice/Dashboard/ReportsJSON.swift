import Foundation

/// The dashboard's numbers as JSON under `/v1/reports/...` (described in docs/openapi.json):
/// money in whole yen, keys in snake_case, the same sums as `kiosk hq report --format json`; a value
/// HQ does not know (a store that never pushed, a Z not counted) is left out.
enum ReportsJSON {
    struct Tally: Encodable {
        var count: Int
        var yen: Int
        var taxYen: Int
        init(_ t: ChainReport.Tally) { count = t.count; yen = t.yen; taxYen = t.taxYen }
    }

    struct Owed: Encodable {
        var count: Int
        var yen: Int
        init(_ t: ChainReport.Tally) { count = t.count; yen = t.yen }
    }

    struct PlanLine: Encodable {
        var carrier: String
        var plan: String
        var count: Int
        var yen: Int
        var taxYen: Int
    }

    struct HourLine: Encodable {
        var hour: Int
        var count: Int
        var yen: Int
        var taxYen: Int
    }

    struct StoreLine: Encodable {
        var store: String
        var name: String
        var area: String
        var count: Int
        var yen: Int
        var taxYen: Int
        var lastPushAt: String?
        var silent: Bool
    }

    struct Chain: Encodable {
        var chain: String
        var businessDate: String
        var salesYen: Int
        var taxYen: Int
        var count: Int
        var byStore: [StoreLine]
        var byCarrier: [PlanLine]
        var byHour: [HourLine]
        var refundsDue: Owed
        var silentHours: Int
        var silentStores: [String]
    }

    struct TerminalLine: Encodable {
        var terminal: String
        var inService: Bool
        var paperLeft: Int?
        var changeLow: Bool
        var cash: [String: Int]
        var lastRowAt: String
        var lastSaleAt: String?
        var openRefunds: Owed
        var count: Int
        var yen: Int
    }

    struct ZLine: Encodable {
        var store: String
        var terminal: String
        var number: Int
        var businessDate: String
        var periodStart: String?
        var periodEnd: String
        var closedAt: String
        var staff: String
        var salesCount: Int
        var salesYen: Int
        var taxYen: Int
        var openingYen: Int
        var inYen: Int
        var changeYen: Int
        var refundedYen: Int
        var replenishedYen: Int
        var collectedYen: Int
        var expectedYen: Int
        var countedYen: Int?
        var overShortYen: Int?

        init(_ store: StoreID, _ z: HQZReport) {
            self.store = store.rawValue
            (terminal, number, businessDate, periodStart, periodEnd) = (z.terminalId, z.number, z.businessDate, z.periodStart, z.periodEnd)
            (closedAt, staff, salesCount, salesYen, taxYen) = (z.closedAt, z.staff, z.salesCount, z.salesYen, z.taxYen)
            let c = z.cash
            (openingYen, inYen, changeYen, refundedYen) = (c.openingYen, c.inYen, c.changeOutYen, c.refundedYen)
            (replenishedYen, collectedYen, expectedYen, countedYen, overShortYen) = (c.replenishedYen, c.collectedYen, c.expectedYen, c.countedYen, c.overShortYen)
        }
    }

    struct Store: Encodable {
        var store: String
        var name: String
        var businessDate: String
        var salesYen: Int
        var taxYen: Int
        var count: Int
        var terminals: [TerminalLine]
        var zReports: [ZLine]
        var byCarrier: [PlanLine]
        var byHour: [HourLine]
        var refundsDue: Owed
        var lastPushAt: String?
    }

    struct Changes: Encodable {
        var mark: String
    }

    static func plans(_ r: ChainReport) -> [PlanLine] {
        r.byPlan.keys.sorted().map { k in
            let t = r.byPlan[k]!
            return PlanLine(carrier: k.carrier, plan: k.plan, count: t.count, yen: t.yen, taxYen: t.taxYen)
        }
    }

    static func hours(_ h: [Int: ChainReport.Tally]) -> [HourLine] {
        (0..<24).map { i in
            let t = h[i] ?? .init()
            return HourLine(hour: i, count: t.count, yen: t.yen, taxYen: t.taxYen)
        }
    }

    static func time(_ d: Date?) -> String? {
        d.map { ISO8601DateFormatter().string(from: $0) }
    }

    static func chain(_ data: ChainDay, stores: [StoreDirectory.Store]) -> Chain {
        let r = data.report
        return Chain(
            chain: data.chainId, businessDate: data.day, salesYen: r.sales.yen, taxYen: r.sales.taxYen, count: r.sales.count,
            byStore: stores.map { s in
                let t = r.byStore[s.id.rawValue] ?? .init()
                return StoreLine(store: s.id.rawValue, name: s.name.en, area: s.area, count: t.count, yen: t.yen, taxYen: t.taxYen,
                                 lastPushAt: time(data.lastPush[s.id]), silent: data.isSilent(s.id))
            },
            byCarrier: plans(r), byHour: hours(data.byHour), refundsDue: Owed(r.refundsDue), silentHours: data.silentHours,
            silentStores: stores.filter { data.isSilent($0.id) }.map(\.id.rawValue))
    }

    static func store(_ data: StoreOnDay, name: String) -> Store {
        let r = data.report
        return Store(
            store: data.store.rawValue, name: name, businessDate: data.day, salesYen: r.sales.yen, taxYen: r.sales.taxYen,
            count: r.sales.count,
            terminals: data.terminals.map { term in
                let t = r.byTerminal[.init(store: data.store.rawValue, terminal: term.id)] ?? .init()
                return TerminalLine(terminal: term.id, inService: data.inService(term), paperLeft: term.paperLeft, changeLow: term.changeLow,
                                    cash: Dictionary(uniqueKeysWithValues: term.cash.map { (String($0.key), $0.value) }),
                                    lastRowAt: term.lastRowAt, lastSaleAt: term.lastSaleAt,
                                    openRefunds: Owed(term.openRefunds), count: t.count, yen: t.yen)
            },
            zReports: r.zReports.map { ZLine(data.store, $0.z) },
            byCarrier: plans(r), byHour: hours(data.byHour), refundsDue: Owed(r.refundsDue), lastPushAt: time(data.lastPush))
    }
}
