import Foundation
import Ledger
import Receipt

/// Performs staff mode's effects that move no money, on the ledger and the printer: checks a
/// PIN, reprints, prints X and Z reports, and says in one sentence what it did. Each task is
/// journaled with the staff name. Cash tasks are decided by the reducer (`StaffMode`).
struct StaffWork {
    let ledger: Ledger
    let printer: ReceiptPrinter
    let catalogue: Catalogue
    let terminal: Terminal
    let now: Date

    func signIn(_ member: String, pin: String) -> Event {
        do {
            return .staffSignedIn(try ledger.checkStaffPIN(pin, member: member, terminalId: terminal.id, at: now).name)
        } catch {
            return .staffRefused(String(describing: error))
        }
    }

    func perform(_ task: StaffDeskTask, staff: String) -> Event {
        do {
            let message = try run(task, staff: staff)
            return .staffTaskDone(message: message, status: try KioskRuntime.status(of: terminal, ledger: ledger, printer: printer))
        } catch {
            return .staffTaskDone(message: String(describing: error), status: nil)
        }
    }

    private func run(_ task: StaffDeskTask, staff: String) throws -> String {
        switch task {
        case .loadPaper:
            try ledger.loadPaper(terminalId: terminal.id, sheets: PaperRoll.sheets, staff: staff, at: now)
            return "Loaded a new roll of paper: \(PaperRoll.sheets) sheets."
        case .reprintLast:
            guard let last = try ledger.transactions(terminalId: terminal.id).last(where: { $0.receiptNo != nil }) else {
                return "This machine has printed no receipt yet."
            }
            try ledger.recordStaffAction("reprinted receipt \(last.receiptNo!) (\(last.id))", by: staff, terminalId: terminal.id, at: now)
            switch printer.print(txnId: last.id, language: nil, reprint: true) {
            case .success(let files): return "Reprinted receipt \(last.receiptNo!): \(files.first ?? "")"
            case .failure(let fault): return "Cannot reprint: \(fault)."
            }
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
