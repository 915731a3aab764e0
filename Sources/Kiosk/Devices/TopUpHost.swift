import Foundation

/// A SIM as the carrier's host answers for it.
public struct Account: Equatable, Sendable {
    public var sim: SIMNumber
    public var carrierId: String
    /// Current last day of service, after any top-ups already applied.
    public var expiry: String
    /// Expired, but still inside the carrier's grace period.
    public var inGrace: Bool
}

/// Why the host will not top up a SIM, in words the customer can read.
public enum AccountRefusal: Equatable, Sendable, CustomStringConvertible {
    case unknown
    case postpaid
    case suspended
    case expiredBeyondGrace(expiry: String)

    public var description: String {
        switch self {
        case .unknown: return "This number is not a prepaid SIM we can top up. Please check the number."
        case .postpaid: return "This is a monthly (postpaid) contract; it is topped up by its carrier, not here."
        case .suspended: return "This SIM is suspended. Please contact its carrier."
        case .expiredBeyondGrace(let d): return "This SIM expired on \(d) and can no longer be topped up."
        }
    }
}

public enum AccountLookup: Equatable, Sendable {
    case found(Account)
    case refused(AccountRefusal)
    case unavailable
}

public enum TopUpResult: Equatable, Sendable {
    case applied(newExpiry: String)
    case failed(StopReason)
    /// No answer in time: the top-up may or may not have been applied; ask by transaction id.
    case timedOut
}

/// The carrier's top-up host. The transaction id is the idempotency key: applying the same
/// transaction twice credits once and answers the same new expiry.
public protocol TopUpHost: AnyObject {
    func lookUp(_ sim: SIMNumber, today: String) -> AccountLookup
    func apply(txnId: String, sim: SIMNumber, plan: Plan, today: String, at: Date) -> TopUpResult
    /// After a time-out or a crash: was this transaction applied? Its new expiry if so.
    func appliedExpiry(txnId: String) -> String?
}

/// Where the simulated host keeps the top-ups it applied, one per transaction id.
/// The ledger file does, so that every terminal and every restart sees them.
public protocol HostRecords: AnyObject {
    /// Records the top-up unless the transaction already has one; answers the stored expiry.
    func applyTopUp(txnId: String, simNumber: String, planId: String, newExpiry: String, at: Date) throws -> String
    func appliedExpiry(txnId: String) throws -> String?
    func latestExpiry(simNumber: String) throws -> String?
}

/// The host simulated from the fixtures' SIM accounts.
public final class SimulatedTopUpHost: TopUpHost {
    private let accounts: [String: SIMAccount]
    private let carriers: [String: Carrier]
    private let records: HostRecords
    private let faults: Faults
    private var random: SeededRandom

    public init(catalogue: Catalogue, records: HostRecords, faults: Faults = .none, seed: UInt64 = 1) {
        accounts = Dictionary(catalogue.accounts.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        carriers = Dictionary(catalogue.carriers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.records = records
        self.faults = faults
        random = SeededRandom(seed: seed ^ 0x7057)
    }

    public func lookUp(_ sim: SIMNumber, today: String) -> AccountLookup {
        guard let account = accounts[sim.digits] else { return .refused(.unknown) }
        if account.planType == .postpaid { return .refused(.postpaid) }
        if account.status == .suspended { return .refused(.suspended) }
        guard let latest = try? records.latestExpiry(simNumber: sim.digits) ?? account.expiry else { return .unavailable }
        let expiry = max(latest, account.expiry)
        if expiry >= today { return .found(Account(sim: sim, carrierId: account.carrierId, expiry: expiry, inGrace: false)) }
        let grace = carriers[account.carrierId]?.graceDays ?? 0
        if let late = JapanTime.days(from: expiry, to: today), late <= grace {
            return .found(Account(sim: sim, carrierId: account.carrierId, expiry: expiry, inGrace: true))
        }
        return .refused(.expiredBeyondGrace(expiry: expiry))
    }

    public func apply(txnId: String, sim: SIMNumber, plan: Plan, today: String, at: Date) -> TopUpResult {
        if let done = appliedExpiry(txnId: txnId) { return .applied(newExpiry: done) }
        if random.chance(faults.hostError) { return .failed(.carrierError) }
        let timedOut = random.chance(faults.hostTimeout)
        // A time-out loses the answer; half the time the host had applied the top-up anyway.
        if timedOut && random.chance(0.5) { return .timedOut }
        guard case .found(let account) = lookUp(sim, today: today) else {
            return .failed(.carrierRefused)
        }
        let newExpiry = SimulatedTopUpHost.newExpiry(from: account.expiry, today: today, days: plan.days)
        do {
            let stored = try records.applyTopUp(txnId: txnId, simNumber: sim.digits, planId: plan.id, newExpiry: newExpiry, at: at)
            return timedOut ? .timedOut : .applied(newExpiry: stored)
        } catch {
            return .timedOut
        }
    }

    public func appliedExpiry(txnId: String) -> String? {
        (try? records.appliedExpiry(txnId: txnId)) ?? nil
    }

    /// Days are added to the current expiry, or counted from today when it has passed.
    public static func newExpiry(from expiry: String, today: String, days: Int) -> String {
        let yesterday = JapanTime.adding(days: -1, to: today) ?? today
        let base = max(expiry, yesterday)
        return JapanTime.adding(days: days, to: base) ?? base
    }
}
