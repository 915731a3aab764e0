import Foundation
import Money
import Ledger
import HeadOffice

/// A folder of its own for one test, removed afterwards; others may pass through it (the
/// cluster's owner is not this process's user when the tests run as root).
final class Scratch {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent("hq-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Sales as a kiosk journals them, on a ledger of one store.
enum StoreDay {
    static let opening = Date(timeIntervalSince1970: 1_795_581_852.123)

    /// A ledger of `store` whose terminal opened with a float and took `sales` cash sales
    /// (one in four of them by card, one in five cancelled with the cash given back).
    static func ledger(_ path: String, store: String = "fm-namba", terminal: String = "FM-NMB-1",
                       sales: Int, from first: Int = 0) throws -> Ledger {
        let ledger = try Ledger(path: path)
        try ledger.ensureTerminal(storeId: store, terminalId: terminal,
                                  openingFloat: [1000: 100, 100: 50, 10: 100], at: opening)
        try record(on: ledger, store: store, terminal: terminal, sales: first..<(first + sales))
        return ledger
    }

    static func record(on ledger: Ledger, store: String, terminal: String, sales: Range<Int>) throws {
        for i in sales {
            let id = "\(terminal)-\(String(format: "%06d", i + 1))"
            let at = opening.addingTimeInterval(Double(60 * (i + 1)))
            func entry(_ s: Int, _ step: Step) -> Entry {
                Entry(txnId: id, terminalId: terminal, at: at.addingTimeInterval(Double(s)), step: step)
            }
            let card = i % 4 == 3
            let start = TransactionStart(id: id, storeId: store, terminalId: terminal, businessDate: "2026-11-25",
                                         simNumber: "09012345678", carrierId: i % 2 == 0 ? "docomo" : "rakuten",
                                         planId: "prepaid-30d", amountYen: 2980, taxYen: 271,
                                         paymentMethod: card ? .card : .cash)
            try ledger.record([entry(0, .begin(start))])
            if card {
                try ledger.record([entry(1, .cardAuthorisationRequested(brand: "visa", last4: "1111"))])
                try ledger.record([entry(2, .cardAuthorised(brand: "visa", last4: "1111", authCode: "A\(i)"))])
                try ledger.record([entry(3, .topUpRequested(simNumber: "09012345678", planId: "prepaid-30d"))])
                try ledger.record([entry(4, .topUpApplied(newExpiry: "2026-12-25")), entry(4, .cardCaptured(authCode: "A\(i)"))])
                try ledger.record([entry(5, .completed)])
            } else if i % 5 == 4 {
                try ledger.record([entry(1, .cashIn(denomination: 1000))])
                try ledger.record([entry(2, .cashReturnDue(pieces: [1000: 1]))])
                try ledger.record([entry(3, .cashReturned(pieces: [1000: 1])), entry(3, .cancelled(reason: .cancelledByCustomer))])
            } else {
                try ledger.record([entry(1, .cashIn(denomination: 5000))])
                try ledger.record([entry(2, .topUpRequested(simNumber: "09012345678", planId: "prepaid-30d"))])
                try ledger.record([entry(3, .topUpApplied(newExpiry: "2026-12-25")), entry(3, .changeDue(pieces: [1000: 2, 10: 2]))])
                try ledger.record([entry(4, .changeDispensed(pieces: [1000: 2, 10: 2])), entry(4, .completed)])
            }
        }
    }

    /// The ledger's rows as a push batch of its store.
    static func batch(_ ledger: Ledger, store: String = "fm-namba", after: Int64 = 0, limit: Int = .max) throws -> PushBatch {
        PushBatch(rows: try ledger.journalRows(after: after, limit: limit).map { PushedRow(storeId: StoreID(rawValue: store)!, row: $0) })
    }
}
