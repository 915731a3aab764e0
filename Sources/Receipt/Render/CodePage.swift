#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The double-byte character set a thermal printer is set to. Japanese printers take
/// Shift_JIS in Kanji mode; Chinese models take GB18030 or Big5 in their character mode.
public enum CodePage: String, Sendable {
    case shiftJIS = "SHIFT_JIS"
    case gb18030 = "GB18030"
    case big5 = "BIG5"

    /// The code page a receipt in this language prints in; English is plain ASCII in Shift_JIS.
    public static func of(_ language: Language) -> CodePage {
        switch language {
        case .en, .ja: return .shiftJIS
        case .zhHans: return .gb18030
        case .zhHant: return .big5
        }
    }

    /// The bytes of the text in this code page; a character the code page lacks prints as `?`.
    public func encode(_ text: String) -> [UInt8] {
        if let whole = convert(text) { return whole }
        return text.flatMap { convert(String($0)) ?? [UInt8(ascii: "?")] }
    }

    private func convert(_ text: String) -> [UInt8]? {
        let converter = iconv_open(rawValue, "UTF-8")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = Array(text.utf8).map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 2 + 8)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = inBuf.baseAddress
                var inLeft = inBuf.count
                var outPtr = outBuf.baseAddress
                var outLeft = outBuf.count
                guard iconv(converter, &inPtr, &inLeft, &outPtr, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuf.count - outLeft
            }
        }
        return produced.map { output[..<$0].map { UInt8(bitPattern: $0) } }
    }
}
