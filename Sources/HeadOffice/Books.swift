import Foundation
import Ledger
import Money

/// A cash movement as HQ keeps it: the journal row that made it, and one denomination.
public struct HQCashMovement: Equatable, Sendable {
    public var seq: Int64
    public var terminalId: String
    public var at: String
    public var kind: CashMovementKind
    public var denomination: Int
    public var count: Int
    public var txnId: String?
}

/// A refund the store owes a customer, and whether staff paid it.
public struct HQRefundDue: Equatable, Sendable {
    public var txnId: String
    public var terminalId: String
    public var yen: Int
    public var reason: StopReason
    public var at: String
    public var settledAt: String?
    public var settledBy: String?
}

/// HQ's books of one ledger, or of the part of them a batch touches: what the verified rows
/// give, applied in order with the effects `Ledger.record` gives them. `kiosk hq verify` checks
/// the result against the ledger module's own replay (`JournalReplay`).
public struct Books: Equatable, Sendable {
    /// The transactions the rows touched (loaded before, or begun by the rows), by id.
    public var transactions: [String: TransactionRecord] = [:]
    /// Transactions whose top-up the carrier applied (a refund due of one still counts as a sale).
    public var topUpApplied: Set<String> = []
    /// Each terminal's last receipt number.
    public var lastReceipt: [String: Int] = [:]
    /// Movements made by the rows applied here.
    public var movements: [HQCashMovement] = []
    public var refundsDue: [String: HQRefundDue] = [:]
    /// The register slips the rows touched, by number.
    public var slips: [String: HQSlip] = [:]
    /// The terminals the rows touched (loaded before, or first seen in the rows), by id.
    public var terminals: [String: HQTerminalState] = [:]
    /// What the rows' movements added to each terminal's cash unit, by denomination.
    public var cashChange: [String: [Int: Int]] = [:]
    /// The Z reports the rows closed, in order.
    public var zCloses: [HQZClose] = []
    /// Ids of the transactions, refunds and slips the rows changed.
    public private(set) var changedTransactions: Set<String> = []
    public private(set) var changedRefunds: Set<String> = []
    public private(set) var changedSlips: Set<String> = []

    public init() {}

