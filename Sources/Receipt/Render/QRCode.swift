import CQREncode

/// The modules of a QR code, from libqrencode: `true` is a dark module. Each renderer
/// draws them its own way (half blocks, vector squares); ESC/POS sends the payload instead.
struct QRCode {
    let size: Int
    private let dark: [Bool]

    /// Error correction M, byte mode: a transaction id gives a version 2 or 3 code.
    init?(_ payload: String) {
        guard let code = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        dark = (0..<size * size).map { code.pointee.data[$0] & 1 == 1 }
    }

    func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return dark[row * size + column]
    }
}
