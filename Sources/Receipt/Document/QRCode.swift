import CQREncode

/// A QR code's payload and its modules, from libqrencode: `true` is a dark module. It is
/// encoded once, when the document is made; each renderer then draws it its own way (half
/// blocks, vector squares), and ESC/POS sends the payload for the printer to encode.
public struct QRCode: Equatable, Sendable {
    public let payload: String
    /// Modules per side; 0 when the payload could not be encoded.
    public let size: Int
    /// 1 for a dark module, 0 for a light one, row by row.
    private let dark: [UInt8]

    /// Error correction M, byte mode: a transaction id gives a version 1 or 2 code.
    public init(_ payload: String) {
        self.payload = payload
        guard let code = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M) else {
            size = 0
            dark = []
            return
        }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        dark = (0..<size * size).map { code.pointee.data[$0] & 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool {
        // One unsigned comparison covers both ends: a negative index wraps to a huge one.
        guard UInt(bitPattern: row) < UInt(size), UInt(bitPattern: column) < UInt(size) else { return false }
        return dark[row * size + column] != 0
    }

    /// The modules row by row, `size` to a row, 1 for dark: for a renderer that reads every one.
    func withModules<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try dark.withUnsafeBufferPointer(body)
    }
}
