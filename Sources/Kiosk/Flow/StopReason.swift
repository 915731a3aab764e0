/// Why a sale stopped before it finished and the money went back: the journal keeps the
/// English sentence, the screens say it in the customer's language.
public enum StopReason: Equatable, Sendable, CaseIterable {
    case carrierError
    case carrierRefused
    /// No answer, and none when asked again by transaction id.
    case carrierSilent
    case cancelledByCustomer
    case timedOut
    case machineStopped

    /// The journal's words.
    public var sentence: String {
        switch self {
        case .carrierError: return "The carrier's system reported an error."
        case .carrierRefused: return "The carrier refused the top-up."
        case .carrierSilent: return "the carrier did not answer"
        case .cancelledByCustomer: return "cancelled by the customer"
        case .timedOut: return "timed out"
        case .machineStopped: return "machine stopped"
        }
    }

    /// The reason a journal sentence gives, if it is one of these (a refund due adds to it).
    public init?(sentence: String) {
        guard let known = Self.allCases.first(where: { sentence.hasPrefix($0.sentence) }) else { return nil }
        self = known
    }
}
