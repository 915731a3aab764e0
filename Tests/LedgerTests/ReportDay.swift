import Foundation
@testable import Ledger

/// A day at store S001 for the report tests: K1 with cash and card sales across two hours,
/// a cancel, a refund due whose top-up failed (settled later) and one whose top-up went
/// through but whose change could not be paid (a sale), staff replenishing and collecting;
/// K2 with one card sale.
enum ReportDay {
    static let limits = CashUnitLimits(capacities: [10: 300, 50: 300, 100: 300, 500: 200, 1000: 200, 5000: 100, 10000: 100])
    /// After everything of the day.
    static let evening = Flow.time(4 * 3600)

    static func record(into ledger: Ledger) throws {
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K1", openingFloat: Flow.openingFloat, at: Flow.time(-600))
        try ledger.ensureTerminal(storeId: "S001", terminalId: "K2", openingFloat: [100: 10], at: Flow.time(-600))
        try ledger.record(flow: Flow.cashSale("T1", inserted: [5000], change: [1000: 2, 10: 2]))
        try ledger.record(flow: Flow.cashSale("T2", at: Flow.time(60), inserted: [1000, 1000, 500, 500], change: [10: 2]))
        try ledger.record(flow: Flow.cardSale("T3", at: Flow.time(3700), brand: "jcb", last4: "0000"))
        try ledger.record(flow: Flow.cashSale("T4", at: Flow.time(3800), inserted: [1000], change: [10: 2], amount: 980, tax: 89,
                                              plan: "prepaid-7d"))
        try ledger.record(flow: Flow.cardSale("K2-1", terminal: "K2", at: Flow.time(120)))
        try ledger.record([
            Entry(txnId: "C1", terminalId: "K1", at: Flow.time(200), step: .begin(Flow.start("C1"))),
            Entry(txnId: "C1", terminalId: "K1", at: Flow.time(201), step: .cashIn(denomination: 1000)),
            Entry(txnId: "C1", terminalId: "K1", at: Flow.time(202), step: .cashReturned(pieces: [1000: 1])),
            Entry(txnId: "C1", terminalId: "K1", at: Flow.time(202), step: .cancelled(reason: .timedOut)),
        ])
        try ledger.record([
            Entry(txnId: "D1", terminalId: "K1", at: Flow.time(300), step: .begin(Flow.start("D1"))),
            Entry(txnId: "D1", terminalId: "K1", at: Flow.time(301), step: .cashIn(denomination: 10000)),
            Entry(txnId: "D1", terminalId: "K1", at: Flow.time(302), step: .topUpFailed(reason: .carrierRefused)),
            Entry(txnId: "D1", terminalId: "K1", at: Flow.time(303), step: .refundDue(yen: 10000, reason: .carrierError)),
        ])
        try ledger.record([Entry(txnId: "D1", terminalId: "K1", at: Flow.time(900), step: .refundSettled(yen: 10000, staff: "Sato"))])
        try ledger.record([
            Entry(txnId: "D2", terminalId: "K1", at: Flow.time(400), step: .begin(Flow.start("D2"))),
            Entry(txnId: "D2", terminalId: "K1", at: Flow.time(401), step: .cashIn(denomination: 10000)),
            Entry(txnId: "D2", terminalId: "K1", at: Flow.time(402), step: .topUpRequested(simNumber: "09012345678", planId: "prepaid-30d")),
            Entry(txnId: "D2", terminalId: "K1", at: Flow.time(403), step: .topUpApplied(newExpiry: "2026-12-25")),
            Entry(txnId: "D2", terminalId: "K1", at: Flow.time(404), step: .refundDue(yen: 7020, reason: .changeNotPaid)),
        ])
        try ledger.replenish(terminalId: "K1", pieces: [1000: 10, 100: 20], staff: "Sato", limits: limits, at: Flow.time(1000))
        try ledger.collect(terminalId: "K1", pieces: [10000: 1, 5000: 2], staff: "Sato", limits: limits, at: Flow.time(1100))
    }
}
