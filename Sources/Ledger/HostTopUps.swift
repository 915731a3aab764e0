import Foundation
import GRDB

/// The carrier's side of a top-up. It lives in the ledger file so that, after a crash,
/// the kiosk can ask "was transaction T applied?" and get the answer another process wrote.
extension Ledger {
    /// Applies a plan once per transaction id: a second call with the same id changes nothing
    /// and returns the first row. Written as the carrier writes, without waiting for the disk.
    @discardableResult
    public func hostApply(txnId: String, simNumber: String, planId: String, newExpiry: String, at: Date) throws -> HostTopUp {
        guard !txnId.isEmpty else { throw LedgerError.invalidEntry("A top-up needs the transaction id as its key.") }
        return try deviceWrite { db in
            try db.executeCached(sql: """
                INSERT INTO host_topups (txn_id, sim_number, plan_id, new_expiry, applied_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (txn_id) DO NOTHING
                """, arguments: [txnId, simNumber, planId, newExpiry, LedgerTime.text(at)])
            return try hostTopUp(txnId: txnId, db: db)!
        }
    }

    public func hostTopUp(txnId: String) throws -> HostTopUp? {
        try deviceRead { db in try hostTopUp(txnId: txnId, db: db) }
    }

    /// The expiry set by the latest top-up applied to the SIM, if any.
    public func hostLatestExpiry(simNumber: String) throws -> String? {
        try deviceRead { db in try String.fetchOne(db.cachedStatement(sql: Ledger.latestExpirySQL), arguments: [simNumber]) }
    }

    static let latestExpirySQL = """
        SELECT new_expiry FROM host_topups WHERE sim_number = ? ORDER BY applied_at DESC, rowid DESC LIMIT 1
        """

    private func hostTopUp(txnId: String, db: Database) throws -> HostTopUp? {
        try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM host_topups WHERE txn_id = ?"), arguments: [txnId]).map { row in
            HostTopUp(txnId: row["txn_id"], simNumber: row["sim_number"], planId: row["plan_id"],
                      newExpiry: row["new_expiry"], appliedAt: try storedTime(row["applied_at"], path: self.path))
        }.next()
    }
}
