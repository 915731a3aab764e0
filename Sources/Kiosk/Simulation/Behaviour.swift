import Foundation

/// What people and machines take in a simulated day, from `fixtures/behaviour.csv`: a
/// customer's time at each step, how long a queue they will join and how long they wait in
/// it, and the machine's own times for the carrier, the card network, printing and change.
public struct Behaviour: Equatable, Sendable {
    public enum Step: String, CaseIterable, Sendable {
        // The customer, at the machine.
        case read = "read"                    // looks at a screen, then touches it
        case typeDigit = "type-digit"         // each digit of the SIM number
        case choosePlan = "choose-plan"
        case choosePayment = "choose-payment"
        case countCash = "count-cash"         // each coin or bill into the slot
        case presentCard = "present-card"     // a card, or a wallet's payment code
        case takeReceipt = "take-receipt"
        // The customer, in the queue.
        case acceptsQueue = "accepts-queue"   // people ahead they will still queue behind
        case patience = "patience"            // seconds they wait before giving up
        // The machine.
        case carrier = "carrier"              // the carrier's answer to a look-up or a top-up
        case cardNetwork = "card-network"     // the acquirer's answer to a card or a wallet payment
        case print = "print"                  // a receipt or slip out of the printer
        case cashOut = "cash-out"             // change or money given back, out of the tray

        public var isMachine: Bool { [.carrier, .cardNetwork, .print, .cashOut].contains(self) }
    }

    public var steps: [Step: Distribution]

    public init(steps: [Step: Distribution]) { self.steps = steps }

    public func draw(_ step: Step, using random: inout SeededRandom) -> Double {
        max(0, steps[step]?.draw(using: &random) ?? 0)
    }

    /// The customer's step before an action: what they do with their hands, or reading the screen.
    public static func step(before event: Event) -> Step {
        switch event {
        case .key: return .typeDigit
        case .cashInserted: return .countCash
        case .tap(.plan): return .choosePlan
        case .tap(.payByCash), .tap(.payByCard), .tap(.payByWallet): return .choosePayment
        case .tap(.presentCard), .tap(.scanCode): return .presentCard
        case .tap(.finish): return .takeReceipt
        default: return .read
        }
    }

    /// The machine's time for an effect, if it takes any: the answer arrives that much later.
    public static func step(for effect: Effect) -> Step? {
        switch effect {
        case .lookUpAccount, .topUp, .askTopUp: return .carrier
        case .authoriseCard, .chargeWallet, .askWallet: return .cardNetwork
        case .print: return .print
        case .dispenseChange, .giveBack: return .cashOut
        default: return nil
        }
    }
}
