import Foundation
import Ledger

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

/// Where the simulated wallet keeps its orders: the store's ledger file, so that a kiosk
/// started after a crash can ask about an order the stopped one made.
public protocol WalletRecords: AnyObject {
    func walletOrder(txnId: String) throws -> WalletOrderRecord?
    func saveWalletOrder(_ order: WalletOrderRecord, at: Date) throws
}

/// Orders kept in memory, for a machine with no ledger.
public final class WalletMemory: WalletRecords {
    private var orders: [String: WalletOrderRecord] = [:]
    public init() {}
    public func walletOrder(txnId: String) throws -> WalletOrderRecord? { orders[txnId] }
    public func saveWalletOrder(_ order: WalletOrderRecord, at: Date) throws { orders[order.txnId] = order }
}

/// Answers by the documented test codes (fixtures/test_wallets.csv); any other code of a
/// known wallet is paid at once. A wallet whose records cannot be read or written answers
/// nothing (a time-out), as an unreachable wallet does.
public final class SimulatedWalletAcquirer: WalletAcquirer {
    private let codes: [TestWallet]
    private let records: WalletRecords
    private let faults: Faults
    private var random: SeededRandom
    private let clock: () -> Date

    public init(codes: [TestWallet], records: WalletRecords = WalletMemory(), faults: Faults = .none, seed: UInt64 = 1,
                clock: @escaping () -> Date = Date.init) {
        self.codes = codes
        self.records = records
        self.faults = faults
        self.clock = clock
        random = SeededRandom(seed: seed ^ 0x3A11E7)
    }

    public func charge(code: String, amount: Yen, txnId: String) -> WalletAnswer {
        do {
            let order = try records.walletOrder(txnId: txnId) ?? newOrder(code, txnId: txnId)
            try records.saveWalletOrder(order, at: clock())
            let outcome = codes.first { $0.code == code }?.outcome
            if outcome == .timeout || random.chance(faults.walletTimeout) { return .timedOut }
            return Self.answer(for: order)
        } catch {
            return .timedOut
        }
    }

    public func status(txnId: String) -> WalletAnswer {
        do {
            guard var order = try records.walletOrder(txnId: txnId) else { return .declined(.noOrder) }
            if order.state == .pending, let after = order.confirmsAfter {
                if after <= 1 {
                    order.state = .paid
                    order.tradeNo = Self.tradeNo(txnId)
                    order.confirmsAfter = nil
                } else {
                    order.confirmsAfter = after - 1
                }
                try records.saveWalletOrder(order, at: clock())
            }
            return Self.answer(for: order)
        } catch {
            return .timedOut
        }
    }

    public func cancel(txnId: String) {
        // Cancelling reverses the order whatever it came to, paid or not.
        var order = (try? records.walletOrder(txnId: txnId)) ?? WalletOrderRecord(txnId: txnId, state: .cancelled)
        order.state = .cancelled
        try? records.saveWalletOrder(order, at: clock())
    }

    public func refund(tradeNo: String, amount: Yen, txnId: String) {
        guard var order = try? records.walletOrder(txnId: txnId) else { return }
        order.refunded = true
        try? records.saveWalletOrder(order, at: clock())
    }

    private func newOrder(_ code: String, txnId: String) -> WalletOrderRecord {
        let paid = WalletOrderRecord(txnId: txnId, state: .paid, tradeNo: Self.tradeNo(txnId))
        switch codes.first(where: { $0.code == code })?.outcome {
        case .declinedBalance?: return WalletOrderRecord(txnId: txnId, state: .declined, decline: WalletDecline.balance.rawValue)
        case .declinedRisk?: return WalletOrderRecord(txnId: txnId, state: .declined, decline: WalletDecline.risk.rawValue)
        case .pendingThenPaid?: return WalletOrderRecord(txnId: txnId, state: .pending, confirmsAfter: 2)
        case .pendingNever?: return WalletOrderRecord(txnId: txnId, state: .pending)
        case .paid?, .timeout?, nil:
            return random.chance(faults.walletPending) ? WalletOrderRecord(txnId: txnId, state: .pending, confirmsAfter: 1) : paid
        }
    }

    private static func answer(for order: WalletOrderRecord) -> WalletAnswer {
        switch order.state {
        case .paid: return .paid(tradeNo: order.tradeNo ?? "")
        case .declined: return .declined(order.decline.flatMap(WalletDecline.init(rawValue:)) ?? .risk)
        case .pending: return .pending
        case .cancelled: return .declined(.noOrder)
        }
    }

    /// Twenty-two digits derived from the transaction id, so that a seeded day repeats.
    static func tradeNo(_ txnId: String) -> String {
        var h: UInt64 = 14695981039346656037
        for b in txnId.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return "2026" + (h % 1_000_000_000_000_000_000).zeroPadded(18)
    }
}
