import Foundation
import Money

/// Times as the ledger stores them: UTC ISO 8601 to the millisecond (`2026-11-25T04:44:12.123Z`),
/// and business dates as the calendar date in Japan (UTC+9 all year, no daylight saving).
enum LedgerTime {
    private static let japanOffsetMillis: Int64 = 9 * 3_600_000

    static func text(_ date: Date) -> String {
        let millis = millisSinceEpoch(date)
        let (day, msOfDay) = floorDivide(millis, 86_400_000)
        let (y, m, d) = civil(fromDays: day)
        // Every journal row carries one: bytes written in place, not interpolated.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        digits(y, 4, into: &bytes); bytes.append(UInt8(ascii: "-"))
        digits(m, 2, into: &bytes); bytes.append(UInt8(ascii: "-"))
        digits(d, 2, into: &bytes); bytes.append(UInt8(ascii: "T"))
        digits(msOfDay / 3_600_000, 2, into: &bytes); bytes.append(UInt8(ascii: ":"))
        digits(msOfDay / 60_000 % 60, 2, into: &bytes); bytes.append(UInt8(ascii: ":"))
        digits(msOfDay / 1000 % 60, 2, into: &bytes); bytes.append(UInt8(ascii: "."))
        digits(msOfDay % 1000, 3, into: &bytes); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads what `text` writes; nil for anything else.
    static func date(_ text: String) -> Date? {
        let c = Array(text.utf8)
        guard c.count == 24, c[4] == 45, c[7] == 45, c[10] == 84, c[13] == 58, c[16] == 58,
              c[19] == 46, c[23] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range {
                guard (48...57).contains(c[i]) else { return nil }
                value = value * 10 + Int64(c[i] - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10),
              let h = number(11..<13), let min = number(14..<16), let s = number(17..<19),
              let ms = number(20..<23), (1...12).contains(m), (1...31).contains(d),
              h < 24, min < 60, s < 60 else { return nil }
        let days = days(fromCivil: y, m, d)
        let millis = ((days * 24 + h) * 60 + min) * 60_000 + s * 1000 + ms
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// The date in Japan (YYYY-MM-DD) at `date`.
    static func japanDate(_ date: Date) -> String {
        let (day, _) = floorDivide(millisSinceEpoch(date) + japanOffsetMillis, 86_400_000)
        let (y, m, d) = civil(fromDays: day)
        return "\(y.zeroPadded(4))-\(m.zeroPadded(2))-\(d.zeroPadded(2))"
    }

    /// The time of day in Japan (HH:MM) at `date`.
    static func japanTime(_ date: Date) -> String {
        let (_, ms) = floorDivide(millisSinceEpoch(date) + japanOffsetMillis, 86_400_000)
        return "\((ms / 3_600_000).zeroPadded(2)):\((ms / 60_000 % 60).zeroPadded(2))"
    }

    /// `date` as stored: rounded to the millisecond.
    static func stored(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(millisSinceEpoch(date)) / 1000)
    }

    private static func millisSinceEpoch(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }

    /// `n` in decimal, zero-padded to `width` digits (more when it needs more).
    private static func digits(_ n: Int64, _ width: Int, into bytes: inout [UInt8]) {
        guard n >= 0 else { bytes.append(contentsOf: n.zeroPadded(width).utf8); return }
        var place: Int64 = 1
        var count = 1
        while place * 10 <= n { place *= 10; count += 1 }
        for _ in count..<max(width, count) { bytes.append(UInt8(ascii: "0")) }
        var rest = n
        while place > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / place))
            rest %= place
            place /= 10
        }
    }

    // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
