import Foundation
import GRDB

/// The simulated card issuer's wrong-PIN count (`card_pin_tries`), kept in the store's ledger
/// file beside the carrier's top-ups and the wallets' orders. The card number only goes in
/// as a SHA-256 digest, so the file never holds it; the PIN never reaches the ledger.
extension Ledger {
    /// Wrong PINs given in a row for the card on that business day (0 when none).
    public func wrongPINs(pan: String, businessDate: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db.cachedStatement(sql: """
                SELECT wrong FROM card_pin_tries WHERE card_digest = ? AND business_date = ?
                """), arguments: [Self.cardDigest(pan), businessDate]) ?? 0
        }
    }

    /// Written as the issuer writes, without waiting for the disk (like the carrier's top-ups).
    public func saveWrongPINs(_ wrong: Int, pan: String, businessDate: String, at: Date) throws {
        try deviceWrite { db in
            try db.executeCached(sql: """
                INSERT INTO card_pin_tries (card_digest, business_date, wrong, updated_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (card_digest, business_date) DO UPDATE SET wrong = ?3, updated_at = ?4
                """, arguments: [Self.cardDigest(pan), businessDate, wrong, LedgerTime.text(at)])
        }
    }

    static func cardDigest(_ pan: String) -> String { Chain.sha256(pan) }
}
