import Foundation

/// Times as the ledger stores them (UTC ISO 8601 to the millisecond), for those who keep a
/// ledger's rows elsewhere and need the same text back.
public enum StoredTime {
    /// `2026-11-25T04:44:12.123Z`.
    public static func text(_ date: Date) -> String { LedgerTime.text(date) }
    /// Reads what `text` writes; nil for anything else.
    public static func date(_ text: String) -> Date? { LedgerTime.date(text) }
}

extension StoredTime {
    /// The business day in Japan (Asia/Tokyo) of a moment, as the ledger dates a Z report.
    public static func japanDate(_ date: Date) -> String { LedgerTime.japanDate(date) }
}
