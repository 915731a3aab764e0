import Foundation
import Money
import Receipt

/// A simulated customer: someone who walks up to the machine with a SIM and a way to pay,
/// and behaves like a person — mistypes, brings a SIM that cannot be topped up, changes
/// their mind, walks away, pays exact or with a large bill, or with a card that is declined.
public struct Customer {
    public enum Persona: CaseIterable {
        case regular, exactPayer, bigBills, mistypes, unknownSIM, wrongKindOfSIM, changesMind, walksAway,
             cardUser, declinedCard, slowCard, oddCoins
    }

    public enum Action: Equatable {
        case event(Event)
        case wait(TimeInterval)
        case leave
    }

    public let persona: Persona
    let number: String
    let language: Language
    /// How a visitor likes to pay, from where they come from: many Chinese-speaking visitors
    /// pay by phone wallet or UnionPay, some Japanese by PayPay.
    let habit: PaymentHabit

    enum PaymentHabit: Equatable {
        case asPersona
        case wallet(String)
        case unionPay(String)
        /// Takes a slip to the register where the machine offers it, as at Loppi and Famiポート.
        case atRegister
    }
    let planChoice: Int
    /// At a machine that takes no money and prints a slip for the register: whether, slip in
    /// hand, this customer walks to the register at all (some never do, and their slips expire).
    let paysSlip: Bool
    /// The slip this customer takes to the register when they leave the machine.
    public private(set) var slipToPay: SlipTicket?
    /// Whether the machine printed this customer a slip (paid or not).
    public private(set) var printedSlip = false
    /// The keys still to type, the next one last.
    private var keys: [Event]
    private var pieces: [Int] = []
    private var paymentTries = 0
    private var actions = 0
    private var random: SeededRandom

    /// Draws a customer: who they are, which SIM they bring, what they will do.
    public init(catalogue: Catalogue, random: inout SeededRandom) {
        let roll = Double.random(in: 0..<1, using: &random)
        let weights: [(Persona, Double)] = [
            (.regular, 0.30), (.exactPayer, 0.12), (.bigBills, 0.10), (.mistypes, 0.08), (.unknownSIM, 0.04),
            (.wrongKindOfSIM, 0.04), (.changesMind, 0.05), (.walksAway, 0.03), (.cardUser, 0.14),
            (.declinedCard, 0.05), (.slowCard, 0.02), (.oddCoins, 0.03)]
        var acc = 0.0
        persona = weights.first { acc += $0.1; return roll < acc }?.0 ?? .regular
        let seed = random.next()
        self.random = SeededRandom(seed: seed)
        // Drawn from a stream of their own, so that every other choice stays as it was.
        var slipRandom = SeededRandom(seed: seed ^ 0x511B)
        paysSlip = Double.random(in: 0..<1, using: &slipRandom) < 0.8
        let prepaid = catalogue.accounts.filter { $0.planType == .prepaid && $0.status == .active }
        let refused = catalogue.accounts.filter { $0.planType == .postpaid || $0.status == .suspended }
        switch persona {
        case .unknownSIM:
            number = "090" + Int.random(in: 0..<100_000_000, using: &random).zeroPadded(8)
        case .wrongKindOfSIM where !refused.isEmpty:
            number = refused.randomElement(using: &random)!.number
        default:
            number = prepaid.randomElement(using: &random)?.number ?? "09012345678"
        }
        language = Language.allCases.randomElement(using: &random)!
        habit = Customer.habit(language: language, random: &random)
        planChoice = Int.random(in: 0..<6, using: &random)
        keys = number.map { Event.key(.char($0)) }
        if persona == .mistypes, keys.count > 3 {
            // Types one digit short, is told why, then adds it.
            let last = keys.removeLast()
            keys += [.key(.enter), last]
        }
        keys.reverse()
    }

    /// What they came to buy: their carrier's plan they would choose. Nil when their SIM
    /// cannot be topped up here, or when they were never going to pay (a day's sales lost
    /// count only what a customer who left the queue would have spent).
    public func wantedPlan(in catalogue: Catalogue) -> Plan? {
        guard ![.changesMind, .walksAway, .declinedCard, .slowCard].contains(persona),
              let account = catalogue.accounts.first(where: { $0.number == number }),
              account.planType == .prepaid, account.status == .active else { return nil }
        let plans = catalogue.plans(of: account.carrierId)
        return plans.isEmpty ? nil : plans[planChoice % plans.count]
    }

