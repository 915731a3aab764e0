import Foundation
import Ledger
import PostgresNIO

extension HeadOffice {
    /// A Z HQ holds as the store's ledger closed and printed it: its ledger's rows up to the Z
    /// replayed by the ledger's own rules (`JournalReplay.zReport`). The journal does not say
    /// whether the terminal is a register; the caller's fixtures do.
    public func storeZ(_ z: HQZReport, store: StoreID, isRegister: Bool) async throws -> ShiftReport {
        try await reachable { [self] in
            try await client.withConnection { db in
                var ledger: LedgerID?
                for try await id in try await db.query("""
                    SELECT ledger_id FROM z_reports
                    WHERE store_id = \(store.rawValue) AND terminal_id = \(z.terminalId) AND seq = \(z.seq)
                    """, logger: logger).decode(String.self) {
                    ledger = LedgerID(rawValue: id)
                }
                guard let ledger else {
                    throw HQFailure("HQ holds no ledger of store \(store) with Z report \(z.number) of terminal \(z.terminalId).")
                }
                let rows = try await BookStore(db: db, store: store, ledger: ledger, logger: logger).journal(through: z.seq)
                do {
                    return try JournalReplay.zReport(terminalId: z.terminalId, number: z.number, storeId: store.rawValue,
                                                     isRegister: isRegister, rows: rows)
                } catch {
                    throw HQFailure("Store \(store), ledger \(ledger): Z report \(z.number) of terminal \(z.terminalId) cannot be replayed: \(error).")
                }
            }
        }
    }
}
