/// Staff mode, behind the staff key and a PIN: the machine's devices, cash in and out, a
/// reprint, refunds due paid from the counter, and the X and Z reports. Every task is
/// journaled with the staff member's name.
public enum StaffTask: String, CaseIterable, Sendable {
    /// Replenish each denomination back up to the machine's opening float.
    case refill
    /// Collect the ¥5,000 and ¥10,000 bills.
    case collectBills = "collect-bills"
    case reprintLast = "reprint-last"
    /// Pay the refunds due of this terminal from the counter.
    case settleRefunds = "settle-refunds"
    case xReport = "x-report"
    case zReport = "z-report"
}

/// The staff member signed in and the outcome of their last task.
public struct StaffDesk: Equatable {
    public var name: String
    public var message: String?
}

extension KioskState {
    mutating func staffPIN(_ event: Event, digits: String) -> [Effect] {
        switch event {
        case .key(.char(let c)) where c.isASCII && c.isNumber && digits.count < 8:
            screen = .staffPIN(digits: digits + String(c)); notice = nil
        case .tap(.digit(let d)) where digits.count < 8:
            screen = .staffPIN(digits: digits + String(d)); notice = nil
        case .key(.backspace), .tap(.deleteDigit):
            screen = .staffPIN(digits: String(digits.dropLast()))
        case .tap(.clearNumber):
            screen = .staffPIN(digits: "")
        case .key(.enter), .tap(.confirm):
            guard !digits.isEmpty else { return [] }
            screen = .staffPIN(digits: "")
            return [.checkStaffPIN(digits)]
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
        return []
    }

    mutating func staffMenu(_ event: Event, desk: StaffDesk) -> [Effect] {
        switch event {
        case .tap(.staffAction(let id)):
            guard let task = StaffTask(rawValue: id), awaiting == nil else { return [] }
            return [.staffTask(task, staff: desk.name)]
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
}
