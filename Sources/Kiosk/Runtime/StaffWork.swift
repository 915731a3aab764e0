import Foundation
import Ledger
import Receipt

/// Performs staff mode's effects on the ledger and the printer: checks a PIN, then runs a
/// task and says in one sentence what it did. Each task is journaled with the staff name.
struct StaffWork {
    let ledger: Ledger
    let printer: ReceiptPrinter
    let catalogue: Catalogue
    let terminal: Terminal
    let now: Date

    func signIn(_ pin: String) -> Event {
        do {
            return .staffSignedIn(try ledger.checkStaffPIN(pin, terminalId: terminal.id, at: now).name)
        } catch {
            return .staffRefused(String(describing: error))
        }
    }

    func perform(_ task: StaffTask, staff: String) -> Event {
        do {
            let message = try run(task, staff: staff)
            let status = MachineStatus(inventory: try ledger.cashInventory(terminalId: terminal.id),
                                       paperSheets: printer.paperSheets(terminalId: terminal.id),
                                       nextSequence: try ledger.transactionCount(terminalId: terminal.id) + 1,
                                       inService: terminal.inService)
            return .staffTaskDone(message: message, status: status)
        } catch {
            return .staffTaskDone(message: String(describing: error), status: nil)
        }
    }

    private func run(_ task: StaffTask, staff: String) throws -> String {
        let inventory = try ledger.cashInventory(terminalId: terminal.id)
        switch task {
        case .refill:
            let pieces = terminal.openingFloat.reduce(into: [Int: Int]()) { out, pair in
                let missing = pair.value - (inventory[pair.key] ?? 0)
                if missing > 0 { out[pair.key] = missing }
            }
            guard !pieces.isEmpty else { return "The cash unit already holds its opening float." }
            try ledger.replenish(terminalId: terminal.id, pieces: pieces, staff: staff, limits: CashUnit.limits, at: now)
            return "Replenished \(CashUnit.total(pieces)): \(CashUnit.describe(pieces))."
        case .collectBills:
            let pieces = inventory.filter { $0.key >= 5000 && $0.value > 0 }
            guard !pieces.isEmpty else { return "There are no ¥5,000 or ¥10,000 bills to collect." }
            try ledger.collect(terminalId: terminal.id, pieces: pieces, staff: staff, limits: CashUnit.limits, at: now)
            return "Collected \(CashUnit.total(pieces)): \(CashUnit.describe(pieces))."
        case .reprintLast:
            guard let last = try ledger.transactions(terminalId: terminal.id).last(where: { $0.receiptNo != nil }) else {
                return "This machine has printed no receipt yet."
            }
            try ledger.recordStaffAction("reprinted receipt \(last.receiptNo!) (\(last.id))", by: staff, terminalId: terminal.id, at: now)
            switch printer.print(txnId: last.id, language: nil, reprint: true) {
            case .success(let files): return "Reprinted receipt \(last.receiptNo!): \(files.first ?? "")"
            case .failure(let fault): return "Cannot reprint: \(fault)."
            }
        case .settleRefunds:
            let due = try ledger.refundsDue(terminalId: terminal.id)
            guard !due.isEmpty else { return "No refunds are due at this machine." }
            try ledger.record(due.map {
                Entry(txnId: $0.txnId, terminalId: terminal.id, at: now, step: .refundSettled(yen: $0.yen, staff: staff))
            })
            return "Paid \(due.count) refund\(due.count == 1 ? "" : "s") due from the counter: \(Yen(due.reduce(0) { $0 + $1.yen }))."
        case .xReport, .zReport:
            let report = task == .xReport
                ? try ledger.xReport(terminalId: terminal.id, at: now)
                : try ledger.closeZ(terminalId: terminal.id, staff: staff, at: now)
            if task == .xReport { try ledger.recordStaffAction("printed an X report", by: staff, terminalId: terminal.id, at: now) }
            let name = task == .xReport ? "X report" : "Z report \(report.number ?? 0)"
            let fileName = (task == .xReport ? "x-" : String(format: "z%04d-", report.number ?? 0))
                + JapanTime.date(now) + "-" + JapanTime.clock(now).replacingOccurrences(of: ":", with: "")
            switch printer.print(report.document(catalogue: catalogue), named: fileName, terminalId: terminal.id) {
            case .success(let files): return "Printed the \(name): \(files.first ?? "")"
            case .failure(let fault): return "The \(name) is in the ledger but could not be printed: \(fault)."
            }
        }
    }
}
