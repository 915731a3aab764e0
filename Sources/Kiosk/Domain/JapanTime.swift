import Foundation
import Money
#if canImport(Glibc)
import Glibc
#endif

/// Times are kept in UTC and shown in Japan: UTC+9 all year (no daylight saving since 1951),
/// so the C library's UTC calendar functions on a shifted clock do the work, without
/// loading a time-zone database.
public enum JapanTime {
    private static let offset = 9 * 3600

    /// The calendar fields of an instant in Japan.
    static func fields(_ instant: Date) -> tm {
        var t = time_t(Int(instant.timeIntervalSince1970.rounded(.down)) + offset)
        var fields = tm()
        gmtime_r(&t, &fields)
        return fields
    }

    /// The business date in Japan, `YYYY-MM-DD`.
    public static func date(_ instant: Date) -> String {
        let f = fields(instant)
        return (Int(f.tm_year) + 1900).zeroPadded(4) + "-" + (Int(f.tm_mon) + 1).zeroPadded(2) + "-" + Int(f.tm_mday).zeroPadded(2)
    }

    /// `13:44` in Japan.
    public static func clock(_ instant: Date) -> String {
        let f = fields(instant)
        return Int(f.tm_hour).zeroPadded(2) + ":" + Int(f.tm_min).zeroPadded(2)
    }

    /// The hour of day in Japan, 0–23.
    public static func hour(_ instant: Date) -> Int {
        Int(fields(instant).tm_hour)
    }

    /// A `YYYY-MM-DD` date moved by whole days.
    public static func adding(days: Int, to day: String) -> String? {
        guard let start = parse(day) else { return nil }
        return date(start.addingTimeInterval(Double(days) * 86_400))
    }

    /// Whole days from one `YYYY-MM-DD` to another.
    public static func days(from a: String, to b: String) -> Int? {
        guard let da = parse(a), let db = parse(b) else { return nil }
        return Int((db.timeIntervalSince(da) / 86_400).rounded())
    }

    /// Noon in Japan on that day, so that day arithmetic never crosses a date line.
    public static func parse(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int32($0) }
        guard parts.count == 3, day.count == 10 else { return nil }
        var f = tm()
        f.tm_year = parts[0] - 1900
        f.tm_mon = parts[1] - 1
        f.tm_mday = parts[2]
        f.tm_hour = 12
        let utc = timegm(&f)
        let noon = Date(timeIntervalSince1970: Double(Int(utc) - offset))
        return date(noon) == day ? noon : nil
    }
}
