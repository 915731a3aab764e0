import Foundation
import Ledger

/// Step 4 at a machine that takes no money (as Loppi and Famiポート do): "Pay at the register"
/// journals an application slip and prints it; the customer pays at the store's register
/// within the slip's time, and only then is the SIM topped up.
public enum RegisterSlip {
    /// How long the register takes a slip after it is printed.
    public static let validMinutes = 30

    /// `LW-SPR-2-S000001`: the machine's id and its slip count, unique in the store's ledger.
    public static func number(terminalId: String, sequence: Int) -> String {
        terminalId + "-S" + sequence.zeroPadded(6)
    }
}

/// The slip as the machine's screen shows it once it is journaled.
public struct SlipTicket: Equatable {
    public var slipNo: String
    public var amount: Yen
    public var expiresAt: Date
    public var files: [String]
    public var printProblem: String?
}

extension KioskState {
    mutating func issueSlip() -> [Effect] {
        guard var m = machine, m.terminal.paysAtRegister, let order, let plan = order.plan else {
            notice = .paymentUnavailable
            return []
        }
        let issue = SlipIssue(slipNo: RegisterSlip.number(terminalId: m.terminal.id, sequence: m.status.nextSlip),
                              storeId: m.store.id, terminalId: m.terminal.id, simNumber: order.sim.digits,
                              carrierId: plan.carrierId, planId: plan.id, amountYen: plan.price.amount,
                              validMinutes: RegisterSlip.validMinutes, language: language.rawValue)
        m.status.nextSlip += 1
        machine = m
        notice = nil
        screen = .processing(.printing)
        awaiting = .slipIntent(issue)
        return [.journal(txnId: nil, [.slipIssued(issue)])]
    }

    /// The slip is in the ledger: the screen says where to take it and by when, and it prints.
    mutating func slipJournaled(_ issue: SlipIssue) -> [Effect] {
        screen = .slipIssued(SlipTicket(slipNo: issue.slipNo, amount: Yen(issue.amountYen),
                                        expiresAt: now.addingTimeInterval(Double(issue.validMinutes) * 60),
                                        files: [], printProblem: nil))
        lastActivity = now
        awaiting = .slipPrint
        return [.printSlip(slipNo: issue.slipNo)]
    }

    mutating func slipPrinted(_ files: [String], problem: PrinterFault?) -> [Effect] {
        awaiting = nil
        if problem == nil { machine?.status.paperSheets -= 1 }
        if problem == .outOfPaper { machine?.status.paperSheets = 0 }
        if case .slipIssued(var ticket) = screen {
            ticket.files = files
            ticket.printProblem = problem?.description
            screen = .slipIssued(ticket)
        }
        return []
    }
}
