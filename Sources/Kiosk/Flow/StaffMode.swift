import Ledger

/// Staff mode, behind the staff key and a PIN: the machine's devices, cash in and out, paper, a
/// reprint, refunds due paid from the counter, and the X and Z reports. Every task is
/// journaled with the staff member's name. What moves money is decided here; the runtime
/// performs the rest (`StaffWork`).
public enum StaffTask: String, CaseIterable, Sendable {
    /// Replenish each denomination back up to the machine's opening float.
    case refill
    /// Collect the ¥5,000 and ¥10,000 bills.
    case collectBills = "collect-bills"
    /// Put a new roll of paper in the printer.
    case loadPaper = "load-paper"
    case reprintLast = "reprint-last"
    /// Pay the refunds due of this terminal from the counter.
    case settleRefunds = "settle-refunds"
    case xReport = "x-report"
    case zReport = "z-report"
}

/// The staff tasks that move no money, which the runtime performs (`StaffWork`).
public enum StaffDeskTask: Equatable, Sendable {
    case loadPaper, reprintLast, xReport, zReport
}

/// Cash staff put in or take out by hand, or pay from the counter: journaled before the
/// machine's counts change.
public enum StaffCash: Equatable {
    case refill(CashPieces)
    case collect(CashPieces)
    /// One refund due at a time, each its own commit; `paid` are those already settled.
    case settle(RefundOwed, rest: [RefundOwed], paid: [RefundOwed])
}

/// Signing in to staff mode: the member chooses their name from the staff of the ledger, then
/// types their own PIN. With one member the name is chosen already.
public struct StaffSignIn: Equatable {
    public var members: [String] = []
    public var member: String?
    public var digits = ""

    public init(members: [String] = [], member: String? = nil, digits: String = "") {
        self.members = members
        self.member = member
        self.digits = digits
    }
}

/// The staff member signed in and the outcome of their last task.
public struct StaffDesk: Equatable {
    public var name: String
    public var message: String?
}

extension KioskState {
    mutating func staffPIN(_ event: Event, signIn: StaffSignIn) -> [Effect] {
        var next = signIn
        let digits = signIn.digits
        switch event {
        case .staffListed(let names):
            next.members = names
            if names.count == 1 { next.member = names[0] }
            notice = names.isEmpty ? .staff("No staff are registered yet; add one with `kiosk staff add --name NAME`.") : nil
        case .tap(.staffMember(let name)) where signIn.members.contains(name):
            next.member = name; next.digits = ""; notice = nil
        case .key(.char(let c)) where c.isASCII && c.isNumber && digits.count < 8 && signIn.member != nil:
            next.digits += String(c); notice = nil
        case .tap(.digit(let d)) where digits.count < 8 && signIn.member != nil:
            next.digits += String(d); notice = nil
        case .key(.backspace), .tap(.deleteDigit):
            next.digits = String(digits.dropLast())
        case .tap(.clearNumber):
            next.digits = ""
        case .key(.enter), .tap(.confirm):
            guard let member = signIn.member, !digits.isEmpty else { return [] }
            next.digits = ""
            screen = .staffPIN(next)
            return [.checkStaffPIN(member: member, pin: digits)]
        case .staffSignedIn(let name):
            notice = nil
            screen = .staffMenu(StaffDesk(name: name, message: nil))
        case .staffRefused(let why):
            notice = .staff(why)
        case .key(.escape), .tap(.back):
            return backToAttract()
        default:
            return rejectStray(event)
        }
        if case .staffPIN = screen { screen = .staffPIN(next) }
        return []
    }

    mutating func staffMenu(_ event: Event, desk: StaffDesk) -> [Effect] {
        switch event {
        case .tap(.staffAction(let id)):
            guard let task = StaffTask(rawValue: id), awaiting == nil, let m = machine else { return [] }
            switch task {
            case .refill:
                let missing = CashPieces(Dictionary(uniqueKeysWithValues: m.terminal.openingFloat.map {
                    ($0.denomination, max(0, $0.count - m.status.inventory[$0.denomination]))
                }))
                guard !missing.isEmpty else { return tell(desk, "The cash unit already holds its opening float.") }
                return staffCash(.refill(missing), staff: desk.name, [.replenished(pieces: missing, staff: desk.name)])
            case .collectBills:
                let bills = m.status.inventory.filter { d, n in d >= 5000 && n > 0 }
                guard !bills.isEmpty else { return tell(desk, "There are no ¥5,000 or ¥10,000 bills to collect.") }
                return staffCash(.collect(bills), staff: desk.name, [.collected(pieces: bills, staff: desk.name)])
            case .settleRefunds:
                guard let first = m.status.refundsOwed.first else { return tell(desk, "No refunds are due at this machine.") }
                return settleRefund(first, rest: Array(m.status.refundsOwed.dropFirst()), paid: [], staff: desk.name)
            case .loadPaper: return [.staffTask(.loadPaper, staff: desk.name)]
            case .reprintLast: return [.staffTask(.reprintLast, staff: desk.name)]
            case .xReport: return [.staffTask(.xReport, staff: desk.name)]
            case .zReport: return [.staffTask(.zReport, staff: desk.name)]
            }
        case .staffTaskDone(let message, let status):
            if let status, machine != nil { machine?.status = status; statuses[machine!.terminal.id] = status }
            screen = .staffMenu(StaffDesk(name: desk.name, message: message))
        case .key(.escape), .tap(.back):
            return backToAttract()
        default:
            return rejectStray(event)
        }
        return []
    }

    private mutating func tell(_ desk: StaffDesk, _ message: String) -> [Effect] {
        screen = .staffMenu(StaffDesk(name: desk.name, message: message))
        return []
    }

    private mutating func staffCash(_ cash: StaffCash, staff: String, _ steps: [Step], txnId: String? = nil) -> [Effect] {
        awaiting = .staffCash(cash, staff: staff)
        return [.journal(txnId: txnId, steps)]
    }

    private mutating func settleRefund(_ refund: RefundOwed, rest: [RefundOwed], paid: [RefundOwed], staff: String) -> [Effect] {
        staffCash(.settle(refund, rest: rest, paid: paid), staff: staff,
                  [.refundSettled(yen: refund.yen.amount, staff: staff)], txnId: refund.txnId)
    }

    /// The ledger has the staff member's cash: the machine's counts follow, and they are told.
    mutating func staffCashRecorded(_ cash: StaffCash, staff: String) -> [Effect] {
        awaiting = nil
        let message: String
        switch cash {
        case .refill(let pieces):
            machine?.status.inventory.add(pieces)
            message = "Replenished \(pieces.total): \(pieces)."
        case .collect(let pieces):
            machine?.status.inventory.add(pieces, sign: -1)
            message = "Collected \(pieces.total): \(pieces)."
        case .settle(let refund, let rest, let paid):
            machine?.status.refundsOwed.removeAll { $0.txnId == refund.txnId }
            if let next = rest.first {
                return settleRefund(next, rest: Array(rest.dropFirst()), paid: paid + [refund], staff: staff)
            }
            let all = paid + [refund]
            message = "Paid \(all.count) refund\(all.count == 1 ? "" : "s") due from the counter: \(all.reduce(Yen.zero) { $0 + $1.yen })."
        }
        if let m = machine { statuses[m.terminal.id] = m.status }
        screen = .staffMenu(StaffDesk(name: staff, message: message))
        return []
    }
}
