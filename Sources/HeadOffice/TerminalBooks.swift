import Foundation
import Ledger
import Money

/// An application slip as HQ keeps it: what the machine printed and where it stands.
public struct HQSlip: Equatable, Sendable {
    public var issue: SlipIssue
    public var issuedAt: String
    public var expiresAt: String
    public var status: SlipStatus
    /// The register's transaction, once one took it.
    public var txnId: String?
    public var registerId: String?
}

/// What HQ last knew of a terminal, from its journal rows: its last row and sale, its printer
/// paper (the last roll staff loaded and the receipts since; the printer's own sheet count is
/// not journaled), its last Z and crash recovery, and the refunds it still owes.
public struct HQTerminalState: Equatable, Sendable {
    public var terminalId: String
    public var lastSeq: Int64 = 0
    public var lastRowAt: String = ""
    public var lastSaleAt: String?
    public var lastReceiptNo: Int?
    public var paperLoadedAt: String?
    public var paperLoadedSheets: Int?
    /// Receipt numbers given since the last roll was loaded (since the first row when none was).
    public var receiptsSincePaper = 0
    public var lastZNumber: Int?
    public var lastZAt: String?
    public var lastRecoveredAt: String?
    public var openRefunds = 0
    public var openRefundsYen = 0

    public init(terminalId: String) { self.terminalId = terminalId }
}

/// A Z report's close as the journal gives it; HQ's `z_reports` row is computed from it and
/// from the transactions and cash movements before it (`ZFigures`).
public struct HQZClose: Equatable, Sendable {
    public var terminalId: String
    public var number: Int
    public var seq: Int64
    public var closedAt: String
    public var periodEnd: String
    public var countedYen: Int?
    public var staff: String
}

extension Books {
    /// A Z closed by the row: the typed step, or the staff row ledgers wrote before it.
    static func zClose(_ verified: VerifiedRow) -> HQZClose? {
        let row = verified.row
        switch verified.step {
        case .zClosed(let number, let end, let counted, let staff):
            return HQZClose(terminalId: row.terminalId, number: number, seq: row.seq, closedAt: row.at, periodEnd: end,
                            countedYen: counted, staff: staff)
        case .staff(let action, let staff):
            // Older ledgers: "closed Z report N", its period ending at the row, nothing counted.
            guard action.hasPrefix("closed Z report "), let number = Int(action.dropFirst("closed Z report ".count)) else { return nil }
            return HQZClose(terminalId: row.terminalId, number: number, seq: row.seq, closedAt: row.at, periodEnd: row.at,
                            countedYen: nil, staff: staff)
        default:
            return nil
        }
    }

    /// The signed pieces a movement adds to the terminal's cash unit.
    static func sign(_ kind: CashMovementKind) -> Int {
        switch kind {
        case .cashIn, .replenish: return 1
        case .change, .refund, .collect: return -1
        }
    }

    /// The terminal's cash unit from every movement HQ holds.
    static func inventory(_ movements: [HQCashMovement]) -> [String: [Int: Int]] {
        var out: [String: [Int: Int]] = [:]
        for m in movements { out[m.terminalId, default: [:]][m.denomination, default: 0] += sign(m.kind) * m.count }
        return out
    }
}
