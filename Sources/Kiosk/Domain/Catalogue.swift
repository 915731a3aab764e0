import Foundation
import Receipt

/// A text in the four languages the kiosk speaks.
public struct Localized: Hashable, Sendable {
    public var en: String
    public var ja: String
    public var zhHans: String
    public var zhHant: String

    public init(en: String, ja: String, zhHans: String, zhHant: String) {
        self.en = en; self.ja = ja; self.zhHans = zhHans; self.zhHant = zhHant
    }

    public subscript(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .ja: return ja
        case .zhHans: return zhHans
        case .zhHant: return zhHant
        }
    }
}

public struct Chain: Hashable, Sendable {
    public var id: String
    public var name: Localized
}

public struct Store: Hashable, Sendable {
    public var id: String
    public var chainId: String
    public var name: Localized
    public var address: Localized
    public var area: String
    /// Qualified invoice issuer registration number: T and 13 digits.
    public var registrationNumber: String
    /// Who comes to its machines hour by hour: a profile in `arrivals.csv`.
    public var arrivalProfile: String
    /// When its business day begins, in seconds after midnight in Japan (a simulated day starts then).
    public var opensAt: TimeInterval
}

public enum ReceiptFormat: String, Hashable, Sendable, CaseIterable {
    case text, pdf, escpos
}

public struct Terminal: Hashable, Sendable {
    public var id: String
    public var storeId: String
    /// Where the machine stands, in words ("by the ATM, left of the entrance").
    public var location: Localized
    public var floorPlan: [String]
    /// What the machine itself takes.
    public var payments: Set<PaymentMethod>
    /// The machine prints an application slip (申込券) that the store's register takes.
    public var paysAtRegister = false
    public var inService: Bool
    public var paperSheets: Int
    public var receiptFormats: [ReceiptFormat]
    public var openingFloat: CashPieces
    /// A store's register (`registers.csv`), where the clerk takes the money for slips; its
    /// drawer is its own cash, apart from every machine's.
    public var isRegister = false

    static let registerLocation = Localized(en: "The register", ja: "レジ", zhHans: "收银台", zhHant: "收銀台")

    /// The word for `paysAtRegister` in `terminals.csv`'s `payments`.
    static let registerPayment = "register"
}

public struct Carrier: Hashable, Sendable {
    public var id: String
    public var name: Localized
    /// Days after expiry during which a prepaid SIM can still be topped up.
    public var graceDays: Int
}

public struct Plan: Hashable, Sendable {
    public var id: String
    public var carrierId: String
    public var name: Localized
    public var price: Yen
    public var dataMB: Int
    public var days: Int

    /// `3 GB`, `500 MB`, `Unlimited` (dataMB 0).
    public var dataLabel: String {
        if dataMB == 0 { return "∞" }
        if dataMB % 1024 == 0 { return "\(dataMB / 1024) GB" }
        return "\(dataMB) MB"
    }

    /// Data and validity in the customer's words: `3 GB · 30 days`, `3 GB・30日間`.
    public func detail(in language: Language) -> String {
        let data = dataMB == 0 ? ["Unlimited", "無制限", "无限流量", "無限流量"] : [dataLabel, dataLabel, dataLabel, dataLabel]
        switch language {
        case .en: return "\(data[0]) · \(days) day\(days == 1 ? "" : "s")"
        case .ja: return "\(data[1])・\(days)日間"
        case .zhHans: return "\(data[2]) · \(days)天"
        case .zhHant: return "\(data[3]) · \(days)天"
        }
    }
}

public enum PlanType: String, Hashable, Sendable { case prepaid, postpaid }
public enum AccountStatus: String, Hashable, Sendable { case active, suspended }

/// A SIM as the carrier's host knows it.
public struct SIMAccount: Hashable, Sendable {
    public var number: String
    public var carrierId: String
    public var planType: PlanType
    public var status: AccountStatus
    /// Last day of service (YYYY-MM-DD, Japan).
    public var expiry: String
}

public enum CardOutcome: String, Hashable, Sendable, CaseIterable {
    case approve
    case insufficientFunds = "insufficient_funds"
    case doNotHonour = "do_not_honour"
    case expired
    case lostOrStolen = "lost_stolen"
    case timeout
}

/// A documented test card: which answer the simulated acquirer gives for it.
public struct TestCard: Hashable, Sendable {
    public var id: String
    public var pan: String
    public var expiry: String   // MM/YY
    public var outcome: CardOutcome
    public var label: String
    /// The PIN a UnionPay debit card asks for; nil for a card that asks for none.
    public var pin: String? = nil
}

/// Everything the fixtures describe: the sample world the kiosk runs in.
public struct Catalogue: Equatable, Sendable {
    public var chains: [Chain]
    public var stores: [Store]
    public var terminals: [Terminal]
    public var carriers: [Carrier]
    public var plans: [Plan]
    public var accounts: [SIMAccount]
    public var testCards: [TestCard]
    public var wallets: [WalletBrand] = []
    public var testWallets: [TestWallet] = []
    /// The stores' registers, which take the money for application slips.
    public var registers: [Terminal] = []

    public func chain(_ id: String) -> Chain? { chains.first { $0.id == id } }
    public func store(_ id: String) -> Store? { stores.first { $0.id == id } }
    public func terminal(_ id: String) -> Terminal? { terminals.first { $0.id == id } }
    public func register(_ id: String) -> Terminal? { registers.first { $0.id == id } }
    /// A machine or a register: whatever journals, holds cash and prints under this id.
    public func device(_ id: String) -> Terminal? { terminal(id) ?? register(id) }
    public func carrier(_ id: String) -> Carrier? { carriers.first { $0.id == id } }
    public func plan(_ id: String) -> Plan? { plans.first { $0.id == id } }
    public func testCard(_ id: String) -> TestCard? { testCards.first { $0.id == id } }
    public func plans(of carrierId: String) -> [Plan] { plans.filter { $0.carrierId == carrierId } }
    public func stores(in chainId: String) -> [Store] { stores.filter { $0.chainId == chainId } }
    public func terminals(of storeId: String) -> [Terminal] { terminals.filter { $0.storeId == storeId } }
}
