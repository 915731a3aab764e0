import Foundation

/// Why a wallet said no, in words for the customer.
public enum WalletDecline: String, Equatable, Sendable, CaseIterable {
    case balance
    case risk
    /// Asked by transaction id, the wallet has no order for it: nothing was taken.
    case noOrder = "no_order"

    public var description: String {
        switch self {
        case .balance: return "The wallet declined the payment: not enough balance."
        case .risk, .noOrder: return "The wallet declined the payment."
        }
    }
}

/// What the wallet says of a payment, or of an order asked for by transaction id.
public enum WalletAnswer: Equatable, Sendable {
    case paid(tradeNo: String)
    case declined(WalletDecline)
    /// Waiting for the customer to confirm in the app.
    case pending
    case timedOut
}

/// The wallets' acquirer behind the scanner. The transaction id is the idempotency key: a
/// second payment for the same transaction returns the first order, never a second one.
public protocol WalletAcquirer: AnyObject {
    func charge(code: String, amount: Yen, txnId: String) -> WalletAnswer
    func status(txnId: String) -> WalletAnswer
    func cancel(txnId: String)
    func refund(tradeNo: String, amount: Yen, txnId: String)
}

/// Answers by the documented test codes (fixtures/test_wallets.csv); any other code of a
/// known wallet is paid at once.
public final class SimulatedWalletAcquirer: WalletAcquirer {
    private enum Order: Equatable {
        case paid(String)
        case declined(WalletDecline)
        /// Paid once the machine has asked this many more times.
        case pending(confirmsAfter: Int?)
        case cancelled
    }

    private let codes: [TestWallet]
    private let faults: Faults
    private var random: SeededRandom
    private var orders: [String: Order] = [:]
    public private(set) var refunded: Set<String> = []
    public private(set) var cancelled: Set<String> = []

    public init(codes: [TestWallet], faults: Faults = .none, seed: UInt64 = 1) {
        self.codes = codes
        self.faults = faults
        random = SeededRandom(seed: seed ^ 0x3A11E7)
    }

    public func charge(code: String, amount: Yen, txnId: String) -> WalletAnswer {
        if orders[txnId] == nil { orders[txnId] = newOrder(code, txnId: txnId) }
        let outcome = codes.first { $0.code == code }?.outcome
        if outcome == .timeout || random.chance(faults.walletTimeout) { return .timedOut }
        return answer(for: orders[txnId]!)
    }

    public func status(txnId: String) -> WalletAnswer {
        guard let order = orders[txnId] else { return .declined(.noOrder) }
        if case .pending(let after?) = order {
            orders[txnId] = after <= 1 ? .paid(Self.tradeNo(txnId)) : .pending(confirmsAfter: after - 1)
        }
        return answer(for: orders[txnId]!)
    }

    public func cancel(txnId: String) {
        // Cancelling reverses the order whatever it came to, paid or not.
        orders[txnId] = .cancelled
        cancelled.insert(txnId)
    }

    public func refund(tradeNo: String, amount: Yen, txnId: String) { refunded.insert(tradeNo) }

    private func newOrder(_ code: String, txnId: String) -> Order {
        switch codes.first(where: { $0.code == code })?.outcome {
        case .declinedBalance?: return .declined(.balance)
        case .declinedRisk?: return .declined(.risk)
        case .pendingThenPaid?: return .pending(confirmsAfter: 2)
        case .pendingNever?: return .pending(confirmsAfter: nil)
        case .paid?, .timeout?, nil:
            return random.chance(faults.walletPending) ? .pending(confirmsAfter: 1) : .paid(Self.tradeNo(txnId))
        }
    }

    private func answer(for order: Order) -> WalletAnswer {
        switch order {
        case .paid(let trade): return .paid(tradeNo: trade)
        case .declined(let why): return .declined(why)
        case .pending: return .pending
        case .cancelled: return .declined(.noOrder)
        }
    }

    /// Twenty-two digits derived from the transaction id, so that a seeded day repeats.
    static func tradeNo(_ txnId: String) -> String {
        var h: UInt64 = 14695981039346656037
        for b in txnId.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return "2026" + String(format: "%018llu", h % 1_000_000_000_000_000_000)
    }
}
