import Foundation
import GRDB

/// A phone wallet's order as the simulated wallet keeps it (`wallet_orders`), by the kiosk's
/// transaction id: the wallet's own records, beside the carrier's in the same file.
public struct WalletOrderRecord: Equatable, Sendable {
    public enum State: String, Sendable {
        case paid, declined, pending, cancelled
    }

    public var txnId: String
    public var state: State
    public var tradeNo: String?
    /// Why it was declined (the wallet's code).
    public var decline: String?
    /// A pending order is confirmed after the machine has asked this many more times; nil
    /// when the customer never confirms.
    public var confirmsAfter: Int?
    public var refunded: Bool

    public init(txnId: String, state: State, tradeNo: String? = nil, decline: String? = nil,
                confirmsAfter: Int? = nil, refunded: Bool = false) {
        self.txnId = txnId
        self.state = state
        self.tradeNo = tradeNo
        self.decline = decline
        self.confirmsAfter = confirmsAfter
        self.refunded = refunded
    }
}

extension Ledger {
    public func walletOrder(txnId: String) throws -> WalletOrderRecord? {
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM wallet_orders WHERE txn_id = ?"),
                                             arguments: [txnId]) else { return nil }
            guard let state = WalletOrderRecord.State(rawValue: row["state"]) else {
                throw LedgerError.database(path: path, reason: "wallet order \(txnId) has an unknown state")
            }
            return WalletOrderRecord(txnId: txnId, state: state, tradeNo: row["trade_no"], decline: row["decline"],
                                     confirmsAfter: row["confirms_after"], refunded: (row["refunded_at"] as String?) != nil)
        }
    }

    /// Written as the wallet writes, without waiting for the disk (like the carrier's top-ups).
    public func saveWalletOrder(_ order: WalletOrderRecord, at: Date) throws {
        try deviceWrite { db in
            try db.executeCached(sql: """
                INSERT INTO wallet_orders (txn_id, state, trade_no, decline, confirms_after, refunded_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 THEN ?7 END, ?7)
                ON CONFLICT (txn_id) DO UPDATE SET state = ?2, trade_no = ?3, decline = ?4, confirms_after = ?5,
                    refunded_at = COALESCE(refunded_at, CASE WHEN ?6 THEN ?7 END), updated_at = ?7
                """, arguments: [order.txnId, order.state.rawValue, order.tradeNo, order.decline, order.confirmsAfter,
                                 order.refunded, LedgerTime.text(at)])
        }
    }
}
