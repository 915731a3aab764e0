/// CODE128 in code set B (printable ASCII): the bar and space widths of a barcode, for the
/// renderers that draw it themselves. ESC/POS sends the payload and the printer draws it.
enum Code128 {
    /// Module widths of symbols 0–106, bar first; 106 is the stop with its termination bar.
    private static let patterns: [String] = """
        212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 \
        221312 231212 112232 122132 122231 113222 123122 123221 223211 221132 \
        221231 213212 223112 312131 311222 321122 321221 312212 322112 322211 \
        212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 \
        231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 \
        231131 213113 213311 213131 311123 311321 331121 312113 312311 332111 \
        314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 \
        112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 \
        111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 \
        214121 412121 111143 111341 131141 114113 114311 411113 411311 113141 \
        114131 311141 411131 211412 211214 211232 2331112
        """.split(separator: " ").map(String.init)

    private static let startB = 104
    private static let stop = 106

    /// The symbol values: start B, one per character, the mod-103 check, stop.
    static func symbols(_ payload: String) -> [Int]? {
        var values = [startB]
        for scalar in payload.unicodeScalars {
            guard (32...126).contains(scalar.value) else { return nil }
            values.append(Int(scalar.value) - 32)
        }
        let check = values.enumerated().reduce(0) { $0 + $1.element * max($1.offset, 1) } % 103
        return values + [check, stop]
    }

    /// Alternating bar/space widths in modules, starting with a bar.
    static func widths(_ payload: String) -> [Int]? {
        symbols(payload)?.flatMap { patterns[$0].compactMap(\.wholeNumberValue) }
    }
}