    /// Applies one verified row; a row that does not apply (a step of a transaction the books
    /// do not have, a second end of one sale…) is refused by its seq, as the ledger refuses it.
    public mutating func apply(_ verified: VerifiedRow) throws(PushRefusal) {
        let row = verified.row
        func refuse(_ why: String) -> PushRefusal { .malformed("Row seq \(row.seq) cannot be applied: \(why).") }
        guard let time = row.time else { throw refuse("its time cannot be read") }
        // The transaction the row belongs to, as `Commit` finds it.
        var txn: TransactionRecord?
        switch (verified.step, row.txnId) {
        case (.begin, _):
            txn = nil
        case (_, let id?):
            guard let found = transactions[id] else { throw refuse("transaction \(id) never began") }
            guard found.terminalId == row.terminalId else { throw refuse("transaction \(id) belongs to terminal \(found.terminalId)") }
            txn = found
        case (.replenished, nil), (.collected, nil), (.recovered, nil), (.staff, nil), (.zClosed, nil), (.slipIssued, nil), (.slipVoided, nil):
            txn = nil
        case (let step, nil):
            throw refuse("a \(step.kind) step must name its transaction")
        }
        func mustBeOpen() throws(PushRefusal) -> TransactionRecord {
            guard txn!.status == .open else { throw refuse("transaction \(txn!.id) is already \(txn!.status.rawValue)") }
            return txn!
        }
        var terminal = terminals[row.terminalId] ?? HQTerminalState(terminalId: row.terminalId)
        terminal.lastSeq = row.seq
        terminal.lastRowAt = row.at
        defer { terminals[row.terminalId] = terminal }
        func move(_ kind: CashMovementKind, _ pieces: CashPieces) {
            for (denomination, count) in pieces.byDenomination where count > 0 {
                cashChange[row.terminalId, default: [:]][denomination, default: 0] += Self.sign(kind) * count
                movements.append(HQCashMovement(seq: row.seq, terminalId: row.terminalId, at: row.at, kind: kind,
                                                denomination: denomination, count: count, txnId: txn?.id))
            }
        }
        func finish(_ status: TransactionStatus) throws(PushRefusal) {
            var done = try mustBeOpen()
            done.status = status
            done.finishedAt = time
            if [.completed, .refunded, .refundDue].contains(status), done.receiptNo == nil {
                let next = (lastReceipt[done.terminalId] ?? 0) + 1
                lastReceipt[done.terminalId] = next
                done.receiptNo = next
                terminal.lastReceiptNo = next
                terminal.receiptsSincePaper += 1
            }
            if status == .completed { terminal.lastSaleAt = row.at }
            if let slip = slips.values.first(where: { $0.txnId == done.id && $0.status == .paying }) {
                slips[slip.issue.slipNo]!.status = SlipStatus.after(status)
                changedSlips.insert(slip.issue.slipNo)
            }
            update(done)
        }

        switch verified.step {
        case .begin(let s):
            guard transactions[s.id] == nil else { throw refuse("transaction \(s.id) began before") }
            if let number = s.slipNo {
                guard var slip = slips[number] else { throw refuse("slip \(number) was never printed") }
                guard slip.status == .issued else { throw refuse("slip \(number) is \(slip.status.rawValue)") }
                slip.status = .paying
                slip.txnId = s.id
                slip.registerId = s.terminalId
                slips[number] = slip
                changedSlips.insert(number)
            }
            update(TransactionRecord(id: s.id, storeId: s.storeId, terminalId: s.terminalId, businessDate: s.businessDate,
                                     startedAt: time, finishedAt: nil, status: .open, simNumber: s.simNumber,
                                     carrierId: s.carrierId, planId: s.planId, amountYen: s.amountYen, taxYen: s.taxYen,
                                     paymentMethod: s.paymentMethod, cashInYen: 0, changeYen: 0, cardBrand: nil,
                                     cardLast4: nil, authCode: nil, receiptNo: nil))
        case .cashIn(let denomination):
            var paying = try mustBeOpen()
            move(.cashIn, [denomination: 1])
            paying.cashInYen += denomination
            update(paying)
        case .changeDispensed(let pieces):
            move(.change, pieces)
            txn!.changeYen += pieces.total.amount
            update(txn!)
        case .cashReturned(let pieces): move(.refund, pieces)
        case .replenished(let pieces, _): move(.replenish, pieces)
        case .collected(let pieces, _): move(.collect, pieces)
        case .cardAuthorised(let brand, let last4, let code), .walletPaid(let brand, let last4, let code):
            txn!.cardBrand = brand
            txn!.cardLast4 = last4
            txn!.authCode = code
            update(txn!)
        case .topUpApplied:
            topUpApplied.insert(txn!.id)
            changedTransactions.insert(txn!.id)
        case .completed: try finish(.completed)
        case .refunded: try finish(.refunded)
        case .cancelled: try finish(.cancelled)
        case .failed: try finish(.failed)
        case .refundDue(let yen, let reason):
            try finish(.refundDue)
            refundsDue[txn!.id] = HQRefundDue(txnId: txn!.id, terminalId: row.terminalId, yen: yen, reason: reason, at: row.at)
            changedRefunds.insert(txn!.id)
            terminal.openRefunds += 1
            terminal.openRefundsYen += yen
        case .refundSettled(let yen, let staff):
            guard var due = refundsDue[txn!.id], due.settledAt == nil else { throw refuse("transaction \(txn!.id) is owed nothing") }
            guard due.yen == yen else { throw refuse("transaction \(txn!.id) is owed ¥\(due.yen), not ¥\(yen)") }
            due.settledAt = row.at
            due.settledBy = staff
            refundsDue[txn!.id] = due
            changedRefunds.insert(txn!.id)
            terminal.openRefunds -= 1
            terminal.openRefundsYen -= yen
        case .changeDue, .cashReturnDue, .cardAuthorisationRequested, .cardDeclined, .cardVoided, .cardCaptured,
             .walletPaymentRequested, .walletDeclined, .walletCancelled, .walletRefunded,
             .topUpRequested, .topUpFailed:
            break
        case .recovered:
            terminal.lastRecoveredAt = row.at
        case .staff(let action, _):
            if let sheets = PaperLoad.sheets(loadedBy: action) {
                terminal.paperLoadedAt = row.at
                terminal.paperLoadedSheets = sheets
                terminal.receiptsSincePaper = 0
            }
            if let z = Self.zClose(verified) { closeZ(z, &terminal) }
        case .zClosed:
            closeZ(Self.zClose(verified)!, &terminal)
        case .slipIssued(let issue):
            guard slips[issue.slipNo] == nil else { throw refuse("slip \(issue.slipNo) was printed before") }
            slips[issue.slipNo] = HQSlip(issue: issue, issuedAt: row.at,
                                         expiresAt: StoredTime.text(time.addingTimeInterval(Double(issue.validMinutes) * 60)),
                                         status: .issued)
            changedSlips.insert(issue.slipNo)
        case .slipVoided(let number):
            guard var slip = slips[number] else { throw refuse("slip \(number) was never printed") }
            guard slip.status == .issued else { throw refuse("slip \(number) is \(slip.status.rawValue)") }
            slip.status = .voided
            slips[number] = slip
            changedSlips.insert(number)
        }
    }

    private mutating func closeZ(_ z: HQZClose, _ terminal: inout HQTerminalState) {
        zCloses.append(z)
        terminal.lastZNumber = z.number
        terminal.lastZAt = z.closedAt
    }

    private mutating func update(_ txn: TransactionRecord) {
        transactions[txn.id] = txn
        changedTransactions.insert(txn.id)
    }
}
