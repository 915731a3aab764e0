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
        static func - (a: Tally, b: Tally) -> Tally { Tally(count: a.count - b.count, yen: a.yen - b.yen) }
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

    /// Where a sale was paid: at the machine, by what, or at the store's register for an
    /// application slip. The split of `sales`: every sale is in exactly one.
    public enum PaidAt: String, CaseIterable, Sendable {
        case machineCash = "machine_cash"
        case machineCard = "machine_card"
        case machineWallet = "machine_wallet"
        case registerCash = "register_cash"
        case registerCard = "register_card"

        /// From `transactions.payment_method` and whether the sale paid a slip.
        public static func of(method: String?, atRegister: Bool) -> PaidAt {
            switch (method, atRegister) {
            case ("card", true): return .registerCard
            case (_, true): return .registerCash
            case ("card", false): return .machineCard
            case ("wallet", false): return .machineWallet
            default: return .machineCash
            }
        }

        public var label: String {
            switch self {
            case .machineCash: return "Machine, cash"
            case .machineCard: return "Machine, card"
            case .machineWallet: return "Machine, wallet"
            case .registerCash: return "Register, cash"
            case .registerCard: return "Register, card"
            }
        }
    }

    /// The application slips a machine printed in the period, and what became of them by its end.
    public struct Slips: Equatable, Sendable {
        public var issued = 0
        /// Paid at a register (a refund after a failed top-up included).
        public var paid = 0
        /// Past their time, unpaid.
        public var expired = 0
        public var voided = 0

        public init(issued: Int = 0, paid: Int = 0, expired: Int = 0, voided: Int = 0) {
            (self.issued, self.paid, self.expired, self.voided) = (issued, paid, expired, voided)
        }

        static func + (a: Slips, b: Slips) -> Slips {
            Slips(issued: a.issued + b.issued, paid: a.paid + b.paid, expired: a.expired + b.expired, voided: a.voided + b.voided)
        }
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

        public init(openingYen: Int = 0, inYen: Int = 0, changeOutYen: Int = 0, refundedYen: Int = 0,
                    replenishedYen: Int = 0, collectedYen: Int = 0, countedYen: Int? = nil) {
            (self.openingYen, self.inYen, self.changeOutYen, self.refundedYen) = (openingYen, inYen, changeOutYen, refundedYen)
            (self.replenishedYen, self.collectedYen, self.countedYen) = (replenishedYen, collectedYen, countedYen)
        }

        public var expectedYen: Int { openingYen + inYen - changeOutYen - refundedYen + replenishedYen - collectedYen }

        /// Two tills' movements together (nothing counted).
        static func + (a: Cash, b: Cash) -> Cash {
            Cash(openingYen: a.openingYen + b.openingYen, inYen: a.inYen + b.inYen, changeOutYen: a.changeOutYen + b.changeOutYen,
                 refundedYen: a.refundedYen + b.refundedYen, replenishedYen: a.replenishedYen + b.replenishedYen,
                 collectedYen: a.collectedYen + b.collectedYen)
        }
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
    /// Sales by where they were paid: the machine's cash, card and wallet, the register's cash and card.
    public var byPlace: [PaidAt: Tally] = [:]
    public var slips = Slips()
    /// By carrier, then plan.
    public var byPlan: [PlanSales]
    /// Hours that had sales, in order.
    public var byHour: [HourSales]
    /// The terminal's own cash; for a store, its machines' cash.
    public var cash: Cash
    /// A register's report: `cash` is its drawer.
    public var isRegister = false
    /// For a store: its registers' drawers, apart from the machines' cash.
    public var registerCash: Cash?
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
            total.byPlace.merge(r.byPlace, uniquingKeysWith: +)
            total.slips = total.slips + r.slips
            for p in r.byPlan {
                let key = "\(p.carrierId)\u{0}\(p.planId)"
                plans[key] = PlanSales(carrierId: p.carrierId, planId: p.planId, sales: (plans[key]?.sales ?? Tally()) + p.sales)
            }
            for h in r.byHour { hours[h.hour, default: Tally()] = hours[h.hour, default: Tally()] + h.sales }
            if r.isRegister {
                total.registerCash = (total.registerCash ?? Cash()) + r.cash
            } else {
                total.cash = total.cash + r.cash
            }
            total.refundsDue = total.refundsDue + r.refundsDue
            if let number = r.number, let terminal = r.terminalId { total.closedNumbers[terminal] = number }
        }
        total.byPlan = plans.values.sorted { ($0.carrierId, $0.planId) < ($1.carrierId, $1.planId) }
        total.byHour = hours.keys.sorted().map { HourSales(hour: $0, sales: hours[$0]!) }
        return total
    }
}
