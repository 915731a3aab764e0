import Foundation

/// An X or a Z report: what one terminal (or a whole store) took between the last Z and
/// the end of the period, and the cash that should be in the machine.
///
/// A transaction belongs to the period in which it finished; a cash movement to the period
/// of its time. A sale is a completed transaction, or a refund due whose top-up was
/// applied (the customer got the plan; only change is owed), as in the hledger export.
public struct ShiftReport: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// Interim: changes nothing.
        case x
        /// Closes the period; numbered per terminal and stored for good.
        case z
    }

    public struct Tally: Equatable, Sendable {
        public var count: Int
        public var yen: Int

        public init(count: Int = 0, yen: Int = 0) {
            self.count = count
            self.yen = yen
        }

        static func + (a: Tally, b: Tally) -> Tally { Tally(count: a.count + b.count, yen: a.yen + b.yen) }
    }

    public struct PlanSales: Equatable, Sendable {
        public var carrierId: String
        public var planId: String
        public var sales: Tally
    }

    public struct HourSales: Equatable, Sendable {
        /// Hour of the day in Japan, 0...23.
        public var hour: Int
        public var sales: Tally
    }

    /// Opening + in − change out − refunded + replenished − collected = expected.
    public struct Cash: Equatable, Sendable {
        public var openingYen = 0
        public var inYen = 0
        public var changeOutYen = 0
        public var refundedYen = 0
        public var replenishedYen = 0
        public var collectedYen = 0
        /// What staff counted in the machine, when they did.
        public var countedYen: Int?

        public var expectedYen: Int { openingYen + inYen - changeOutYen - refundedYen + replenishedYen - collectedYen }
        /// Positive when there is more cash than expected, negative when some is missing.
        public var overShortYen: Int? { countedYen.map { $0 - expectedYen } }
    }

    public var kind: Kind
    /// The Z's number on its terminal; nil for an X, and for a store's total.
    public var number: Int?
    public var storeId: String
    /// Nil for a report of a whole store.
    public var terminalId: String?
    /// The end of the last Z (exclusive); nil when there has been none.
    public var from: Date?
    /// The end of this period (inclusive).
    public var to: Date
    /// Finished transactions by status (`open` is never counted).
    public var transactions: [TransactionStatus: Int]
    public var sales: Tally
    public var taxYen: Int
    /// By `PaymentMethod` raw value: `cash`, `card`, `wallet`.
    public var byPayment: [String: Tally]
    /// Card and wallet sales by brand (Visa, UnionPay, Alipay…).
    public var byBrand: [String: Tally] = [:]
    /// By carrier, then plan.
    public var byPlan: [PlanSales]
    /// Hours that had sales, in order.
    public var byHour: [HourSales]
    public var cash: Cash
    /// Refunds due not yet settled at the end of the period.
    public var refundsDue: Tally
    /// For a store's Z: each terminal's Z number.
    public var closedNumbers: [String: Int] = [:]
}

extension ShiftReport {
    /// A store's report: the sum of its terminals' reports, over the widest of their periods.
    static func store(_ storeId: String, kind: Kind, to: Date, of reports: [ShiftReport]) -> ShiftReport {
        var total = ShiftReport(kind: kind, number: nil, storeId: storeId, terminalId: nil,
                                from: reports.contains { $0.from == nil } ? nil : reports.compactMap(\.from).min(),
                                to: to, transactions: [:], sales: Tally(), taxYen: 0, byPayment: [:], byPlan: [],
                                byHour: [], cash: Cash(), refundsDue: Tally())
        var plans: [String: PlanSales] = [:]
        var hours: [Int: Tally] = [:]
        for r in reports {
            total.transactions.merge(r.transactions, uniquingKeysWith: +)
            total.sales = total.sales + r.sales
            total.taxYen += r.taxYen
            total.byPayment.merge(r.byPayment, uniquingKeysWith: +)
            total.byBrand.merge(r.byBrand, uniquingKeysWith: +)
            for p in r.byPlan {
                let key = "\(p.carrierId)\u{0}\(p.planId)"
                plans[key] = PlanSales(carrierId: p.carrierId, planId: p.planId, sales: (plans[key]?.sales ?? Tally()) + p.sales)
            }
            for h in r.byHour { hours[h.hour, default: Tally()] = hours[h.hour, default: Tally()] + h.sales }
            total.cash.openingYen += r.cash.openingYen
            total.cash.inYen += r.cash.inYen
            total.cash.changeOutYen += r.cash.changeOutYen
            total.cash.refundedYen += r.cash.refundedYen
            total.cash.replenishedYen += r.cash.replenishedYen
            total.cash.collectedYen += r.cash.collectedYen
            total.refundsDue = total.refundsDue + r.refundsDue
            if let number = r.number, let terminal = r.terminalId { total.closedNumbers[terminal] = number }
        }
        total.byPlan = plans.values.sorted { ($0.carrierId, $0.planId) < ($1.carrierId, $1.planId) }
        total.byHour = hours.keys.sorted().map { HourSales(hour: $0, sales: hours[$0]!) }
        return total
    }
}
