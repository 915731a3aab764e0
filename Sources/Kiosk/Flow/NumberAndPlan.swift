import Ledger

/// Steps 2 and 3: the SIM number, the account the host finds, the plan, the way to pay.
extension KioskState {
    mutating func attract(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.language(let l)):
            language = l
        case .tap(.start), .key(.enter):
            screen = .enterNumber(digits: "")
        case .tap(.digit(let d)):
            screen = .enterNumber(digits: String(d))
        case .key(.char(let c)) where c.isASCII && c.isNumber || c == "+":
            screen = .enterNumber(digits: String(c))
        default:
            return rejectStray(event)
        }
        return []
    }

    mutating func enterNumber(_ event: Event, digits: String) -> [Effect] {
        let maxDigits = 20
        switch event {
        case .tap(.digit(let d)) where digits.count < maxDigits:
            screen = .enterNumber(digits: digits + String(d)); notice = nil
        case .key(.char(let c)) where c.isASCII && c.isNumber && digits.count < maxDigits:
            screen = .enterNumber(digits: digits + String(c)); notice = nil
        case .key(.char("+")) where digits.isEmpty:
            // The international form, +81 90…, from the keyboard (the keypad has 0081 for it).
            screen = .enterNumber(digits: "+"); notice = nil
        case .tap(.deleteDigit), .key(.backspace):
            screen = .enterNumber(digits: String(digits.dropLast())); notice = nil
        case .tap(.clearNumber):
            screen = .enterNumber(digits: ""); notice = nil
        case .tap(.confirm), .key(.enter):
            switch SIMNumber.parse(digits) {
            case .failure(let why):
                notice = .simRejected(why)
            case .success(let sim):
                notice = nil
                screen = .lookingUp
                awaiting = .lookUp
                order = Order(sim: sim, account: Account(sim: sim, carrierId: "", expiry: "", inGrace: false))
                return [.lookUpAccount(sim)]
            }
        case .tap(.back), .key(.escape):
            return backToAttract()
        default:
            return rejectStray(event)
        }
        return []
    }

    mutating func accountLookedUp(_ lookup: AccountLookup) -> [Effect] {
        awaiting = nil
        let digits = order?.sim.digits ?? ""
        switch lookup {
        case .found(let account):
            order?.account = account
            screen = .accountFound
        case .refused(let why):
            order = nil
            notice = .accountRefused(why)
            screen = .enterNumber(digits: digits)
        case .unavailable:
            order = nil
            notice = .hostUnavailable
            screen = .enterNumber(digits: digits)
        }
        return []
    }

    mutating func accountFound(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.confirm), .key(.enter):
            screen = .choosePlan
        case .tap(.back), .key(.escape):
            screen = .enterNumber(digits: order?.sim.digits ?? "")
            order = nil
        default:
            return rejectStray(event)
        }
        return []
    }

    /// The plans the found SIM's carrier offers.
    public var plansOffered: [Plan] {
        guard let carrier = order?.account.carrierId else { return [] }
        return catalogue.plans(of: carrier)
    }

    mutating func choosePlan(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.plan(let id)):
            guard let plan = plansOffered.first(where: { $0.id == id }) else { return [] }
            order?.plan = plan
            screen = .choosePayment
            notice = machine?.status.hasPaper == false ? .noPaper : nil
        case .key(.char(let c)) where c.isASCII && c.isNumber:
            let index = Int(String(c))! - 1
            guard plansOffered.indices.contains(index) else { return [] }
            return choosePlan(.tap(.plan(plansOffered[index].id)))
        case .tap(.back), .key(.escape):
            screen = .accountFound
        default:
            return rejectStray(event)
        }
        return []
    }

    /// The ways to pay this terminal takes.
    public var paymentsOffered: [PaymentMethod] {
        PaymentMethod.allCases.filter { machine?.terminal.payments.contains($0) == true }
    }

    mutating func choosePayment(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.payByCash):
            return startPayment(.cash)
        case .tap(.payByCard):
            return startPayment(.card)
        case .tap(.payByWallet):
            return startPayment(.wallet)
        case .tap(.payAtRegister):
            return issueSlip()
        case .tap(.voidSlip):
            return voidSlip()
        case .tap(.back), .key(.escape) where isRegister:
            return backToAttract()
        case .tap(.back), .key(.escape):
            screen = .choosePlan
            notice = nil
        default:
            return rejectStray(event)
        }
        return []
    }

    /// A new transaction id for each payment attempt; its `begin` is written with the first money.
    private mutating func startPayment(_ method: PaymentMethod) -> [Effect] {
        guard paymentsOffered.contains(method), var m = machine else {
            notice = .paymentUnavailable
            return []
        }
        order?.method = method
        order?.txnId = m.terminal.id + "-" + m.status.nextSequence.zeroPadded(6)
        order?.begun = false
        m.status.nextSequence += 1
        machine = m
        notice = machine?.status.hasPaper == false ? .noPaper : nil
        panelPage = 0
        switch method {
        case .cash: screen = .payingCash
        case .card: screen = .payingCard
        case .wallet: screen = .payingWallet
        }
        return []
    }

    /// What the card and wallet screens do besides taking their own payment: turn the page of
    /// the devices panel, or go back to the choice of how to pay.
    mutating func otherPaymentEvent(_ event: Event) -> [Effect] {
        switch event {
        case .tap(.morePanel):
            panelPage += 1
            return []
        case .tap(.back), .key(.escape):
            screen = .choosePayment
            notice = nil
            return []
        default:
            return rejectStray(event)
        }
    }

    /// The `begin` step, written together with the first step that needs durability.
    func beginStep() -> [Step] {
        guard let order, !order.begun, let txnId = order.txnId, let plan = order.plan, let m = machine else { return [] }
        return [.begin(TransactionStart(
            id: txnId, storeId: m.store.id, terminalId: m.terminal.id, businessDate: today,
            simNumber: order.sim.digits, carrierId: plan.carrierId, planId: plan.id,
            amountYen: plan.price.amount, taxYen: plan.price.includedConsumptionTax.amount,
            paymentMethod: order.method ?? .cash, language: order.slip?.language ?? language.rawValue,
            slipNo: order.slip?.slipNo))]
    }
}
