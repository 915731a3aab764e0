import Foundation

/// The five-step flow: find the machine → SIM number → amount → pay → receipt.
/// A pure function of the state and one event; the effects say what the runtime must do.
public func reduce(_ state: KioskState, _ event: Event) -> (KioskState, [Effect]) {
    var next = state
    let effects = next.apply(event)
    return (next, effects)
}

extension KioskState {
    mutating func apply(_ event: Event) -> [Effect] {
        switch event {
        case .tick(let time):
            now = time
            return walletTick() + timeOutIfIdle()
        case .shutdown:
            return shutdown()
        case .resume:
            return resume()
        case .statusesLoaded(let statuses):
            self.statuses = statuses
            return []
        case .machineReady(let status):
            return machineReady(status)
        case .machineInUse:
            notice = .machineInUse
            return []
        case .ledgerUnusable(let why):
            screen = .outOfService(reason: why)
            return []
        case .tap, .key, .cashInserted, .cardPresented, .codeScanned, .slipScanned:
            lastActivity = now
            return customer(event)
        case .journaled, .ledgerFailed, .slipRefused, .accountLookedUp, .slipLookedUp, .cardAnswered, .cardCaptured, .cardVoided,
             .walletAnswered, .walletStatus, .walletCancelled, .walletRefunded, .topUpAnswered, .topUpStatus, .changeDispensed, .cashGivenBack, .cashJammed, .printed, .printFailed:
            return answer(event)
        case .staffListed, .staffSignedIn, .staffRefused, .staffTaskDone:
            lastActivity = now
            return customer(event)
        }
    }

    /// What the customer did, routed by the screen they did it on.
    private mutating func customer(_ event: Event) -> [Effect] {
        if case .tap(.cancel) = event { return cancel(reason: .cancelledByCustomer) }
        if case .tap(.staffEntry) = event, machine != nil, awaiting == nil, order == nil {
            screen = .staffPIN(StaffSignIn())
            return [.listStaff]
        }
        switch screen {
        case .findMachine(let chain, let store, let terminal):
            return findMachine(event, chain: chain, store: store, terminal: terminal)
        case .attract:
            return attract(event)
        case .registerScan(let typed):
            return registerScan(event, typed: typed)
        case .enterNumber(let digits):
            return enterNumber(event, digits: digits)
        case .accountFound:
            return accountFound(event)
        case .choosePlan:
            return choosePlan(event)
        case .choosePayment:
            return choosePayment(event)
        case .payingCash:
            return payingCash(event)
        case .payingCard:
            return payingCard(event)
        case .enteringPIN(let pad):
            return enteringPIN(event, pad: pad)
        case .payingWallet:
            return payingWallet(event)
        case .done, .refund, .cancelled, .slipIssued:
            if event == .tap(.finish) || event == .key(.enter) || event == .key(.escape) || event == .tap(.back) {
                return backToAttract()
            }
            return rejectStray(event)
        case .staffPIN(let signIn):
            return staffPIN(event, signIn: signIn)
        case .staffMenu(let desk):
            return staffMenu(event, desk: desk)
        case .lookingUp, .processing, .confirmInApp, .outOfService:
            return rejectStray(event)
        }
    }

    /// Money offered on a screen that is not taking it goes straight back.
    mutating func rejectStray(_ event: Event) -> [Effect] {
        switch event {
        case .cashInserted(let d), .tap(.insertCash(let d)):
            return [.rejectCash(d)]
        default:
            return []
        }
    }

    /// Back to the attract screen, ready for the next customer.
    mutating func backToAttract() -> [Effect] {
        if machine?.status.inService == false {
            screen = .outOfService(reason: "")
        } else {
            screen = isRegister ? .registerScan(typed: "") : .attract
        }
        order = nil
        awaiting = nil
        notice = nil
        language = homeLanguage
        return []
    }
}
