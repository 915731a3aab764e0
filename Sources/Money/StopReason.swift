/// Why a sale stopped before it finished, or why money is still owed. The journal stores the
/// code (`rawValue`); staff read `sentence`; screens and slips say it in the customer's language.
public enum StopReason: String, Equatable, Hashable, Sendable, CaseIterable, Codable {
    case carrierError = "carrier_error"
    case carrierRefused = "carrier_refused"
    /// No answer, and none when asked again by transaction id.
    case carrierSilent = "carrier_silent"
    case cancelledByCustomer = "cancelled_by_customer"
    case timedOut = "timed_out"
    case machineStopped = "machine_stopped"
    /// The machine restarted while the sale was going on, before its money moved again.
    case interrupted
    case cardDeclined = "card_declined"
    case cardTimedOut = "card_timed_out"
    /// The top-up went through but the machine could not pay out all the change.
    case changeNotPaid = "change_not_paid"
    case walletDeclined = "wallet_declined"
    /// The customer did not confirm the payment in their app in time; it was cancelled.
    case walletNotConfirmed = "wallet_not_confirmed"

    /// The staff's words, in English, as reports and the refunds-due list show them.
    public var sentence: String {
        switch self {
        case .carrierError: return "The carrier's system reported an error."
        case .carrierRefused: return "The carrier refused the top-up."
        case .carrierSilent: return "the carrier did not answer"
        case .cancelledByCustomer: return "cancelled by the customer"
        case .timedOut: return "timed out"
        case .machineStopped: return "machine stopped"
        case .interrupted: return "interrupted by a restart"
        case .cardDeclined: return "card declined"
        case .cardTimedOut: return "card reader timed out"
        case .changeNotPaid: return "change could not be paid out"
        case .walletDeclined: return "wallet payment declined"
        case .walletNotConfirmed: return "wallet payment not confirmed in time"
        }
    }

    /// Why the store owes money back: the reason, and that the machine could not pay it.
    public var refundDueSentence: String {
        guard self != .changeNotPaid else { return sentence }
        let reason = sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence
        return reason + "; the cash could not be given back"
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let reason = StopReason(rawValue: text) ?? StopReason(legacySentence: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "\"\(text)\" is not a reason a sale stops"))
        }
        self = reason
    }

    /// Journals written before reasons were codes hold English sentences; each begins with one
    /// of these (a refund due adds to it).
    init?(legacySentence text: String) {
        let legacy: [(String, StopReason)] = [
            ("The carrier's system reported an error.", .carrierError),
            ("The carrier refused the top-up.", .carrierRefused),
            ("the carrier did not answer", .carrierSilent),
            ("the carrier has no record of the top-up", .carrierSilent),
            ("cancelled by the customer", .cancelledByCustomer),
            ("timed out", .timedOut),
            ("machine stopped", .machineStopped),
            ("interrupted", .interrupted),
            ("card declined", .cardDeclined),
            ("card reader timed out", .cardTimedOut),
            ("change could not be paid out", .changeNotPaid),
        ]
        guard let found = legacy.first(where: { text.hasPrefix($0.0) }) else { return nil }
        self = found.1
    }
}
