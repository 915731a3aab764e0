import Foundation
import Ledger

/// The store's register (`kiosk register`): the clerk's side of paying at the register. The
/// clerk scans or types a slip's number, sees its plan and amount, and takes cash or a card
/// by the very steps of the machine's own payment, so that the money, the top-up, change and
/// refunds follow one set of rules; the register's drawer is its own cash, apart from every
/// machine's. Then back to the next slip.
public enum SlipLookup: Equatable, Sendable {
    case payable(SlipIssue)
    case refused(slipNo: String, SlipRefusal)
}

extension KioskState {
    /// Whether this machine is a store's register.
    var isRegister: Bool { machine?.terminal.isRegister == true }

    /// The register waits for a slip: typed or pasted, or read by the barcode scanner.
    mutating func registerScan(_ event: Event, typed: String) -> [Effect] {
        let maxLength = 40
        switch event {
        case .slipScanned(let slipNo):
            return lookUpSlip(slipNo)
        case .key(.char(let c)) where c.isASCII && (c.isLetter || c.isNumber || c == "-") && typed.count < maxLength:
            screen = .registerScan(typed: typed + String(c).uppercased()); notice = nil
        case .tap(.digit(let d)) where typed.count < maxLength:
            screen = .registerScan(typed: typed + String(d)); notice = nil
        case .key(.backspace), .tap(.deleteDigit):
            screen = .registerScan(typed: String(typed.dropLast())); notice = nil
        case .tap(.clearNumber):
            screen = .registerScan(typed: ""); notice = nil
        case .key(.enter), .tap(.confirm):
            return typed.isEmpty ? [] : lookUpSlip(typed)
        default:
            return rejectStray(event)
        }
        return []
    }

    private mutating func lookUpSlip(_ slipNo: String) -> [Effect] {
        guard awaiting == nil else { return [] }
        let slipNo = slipNo.trimmingCharacters(in: .whitespaces).uppercased()
        notice = nil
        screen = .lookingUp
        awaiting = .slipLookUp
        return [.lookUpSlip(slipNo)]
    }

    /// A slip that can be paid becomes the order, at the slip's price; any other is refused
    /// with why, and the register waits for the next.
    mutating func slipLookedUp(_ lookup: SlipLookup) -> [Effect] {
        awaiting = nil
        switch lookup {
        case .refused(let slipNo, let why):
            screen = .registerScan(typed: "")
            notice = .slipRefused(slipNo: slipNo, why)
        case .payable(let issue):
            guard var plan = catalogue.plan(issue.planId) else {
                screen = .registerScan(typed: "")
                notice = .slipRefused(slipNo: issue.slipNo, .unknown)
                return []
            }
            // What the customer was quoted is the slip's, whatever the fixtures say today.
            plan.price = Yen(issue.amountYen)
            let sim = (try? SIMNumber.parse(issue.simNumber).get()) ?? .mobile(issue.simNumber)
            var order = Order(sim: sim, account: Account(sim: sim, carrierId: issue.carrierId, expiry: "", inGrace: false))
            order.plan = plan
            order.slip = issue
            self.order = order
            screen = .choosePayment
        }
        return []
    }

    /// The clerk voids a slip nobody is paying for: journaled, then the next slip.
    mutating func voidSlip() -> [Effect] {
        guard isRegister, awaiting == nil, let slip = order?.slip else { return [] }
        screen = .processing(.printing)
        awaiting = .slipVoid(slipNo: slip.slipNo)
        return [.journal(txnId: nil, [.slipVoided(slipNo: slip.slipNo)])]
    }

    mutating func slipVoided(_ slipNo: String) -> [Effect] {
        let effects = backToAttract()
        notice = .slipVoided(slipNo)
        return effects
    }

    /// The ledger refused the slip as the payment began: since the scan, another register took
    /// it, or it was voided or expired. Nothing was written and no money kept, so the piece
    /// handed over goes back, the clerk is told why, and the register waits for the next slip.
    mutating func slipTakenMeanwhile(_ slipNo: String, _ why: SlipRefusal) -> [Effect] {
        // Only the commit that begins a slip's sale takes the slip; any other refusal is a broken rule.
        guard isRegister, let order, order.slip?.slipNo == slipNo, !order.begun else {
            return ledgerFailed(why.sentence(slipNo: slipNo))
        }
        var effects: [Effect] = []
        if case .cashIn(let d, _)? = awaiting { effects.append(.rejectCash(d)) }
        effects += backToAttract()
        notice = .slipRefused(slipNo: slipNo, why)
        return effects
    }
}
