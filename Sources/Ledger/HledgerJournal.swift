import Foundation
import Money

/// The ledger as an hledger journal (amounts in whole `JPY`), for the store's accountants.
///
/// - A sale (completed, or a refund due whose top-up was applied) is dated on its business
///   date: the money in (`assets:kiosk:<terminal>:cash`, net of change and cash given back,
///   or `assets:receivable:card:<brand>`) against `revenue:topup:<carrier>` (amount − tax)
///   and `liabilities:consumption-tax`.
/// - A refund due is owed from `liabilities:refunds-due:<terminal>` until staff settle it
///   from `assets:store:till`.
/// - Replenishing and collecting move cash between `assets:store:safe` and the kiosk.
/// - A sale paid at the store's register for an application slip takes its cash into that
///   register's drawer, `assets:register:<register>:drawer`, never a kiosk's, and names the slip.
/// - Cash that no rule above explains is held in `liabilities:kiosk:<terminal>:unsettled`.
/// So each kiosk's cash account always equals the value of its `cash_movements`.
struct HledgerJournal {
    struct RefundDue {
        let txnId: String
        let terminalId: String
        let yen: Int
        let settledAt: Date?
        let settledBy: String?
    }

    private struct Posting {
        let account: String
        let yen: Int
    }

    private struct Entry {
        let date: String
        let at: Date
        let description: String
        let postings: [Posting]
    }

    let text: String

    /// `slips`: the slip each register sale paid, by transaction; `registers`: the registers' ids.
    init(transactions: [TransactionRecord], movements: [CashMovementRecord], refunds: [RefundDue], toppedUp: Set<String>,
         slips: [String: String] = [:], registers: Set<String> = []) {
        func cashAccount(_ terminal: String) -> String {
            registers.contains(terminal) ? "assets:register:\(HledgerJournal.name(terminal)):drawer" : HledgerJournal.cash(terminal)
        }
        var entries: [Entry] = []
        var netCash: [String: Int] = [:]
        for m in movements {
            guard let txnId = m.txnId else { continue }
            netCash[txnId, default: 0] += m.kind.sign * m.denomination * m.count
        }
        let refundByTxn = Dictionary(refunds.map { ($0.txnId, $0) }, uniquingKeysWith: { first, _ in first })

        for t in transactions {
            var postings: [Posting] = []
            let cash = netCash[t.id] ?? 0
            if cash != 0 { postings.append(Posting(account: cashAccount(t.terminalId), yen: cash)) }
            let sale = t.status == .completed || (t.status == .refundDue && toppedUp.contains(t.id))
            if sale {
                if let method = t.paymentMethod, method != .cash {
                    // Owed by the card scheme or the wallet, by brand.
                    postings.append(Posting(account: "assets:receivable:\(method.rawValue):" + HledgerJournal.name(t.cardBrand ?? method.rawValue),
                                            yen: t.amountYen))
                }
                postings.append(Posting(account: "revenue:topup:" + HledgerJournal.name(t.carrierId), yen: -(t.amountYen - t.taxYen)))
                postings.append(Posting(account: "liabilities:consumption-tax", yen: -t.taxYen))
            }
            if t.status == .refundDue, let due = refundByTxn[t.id] {
                postings.append(Posting(account: HledgerJournal.refundsDue(t.terminalId), yen: -due.yen))
            }
            let rest = postings.reduce(0) { $0 + $1.yen }
            if rest != 0 {
                postings.append(Posting(account: "liabilities:kiosk:\(HledgerJournal.name(t.terminalId)):unsettled", yen: -rest))
            }
            postings.removeAll { $0.yen == 0 }
            guard !postings.isEmpty else { continue }
            let receipt = (t.receiptNo.map { ", receipt \($0)" } ?? "") + (slips[t.id].map { ", paid at the register for slip \($0)" } ?? "")
            entries.append(Entry(date: t.businessDate, at: t.startedAt,
                                 description: "Top-up \(t.carrierId) \(t.planId) \(t.status.rawValue) | \(t.id)\(receipt)",
                                 postings: postings))
        }

        for r in refunds {
            guard let settledAt = r.settledAt else { continue }
            entries.append(Entry(date: LedgerTime.japanDate(settledAt), at: settledAt,
                                 description: "Refund due settled by \(r.settledBy ?? "staff") | \(r.txnId)",
                                 postings: [Posting(account: HledgerJournal.refundsDue(r.terminalId), yen: r.yen),
                                            Posting(account: "assets:store:till", yen: -r.yen)]))
        }

        // Staff cash handling: one entry per terminal, time and kind.
        var handled: [String: (terminal: String, at: Date, kind: CashMovementKind, yen: Int)] = [:]
        var order: [String] = []
        for m in movements where m.txnId == nil {
            let key = "\(m.terminalId)\u{0}\(LedgerTime.text(m.at))\u{0}\(m.kind.rawValue)"
            if handled[key] == nil { order.append(key) }
            handled[key, default: (m.terminalId, m.at, m.kind, 0)].yen += m.kind.sign * m.denomination * m.count
        }
        for key in order {
            let h = handled[key]!
            let verb = h.kind == .collect ? "collected from" : "replenished into"
            entries.append(Entry(date: LedgerTime.japanDate(h.at), at: h.at, description: "Cash \(verb) \(h.terminal)",
                                 postings: [Posting(account: cashAccount(h.terminal), yen: h.yen),
                                            Posting(account: "assets:store:safe", yen: -h.yen)]))
        }

        // By day, then in the order things happened (a sale by when it began).
        let sorted = entries.enumerated().sorted {
            ($0.element.date, $0.element.at.timeIntervalSince1970, $0.offset) < ($1.element.date, $1.element.at.timeIntervalSince1970, $1.offset)
        }.map(\.element)
        let width = entries.flatMap { $0.postings.map(\.account.count) }.max() ?? 0
        var out = "; Conbini Kiosk ledger, amounts in yen\n"
        for e in sorted {
            out += "\n\(e.date) \(HledgerJournal.line(e.description))\n"
            for p in e.postings {
                let amount = "\(p.yen) JPY"
                let gap = String(repeating: " ", count: max(0, width - p.account.count + 12 - amount.count))
                out += "    \(p.account)  \(gap)\(amount)\n"
            }
        }
        text = out
    }

    private static func cash(_ terminal: String) -> String { "assets:kiosk:\(name(terminal)):cash" }
    private static func refundsDue(_ terminal: String) -> String { "liabilities:refunds-due:\(name(terminal))" }

    /// One account-name component: no colons (they separate components), no runs of spaces
    /// (two spaces end an account name), no comment marks.
    private static func name(_ text: String) -> String {
        let cleaned = text.map { $0.isWhitespace || $0 == ":" || $0 == ";" || $0 == "#" ? "-" : String($0) }.joined()
        return cleaned.isEmpty ? "unknown" : cleaned
    }

    /// A description on one line, without the `;` that would start a comment.
    private static func line(_ text: String) -> String {
        text.map { $0.isNewline ? " " : $0 == ";" ? "," : String($0) }.joined()
    }
}
