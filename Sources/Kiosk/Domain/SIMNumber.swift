import Foundation
import Money

/// What the customer types to identify the SIM: the phone number (070/080/090 and eight
/// digits, also written internationally as +81 90 … or 0081 90 …) or the ICCID printed on
/// the card (19–20 digits, 8981...).
public enum SIMNumber: Hashable, Sendable, CustomStringConvertible {
    case mobile(String)   // 11 digits, leading 0
    case iccid(String)    // 19 or 20 digits

    /// The canonical digits, as stored in the ledger and the host's accounts.
    public var digits: String {
        switch self {
        case .mobile(let d), .iccid(let d): return d
        }
    }

    /// `090-1234-5678`, or the ICCID in groups of four.
    public var description: String { SIMNumber.formatted(digits) }

    /// The middle digits masked, as printed on receipts: `090-****-5678`, `8981 **** **** ***3 456`.
    public var masked: String {
        switch self {
        case .mobile(let d):
            return "\(d.prefix(3))-****-\(d.suffix(4))"
        case .iccid(let d):
            let chars = Array(d)
            let hidden = chars.enumerated().map { i, c in (i < 4 || i >= chars.count - 4) ? c : "*" }
            return SIMNumber.groups(String(hidden), size: 4)
        }
    }

    /// Formats digits as they are typed: 090 → `090`, 0901234 → `090-1234`, 09012345678 →
    /// `090-1234-5678`; anything starting 89 is grouped in fours like an ICCID; a number
    /// typed internationally keeps its prefix: `+81 90-1234-5678`, `0081 90-1234-5678`.
    public static func formatted(_ digits: String) -> String {
        for prefix in ["+81", "0081"] where digits.hasPrefix(prefix) {
            let national = digits.dropFirst(prefix.count)
            if national.isEmpty { return prefix }
            // A 0 typed after +81 is shown where it stands, so the customer sees it is one too many.
            return prefix + " " + (national.hasPrefix("0") ? formatted(String(national)) : String(formatted("0" + national).dropFirst()))
        }
        if digits.hasPrefix("89") { return groups(digits, size: 4) }
        let d = Array(digits)
        guard d.count > 3 else { return digits }
        if d.count <= 7 { return String(d[0..<3]) + "-" + String(d[3...]) }
        return String(d[0..<3]) + "-" + String(d[3..<7]) + "-" + String(d[7...])
    }

    private static func groups(_ s: String, size: Int) -> String {
        var out = ""
        for (i, c) in s.enumerated() {
            if i > 0 && i % size == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }

    /// Reads what a customer typed. Hyphens, spaces, dots and a leading +81 or 0081 are accepted.
    public static func parse(_ input: String) -> Result<SIMNumber, SIMNumberRejection> {
        var text = input.trimmingCharacters(in: .whitespaces)
        var international = false
        if text.hasPrefix("+") {
            text.removeFirst()
            international = true
        }
        var digits = ""
        if let plain = plainDigits(text) {
            digits = plain
        } else {
            for ch in text {
                if ch.isASCII, ch.isNumber { digits.append(ch) }
                else if separators.contains(ch) { continue }
                else if let v = ch.wholeNumberValue, ch.unicodeScalars.first!.value >= 0xFF10 { digits.append(String(v)) } // fullwidth digits
                else { return .failure(.notADigit(ch)) }
            }
        }
        if digits.isEmpty { return .failure(.empty) }
        // 00 is what a phone in Japan dials for abroad: 0081 is +81 written with digits only.
        if !international, digits.hasPrefix("00") {
            digits.removeFirst(2)
            international = true
        }
        if international {
            guard digits.hasPrefix("81") else { return .failure(.notJapanese) }
            // +81 stands for the leading 0: "+81 090…" has one 0 too many.
            if digits.dropFirst(2).hasPrefix("0") { return .failure(.zeroAfterCountryCode) }
            digits = "0" + digits.dropFirst(2)
        }
        if digits.hasPrefix("89") { return parseICCID(digits) }
        return parseMobile(digits)
    }

    /// What people write between the digits of a number.
    private static let separators = "-.() "

    /// The digits of a number typed in ASCII digits and separators, as nearly every one is,
    /// read byte by byte; nil for anything else, which the loop by characters reads.
    private static func plainDigits(_ text: String) -> String? {
        var digits: [UInt8] = []
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits.append(byte) }
            else if !separators.utf8.contains(byte) { return nil }
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func parseMobile(_ digits: String) -> Result<SIMNumber, SIMNumberRejection> {
        guard digits.hasPrefix("0") else { return .failure(.missingLeadingZero) }
        if digits.count >= 3, !["070", "080", "090"].contains(String(digits.prefix(3))) {
            return .failure(.notAMobileNumber)
        }
        if digits.count < 11 { return .failure(.tooShort(missing: 11 - digits.count)) }
        if digits.count > 11 { return .failure(.tooLong(extra: digits.count - 11)) }
        return .success(.mobile(digits))
    }

    private static func parseICCID(_ digits: String) -> Result<SIMNumber, SIMNumberRejection> {
        guard digits.hasPrefix("8981") else { return .failure(.notAJapaneseSIM) }
        if digits.count < 19 { return .failure(.tooShort(missing: 19 - digits.count)) }
        if digits.count > 20 { return .failure(.tooLong(extra: digits.count - 20)) }
        guard Luhn.isValid(digits) else { return .failure(.checkDigitMismatch) }
        return .success(.iccid(digits))
    }
}

/// Why a SIM number was refused, in words a customer can act on.
public enum SIMNumberRejection: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notADigit(Character)
    case tooShort(missing: Int)
    case tooLong(extra: Int)
    case missingLeadingZero
    case notAMobileNumber
    case notJapanese
    case zeroAfterCountryCode
    case notAJapaneseSIM
    case checkDigitMismatch

    public var description: String {
        switch self {
        case .empty: return "Please enter the SIM's phone number or the ICCID printed on the card."
        case .notADigit(let c): return "\"\(c)\" is not a digit; please use the numbers 0–9 only."
        case .tooShort(1): return "One digit too few."
        case .tooShort(let n): return "\(n) digits too few."
        case .tooLong(1): return "One digit too many."
        case .tooLong(let n): return "\(n) digits too many."
        case .missingLeadingZero: return "A Japanese mobile number starts with 070, 080 or 090."
        case .notAMobileNumber: return "Not a mobile number: it must start with 070, 080 or 090."
        case .notJapanese: return "Not a Japanese number: it must start with +81."
        case .zeroAfterCountryCode: return "After +81, leave out the first 0: +81 90-1234-5678."
        case .notAJapaneseSIM: return "Not a Japanese SIM: an ICCID here starts with 8981."
        case .checkDigitMismatch: return "The check digit does not match: please check the ICCID on the card."
        }
    }
}
