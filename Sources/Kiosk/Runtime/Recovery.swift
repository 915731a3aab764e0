import Foundation
import Ledger
import Receipt

/// Settles what a crash left open. The journal alone says what happened to each open
/// transaction: money kept but no top-up → the money goes back (or is owed, with a slip);
/// top-up asked but no answer recorded → the host is asked by transaction id, and the sale
/// is completed or refunded. Every resolution is journaled.
public struct Recovery {
    let ledger: Ledger
    let catalogue: Catalogue
    let host: TopUpHost
    let acquirer: CardAcquirer
    let cash: CashDevice
    let printer: ReceiptPrinter?
    let clock: () -> Date

    public init(ledger: Ledger, catalogue: Catalogue, host: TopUpHost, acquirer: CardAcquirer,
                cash: CashDevice, printer: ReceiptPrinter?, clock: @escaping () -> Date) {
        self.ledger = ledger
        self.catalogue = catalogue
        self.host = host
        self.acquirer = acquirer
        self.cash = cash
        self.printer = printer
        self.clock = clock
    }

    /// One line per transaction settled.
    @discardableResult
    public func run(terminalId: String? = nil) throws -> [String] {
        try ledger.openTransactions(terminalId: terminalId).map { try settle($0) }
    }

    /// What the journal of one transaction says happened.
    struct Trail {
        var inserted: [Int: Int] = [:]
        var returned: [Int: Int] = [:]
        var changePaid: [Int: Int] = [:]
        var topUpRequested = false
        var appliedExpiry: String?
        var topUpFailed: String?
        var authCode: String?
        var cardAsked = false
        var captured = false
        var voided = false

        init(_ journal: [JournalRecord]) {
            for row in journal {
                switch row.step {
                case .cashIn(let d): inserted.add([d: 1])
                case .cashReturned(let p): returned.add(p)
                case .changeDispensed(let p): changePaid.add(p)
                case .topUpRequested: topUpRequested = true
                case .topUpApplied(let e): appliedExpiry = e
                case .topUpFailed(let r): topUpFailed = r
                case .cardAuthorisationRequested: cardAsked = true
                case .cardAuthorised(_, _, let code): authCode = code
                case .cardCaptured: captured = true
                case .cardVoided: voided = true
                default: break
                }
            }
        }

        /// The customer's cash still in the machine.
        var held: [Int: Int] { inserted.adding(returned, sign: -1).filter { $0.value > 0 } }
    }

    private func settle(_ txn: TransactionRecord) throws -> String {
        let trail = Trail(try ledger.journal(txnId: txn.id))
        let expiry = trail.appliedExpiry
            ?? (trail.topUpRequested && trail.topUpFailed == nil ? host.appliedExpiry(txnId: txn.id) : nil)
        if let expiry {
            return try complete(txn, trail: trail, expiry: expiry)
        }
        let reason = trail.topUpFailed
            ?? (trail.topUpRequested ? "the carrier has no record of the top-up" : "interrupted before the top-up")
        let failed: [Step] = trail.topUpRequested && trail.topUpFailed == nil ? [.topUpFailed(reason: reason)] : []
        if txn.paymentMethod == "card" {
            if let code = trail.authCode, !trail.voided {
                try journal(txn, note: "card authorisation to be voided", failed)
                acquirer.void(authCode: code, txnId: txn.id)
                try journal(txn, [.cardVoided(authCode: code), .refunded(reason: reason)])
                return "\(txn.id): card authorisation voided"
            }
            if trail.authCode == nil {
                // Asked but never answered: reverse whatever the acquirer may have authorised.
                acquirer.void(authCode: "", txnId: txn.id)
                try journal(txn, note: "card payment never answered; reversal sent",
                            failed + [.failed(reason: "interrupted before the card was answered")])
                return "\(txn.id): card payment never finished; reversal sent"
            }
            try journal(txn, note: "card authorisation already voided", failed + [.refunded(reason: reason)])
            return "\(txn.id): card authorisation already voided"
        }
        let held = trail.held
        let yen = CashUnit.total(held)
        guard yen > .zero else {
            try journal(txn, note: "cash had already been given back", failed + [.cancelled(reason: "interrupted")])
            return "\(txn.id): cash had been given back; cancelled"
        }
        try journal(txn, note: "\(yen) to be given back", failed + [.cashReturnDue(pieces: held)])
        if cash.giveBack(held) {
            try journal(txn, [.cashReturned(pieces: held), .refunded(reason: reason)])
            printSlip(txn)
            return "\(txn.id): \(yen) returned"
        }
        try journal(txn, [.refundDue(yen: yen.amount, reason: reason + "; the cash could not be given back")])
        printSlip(txn)
        return "\(txn.id): \(yen) owed to the customer (refund-due slip printed)"
    }

    /// The top-up went through: finish the payment side and complete the sale.
    private func complete(_ txn: TransactionRecord, trail: Trail, expiry: String) throws -> String {
        let applied: [Step] = trail.appliedExpiry == nil ? [.topUpApplied(newExpiry: expiry)] : []
        if txn.paymentMethod == "card" {
            if let code = trail.authCode, !trail.captured {
                try journal(txn, note: "top-up was applied; card to be captured", applied)
                acquirer.capture(authCode: code, txnId: txn.id)
                try journal(txn, [.cardCaptured(authCode: code), .completed])
            } else {
                try journal(txn, note: "top-up was applied", applied + [.completed])
            }
            printSlip(txn)
            return "\(txn.id): top-up was applied; sale completed"
        }
        let owed = Yen(txn.cashInYen - txn.amountYen) - CashUnit.total(trail.changePaid)
        guard owed > .zero else {
            try journal(txn, note: "top-up was applied", applied + [.completed])
            printSlip(txn)
            return "\(txn.id): top-up was applied; sale completed"
        }
        let inventory = try ledger.cashInventory(terminalId: txn.terminalId)
        guard let pieces = CashUnit.change(for: owed, from: inventory) else {
            try journal(txn, note: "top-up was applied; change cannot be made",
                        applied + [.refundDue(yen: owed.amount, reason: "change could not be paid out after a restart")])
            printSlip(txn)
            return "\(txn.id): top-up was applied; change \(owed) owed to the customer"
        }
        try journal(txn, note: "top-up was applied; change to be paid", applied + [.changeDue(pieces: pieces)])
        if cash.dispense(pieces) {
            try journal(txn, [.changeDispensed(pieces: pieces), .completed])
        } else {
            try journal(txn, [.refundDue(yen: owed.amount, reason: "change could not be paid out after a restart")])
        }
        printSlip(txn)
        return "\(txn.id): top-up was applied; change \(owed) settled"
    }

    /// One durable commit for the transaction, led by what recovery concluded when given.
    private func journal(_ txn: TransactionRecord, note: String? = nil, _ steps: [Step]) throws {
        let all = (note.map { [Step.recovered(resolution: $0)] } ?? []) + steps
        let at = clock()
        try ledger.record(all.map { Entry(txnId: txn.id, terminalId: txn.terminalId, at: at, step: $0) })
    }

    /// The receipt or refund slip, in the folder where staff find it.
    private func printSlip(_ txn: TransactionRecord) {
        _ = printer?.print(txnId: txn.id, language: nil, reprint: false)
    }
}
