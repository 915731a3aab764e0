import Foundation

/// Times are kept in UTC and shown in Japan (Asia/Tokyo, UTC+9 all year).
public enum JapanTime {
    public static let zone = TimeZone(identifier: "Asia/Tokyo")!

    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = zone
        return c
    }()

    /// The business date in Japan, `YYYY-MM-DD`.
    public static func date(_ instant: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `13:44` in Japan.
    public static func clock(_ instant: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: instant)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// The hour of day in Japan, 0–23.
    public static func hour(_ instant: Date) -> Int {
        calendar.component(.hour, from: instant)
    }

    /// A `YYYY-MM-DD` date moved by whole days.
    public static func adding(days: Int, to day: String) -> String? {
        guard let start = parse(day), let moved = calendar.date(byAdding: .day, value: days, to: start) else { return nil }
        return date(moved)
    }

    /// Whole days from one `YYYY-MM-DD` to another.
    public static func days(from a: String, to b: String) -> Int? {
        guard let da = parse(a), let db = parse(b) else { return nil }
        return calendar.dateComponents([.day], from: da, to: db).day
    }

    /// Noon in Japan on that day, so that day arithmetic never crosses a date line.
    public static func parse(_ day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, day.count == 10 else { return nil }
        let comps = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard let d = calendar.date(from: comps), date(d) == day else { return nil }
        return d
    }
}
