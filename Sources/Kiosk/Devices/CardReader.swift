import Foundation
import Money

/// Card brands, told from the issuer identification number (the first digits).
public enum CardBrand: String, Sendable, CaseIterable {
    case visa = "Visa"
    case mastercard = "Mastercard"
    case jcb = "JCB"
    case amex = "American Express"
    case diners = "Diners Club"
    case unionPay = "UnionPay"

    public static func of(pan: String) -> CardBrand? {
        func prefix(_ n: Int) -> Int { Int(pan.prefix(n)) ?? -1 }
        switch true {
        case pan.hasPrefix("62"): return .unionPay
        case pan.hasPrefix("4"): return .visa
        case (51...55).contains(prefix(2)), (2221...2720).contains(prefix(4)): return .mastercard
        case (3528...3589).contains(prefix(4)): return .jcb
        case [34, 37].contains(prefix(2)): return .amex
        case prefix(2) == 36, [38, 39].contains(prefix(2)), (300...305).contains(prefix(3)): return .diners
        default: return nil
        }
    }
}

extension CardBrand {
    /// The brand of a card number the reader can take: 16 to 19 digits for UnionPay, whose
    /// numbers need not pass the Luhn check; the Luhn check for every other brand.
    public static func reading(_ pan: String) -> CardBrand? {
        guard pan.allSatisfy({ $0.isASCII && $0.isNumber }), let brand = of(pan: pan) else { return nil }
        if brand == .unionPay { return (16...19).contains(pan.count) ? brand : nil }
        return (12...19).contains(pan.count) && Luhn.isValid(pan) ? brand : nil
    }
}

/// Why the acquirer said no, in words for the customer.
public enum CardDecline: String, Equatable, Sendable, CaseIterable {
    case insufficientFunds = "insufficient_funds"
    case doNotHonour = "do_not_honour"
    case expired
    case lostOrStolen = "lost_stolen"
    case unreadable
    /// A third wrong PIN: the card is refused for the rest of the day.
    case pinTriesExceeded = "pin_tries_exceeded"

    public var description: String {
        switch self {
        case .insufficientFunds: return "The card was declined: insufficient funds."
        case .doNotHonour: return "The card was declined by the card issuer."
        case .expired: return "The card has expired."
        case .lostOrStolen: return "The card was declined by the card issuer."   // never say "stolen" to the customer
        case .unreadable: return "The card could not be read."
        case .pinTriesExceeded: return "The PIN was wrong three times; this card cannot be used today."
        }
    }
}

public enum CardAuthorisation: Equatable, Sendable {
    case approved(authCode: String)
    case declined(CardDecline)
    /// The PIN did not match; the card may be tried again this many times today.
    case wrongPIN(triesLeft: Int)
    case timedOut
}

/// The card reader and the acquirer behind it: authorise, then capture after the top-up,
/// or void when the top-up fails. It never keeps a full card number.
public protocol CardAcquirer: AnyObject {
    /// `pin` only for a card that asks for one; the acquirer does not keep it.
    func authorise(pan: String, expiry: String, amount: Yen, txnId: String, pin: PIN?) -> CardAuthorisation
    func capture(authCode: String, txnId: String)
    func void(authCode: String, txnId: String)
}

/// Where the simulated issuer counts wrong PINs: the store's ledger file, so that a card
/// refused for the day stays refused on every terminal of the store and after a restart.
public protocol PINTryRecords: AnyObject {
    func wrongPINs(pan: String, businessDate: String) throws -> Int
    func saveWrongPINs(_ wrong: Int, pan: String, businessDate: String, at: Date) throws
}

/// Counts kept in memory, for a machine with no ledger.
public final class PINTryMemory: PINTryRecords {
    private var counts: [String: Int] = [:]
    public init() {}
    public func wrongPINs(pan: String, businessDate: String) throws -> Int { counts[pan + " " + businessDate] ?? 0 }
    public func saveWrongPINs(_ wrong: Int, pan: String, businessDate: String, at: Date) throws {
        counts[pan + " " + businessDate] = wrong
    }
}

/// Answers by the documented test cards (fixtures/test_cards.csv); any other valid card is approved.
public final class SimulatedAcquirer: CardAcquirer {
    private let cards: [TestCard]
    private var faults: Faults
    private var random: SeededRandom
    private let pinTries: PINTryRecords
    private let clock: () -> Date
    public private(set) var captured: Set<String> = []
    public private(set) var voided: Set<String> = []
    static let pinTries = 3

    public init(cards: [TestCard], pinTries: PINTryRecords = PINTryMemory(), faults: Faults = .none, seed: UInt64 = 1,
                clock: @escaping () -> Date = Date.init) {
        self.cards = cards
        self.pinTries = pinTries
        self.faults = faults
        self.clock = clock
        self.random = SeededRandom(seed: seed ^ 0xCA4D)
    }

    public func authorise(pan: String, expiry: String, amount: Yen, txnId: String, pin: PIN? = nil) -> CardAuthorisation {
        guard CardBrand.reading(pan) != nil else { return .declined(.unreadable) }
        if random.chance(faults.cardTimeout) { return .timedOut }
        let card = cards.first(where: { $0.pan == pan })
        if let expected = card?.pin {
            // The issuer counts wrong PINs in a row per card and business day; the third
            // refuses the card until the day in Japan changes. An issuer that cannot read
            // or write its count does not answer.
            let now = clock()
            let day = JapanTime.date(now)
            do {
                let wrong = try pinTries.wrongPINs(pan: pan, businessDate: day)
                guard wrong < Self.pinTries else { return .declined(.pinTriesExceeded) }
                guard pin?.matches(expected) == true else {
                    try pinTries.saveWrongPINs(wrong + 1, pan: pan, businessDate: day, at: now)
                    let left = Self.pinTries - (wrong + 1)
                    return left > 0 ? .wrongPIN(triesLeft: left) : .declined(.pinTriesExceeded)
                }
                if wrong > 0 { try pinTries.saveWrongPINs(0, pan: pan, businessDate: day, at: now) }
            } catch {
                return .timedOut
            }
        }
        switch card?.outcome ?? .approve {
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
        return (h % 1_000_000).zeroPadded(6)
    }
}
