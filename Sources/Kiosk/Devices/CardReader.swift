import Foundation

/// Card brands, told from the issuer identification number (the first digits).
public enum CardBrand: String, Sendable, CaseIterable {
    case visa = "Visa"
    case mastercard = "Mastercard"
    case jcb = "JCB"
    case amex = "American Express"
    case diners = "Diners Club"

    public static func of(pan: String) -> CardBrand? {
        func prefix(_ n: Int) -> Int { Int(pan.prefix(n)) ?? -1 }
        switch true {
        case pan.hasPrefix("4"): return .visa
        case (51...55).contains(prefix(2)), (2221...2720).contains(prefix(4)): return .mastercard
        case (3528...3589).contains(prefix(4)): return .jcb
        case [34, 37].contains(prefix(2)): return .amex
        case prefix(2) == 36, [38, 39].contains(prefix(2)), (300...305).contains(prefix(3)): return .diners
        default: return nil
        }
    }
}

/// Why the acquirer said no, in words for the customer.
public enum CardDecline: String, Equatable, Sendable, CaseIterable {
    case insufficientFunds = "insufficient_funds"
    case doNotHonour = "do_not_honour"
    case expired
    case lostOrStolen = "lost_stolen"
    case unreadable

    public var description: String {
        switch self {
        case .insufficientFunds: return "The card was declined: insufficient funds."
        case .doNotHonour: return "The card was declined by the card issuer."
        case .expired: return "The card has expired."
        case .lostOrStolen: return "The card was declined by the card issuer."   // never say "stolen" to the customer
        case .unreadable: return "The card could not be read."
        }
    }
}

public enum CardAuthorisation: Equatable, Sendable {
    case approved(authCode: String)
    case declined(CardDecline)
    case timedOut
}

/// The card reader and the acquirer behind it: authorise, then capture after the top-up,
/// or void when the top-up fails. It never keeps a full card number.
public protocol CardAcquirer: AnyObject {
    func authorise(pan: String, expiry: String, amount: Yen, txnId: String) -> CardAuthorisation
    func capture(authCode: String, txnId: String)
    func void(authCode: String, txnId: String)
}

/// Answers by the documented test cards (fixtures/test_cards.csv); any other valid card is approved.
public final class SimulatedAcquirer: CardAcquirer {
    private let cards: [TestCard]
    private var faults: Faults
    private var random: SeededRandom
    public private(set) var captured: Set<String> = []
    public private(set) var voided: Set<String> = []

    public init(cards: [TestCard], faults: Faults = .none, seed: UInt64 = 1) {
        self.cards = cards
        self.faults = faults
        self.random = SeededRandom(seed: seed ^ 0xCA4D)
    }

    public func authorise(pan: String, expiry: String, amount: Yen, txnId: String) -> CardAuthorisation {
        guard Luhn.isValid(pan), CardBrand.of(pan: pan) != nil else { return .declined(.unreadable) }
        if random.chance(faults.cardTimeout) { return .timedOut }
        switch cards.first(where: { $0.pan == pan })?.outcome ?? .approve {
        case .approve: return .approved(authCode: Self.authCode(txnId))
        case .insufficientFunds: return .declined(.insufficientFunds)
        case .doNotHonour: return .declined(.doNotHonour)
        case .expired: return .declined(.expired)
        case .lostOrStolen: return .declined(.lostOrStolen)
        case .timeout: return .timedOut
        }
    }

    public func capture(authCode: String, txnId: String) { captured.insert(authCode) }
    public func void(authCode: String, txnId: String) { voided.insert(authCode) }

    /// Six digits derived from the transaction id, so a seeded day repeats exactly.
    static func authCode(_ txnId: String) -> String {
        var h: UInt64 = 1469598103934665603
        for b in txnId.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return String(format: "%06d", h % 1_000_000)
    }
}
