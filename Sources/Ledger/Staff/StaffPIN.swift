import _CryptoExtras
import Crypto
import Foundation

/// How a staff PIN is kept: never the PIN, only `scrypt$<log2 N>$<r>$<p>$<salt>$<key>` (hex).
///
/// scrypt rather than PBKDF2: a PIN has few digits, so what protects a stolen ledger file is
/// the cost of each guess, and scrypt makes every guess pay in memory (32 MiB here) as well
/// as time, which GPUs and ASICs cannot cheapen the way they cheapen PBKDF2's SHA-256 rounds.
/// It runs in BoringSSL's C code (swift-crypto), about 0.1 s per check on the kiosk's CPU:
/// unnoticeable at sign-in, ten thousand times slower for someone trying every PIN. The
/// parameters are stored with each hash, so raising them later leaves old PINs readable.
enum StaffPIN {
    /// scrypt's parameters: N = 2^log2Rounds, r = blockSize, p = parallelism.
    struct Cost: Equatable {
        var log2Rounds: Int
        var blockSize = 8
        var parallelism = 1

        /// 32 MiB and about 0.1 s a check on the kiosk's CPU (release build).
        static let standard = Cost(log2Rounds: 15)
    }

    static let saltBytes = 16
    static let keyBytes = 32

    /// 4 to 8 digits, as a kiosk keypad takes them.
    static func check(_ pin: String) throws {
        guard (4...8).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw LedgerError.invalidEntry("A staff PIN is 4 to 8 digits.")
        }
    }

    static func hash(_ pin: String, cost: Cost = .standard) throws -> String {
        var salt = [UInt8](repeating: 0, count: saltBytes)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = generator.next() }
        let key = try derive(pin, salt: salt, log2Rounds: cost.log2Rounds, blockSize: cost.blockSize, parallelism: cost.parallelism)
        return "scrypt$\(cost.log2Rounds)$\(cost.blockSize)$\(cost.parallelism)$\(hex(salt))$\(hex(key))"
    }

    /// True when `pin` is the one `stored` was made from; false for any other PIN or for a
    /// stored value this kiosk cannot read.
    static func matches(_ pin: String, _ stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt",
              let log2N = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              (10...20).contains(log2N), (1...16).contains(r), (1...4).contains(p),
              let salt = bytes(parts[4]), let expected = bytes(parts[5]),
              let key = try? derive(pin, salt: salt, log2Rounds: log2N, blockSize: r, parallelism: p, count: expected.count)
        else { return false }
        // Every byte is compared, so the time taken says nothing about how close a guess was.
        return key.count == expected.count && zip(key, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ pin: String, salt: [UInt8], log2Rounds: Int, blockSize: Int, parallelism: Int,
                               count: Int = keyBytes) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(pin.utf8), salt: salt, outputByteCount: count,
                                           rounds: 1 << log2Rounds, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    private static func bytes(_ hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        var out: [UInt8] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[i...i + 1], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
        }
        return out
    }
}