    /// What the customer does next, looking at the screen.
    public mutating func next(_ state: KioskState) -> Action {
        actions += 1
        if actions > 80 { return .leave }
        switch state.screen {
        case .attract:
            if actions == 1, language != state.language { return .event(.tap(.language(language))) }
            return actions < 3 ? .event(.tap(.start)) : .leave
        case .enterNumber:
            if case .accountRefused? = state.notice { return .event(.tap(.cancel)) }
            if case .hostUnavailable? = state.notice { return .event(.tap(.cancel)) }
            return .event(keys.popLast() ?? .key(.enter))
        case .accountFound:
            return .event(.tap(.confirm))
        case .choosePlan:
            let plans = state.plansOffered
            guard !plans.isEmpty else { return .event(.tap(.cancel)) }
            return .event(.tap(.plan(plans[planChoice % plans.count].id)))
        case .choosePayment:
            paymentTries += 1
            if paymentTries > 3 { return .event(.tap(.cancel)) }
            let offered = state.paymentsOffered
            if state.machine?.terminal.paysAtRegister == true, offered.isEmpty { return .event(.tap(.payAtRegister)) }
            switch habit {
            case .wallet where paymentTries == 1 && offered.contains(.wallet): return .event(.tap(.payByWallet))
            case .unionPay where paymentTries == 1 && offered.contains(.card): return .event(.tap(.payByCard))
            case .atRegister where paymentTries == 1 && state.machine?.terminal.paysAtRegister == true:
                return .event(.tap(.payAtRegister))
            default: break
            }
            let wantsCard = [.cardUser, .declinedCard, .slowCard].contains(persona) && paymentTries == 1
            if wantsCard, offered.contains(.card) { return .event(.tap(.payByCard)) }
            if offered.contains(.cash) { return .event(.tap(.payByCash)) }
            return offered.contains(.card) ? .event(.tap(.payByCard)) : .event(.tap(.cancel))
        case .payingCard:
            if case .unionPay(let card) = habit { return .event(.tap(.presentCard(card))) }
            switch persona {
            case .declinedCard: return .event(.tap(.presentCard(["visa-no-funds", "visa-dnh", "visa-expired", "visa-lost"].randomElement(using: &random)!)))
            case .slowCard: return .event(.tap(.presentCard("visa-timeout")))
            default: return .event(.tap(.presentCard(["visa-ok", "mc-ok", "jcb-ok", "amex-ok", "diners-ok"].randomElement(using: &random)!)))
            }
        case .enteringPIN(let pad):
            // Types the PIN; a customer who mistypes gets it wrong once first.
            if pad.pin.isComplete { return .event(.key(.enter)) }
            let pin = persona == .mistypes && pad.triesLeft == nil ? "4321" : "1234"
            return .event(.key(.char(Array(pin)[pad.pin.count])))
        case .payingWallet:
            if case .wallet(let code) = habit { return .event(.tap(.scanCode(code))) }
            return .event(.tap(.back))
        case .confirmInApp:
            // Confirms in the app while the machine waits.
            return .wait(WalletPayment.askEvery)
        case .payingCash:
            return payCash(state)
        case .slipIssued(let ticket):
            printedSlip = true
            if paysSlip { slipToPay = ticket }
            return .event(.tap(.finish))
        case .done, .refund, .cancelled:
            return .event(.tap(.finish))
        case .findMachine, .outOfService, .lookingUp, .processing, .staffPIN, .staffMenu, .registerScan:
            return .leave
        }
    }

    private mutating func payCash(_ state: KioskState) -> Action {
        guard let order = state.order else { return .leave }
        if order.paid > .zero {
            if persona == .changesMind { return .event(.tap(.cancel)) }
            if persona == .walksAway { return .wait(state.timeout + 1) }
        }
        if case .cannotMakeChange? = state.notice { pieces = Customer.exact(order.stillDue) }
        if case .cashUnitFull? = state.notice { pieces = Customer.exact(order.stillDue) }
        if pieces.isEmpty {
            pieces = plannedPieces(due: order.stillDue)
        }
        return .event(.cashInserted(pieces.removeFirst()))
    }

    private mutating func plannedPieces(due: Yen) -> [Int] {
        switch persona {
        case .exactPayer: return Customer.exact(due)
        case .bigBills: return [10000]
        case .oddCoins: return [[1, 5, 2000].randomElement(using: &random)!] + Customer.exact(due)
        default:
            // The smallest single bill that covers what is due, else exact.
            return [1000, 5000, 10000].first { Yen($0) >= due }.map { [$0] } ?? Customer.exact(due)
        }
    }

    private static func habit(language: Language, random: inout SeededRandom) -> PaymentHabit {
        let roll = Double.random(in: 0..<1, using: &random)
        switch language {
        case .zhHans:
            if roll < 0.25 { return .wallet(["alipay-ok", "alipay-confirm", "wechat-ok"].randomElement(using: &random)!) }
            if roll < 0.30 { return .wallet(["alipay-balance", "wechat-never", "wechat-risk"].randomElement(using: &random)!) }
            if roll < 0.50 { return .unionPay(["unionpay-debit", "unionpay-credit"].randomElement(using: &random)!) }
        case .zhHant:
            if roll < 0.15 { return .wallet(["alipay-ok", "wechat-ok"].randomElement(using: &random)!) }
            if roll < 0.25 { return .unionPay("unionpay-credit") }
        case .ja:
            if roll < 0.10 { return .wallet(["paypay-ok", "paypay-timeout"].randomElement(using: &random)!) }
            if roll < 0.30 { return .atRegister }
        case .en:
            break
        }
        return .asPersona
    }

    /// Exact money from a wallet of every coin and bill, largest first.
    static func exact(_ amount: Yen) -> [Int] {
        var left = amount.amount
        var out: [Int] = []
        for d in CashUnit.denominations.reversed() {
            while left >= d { out.append(d); left -= d }
        }
        return out.isEmpty ? [10] : out
    }
}
