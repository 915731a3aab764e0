import Foundation
import Money
#if canImport(Glibc)
import Glibc
#endif

/// The head every document of a store starts with: chain, store, address, registration number.
public struct ReceiptStore: Equatable, Sendable {
    public var chain: String
    public var storeName: String
    public var address: String
    /// The qualified invoice issuer number: T and 13 digits.
    public var registrationNumber: String
    public var terminalId: String

    public init(chain: String, storeName: String, address: String, registrationNumber: String, terminalId: String) {
        self.chain = chain
        self.storeName = storeName
        self.address = address
        self.registrationNumber = registrationNumber
        self.terminalId = terminalId
    }

    func lines(_ language: Language) -> [Line] {
        [
            .text(chain, .center, [.bold, .doubleSize]),
            .text(storeName, .center, .bold),
            .text(address, .center),
            .text("\(Word.registration.in(language)) \(registrationNumber)", .center),
            .rule(),
        ]
    }
}

/// Date and time in Japan, as receipts print them: times are kept in UTC and shown in JST
/// (UTC+9 all year), read with the C library's UTC calendar on a shifted clock.
enum ReceiptTime {
    static func format(_ date: Date, _ language: Language) -> String {
        var t = time_t(Int(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600)
        var f = tm()
        gmtime_r(&t, &f)
        let (y, m, d, h, min) = (f.tm_year + 1900, f.tm_mon + 1, f.tm_mday, f.tm_hour, f.tm_min)
        switch language {
        case .en: return "\(y.zeroPadded(4))-\(m.zeroPadded(2))-\(d.zeroPadded(2)) \(h.zeroPadded(2)):\(min.zeroPadded(2)) JST"
        case .ja, .zhHans, .zhHant: return "\(y.zeroPadded(4))年\(m.zeroPadded(2))月\(d.zeroPadded(2))日 \(h.zeroPadded(2)):\(min.zeroPadded(2))"
        }
    }

    /// `13:44` in Japan.
    static func clock(_ date: Date) -> String {
        var t = time_t(Int(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600)
        var f = tm()
        gmtime_r(&t, &f)
        return "\(f.tm_hour.zeroPadded(2)):\(f.tm_min.zeroPadded(2))"
    }
}
