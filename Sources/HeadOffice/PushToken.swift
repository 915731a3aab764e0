import Crypto
import Foundation

/// A store's push token, `STORE.TOKEN_ID.SECRET`: the store it pushes for, the id HQ files it
/// under, and 256 random bits. HQ keeps the secret only as SHA-256 over a random salt and the
/// secret (a slow hash adds nothing to a secret this long, unlike a PIN).
public struct PushToken: Sendable, Equatable {
    public let store: StoreID
    public let tokenId: String
    let secret: String

    /// A new token for `store`.
    public static func make(for store: StoreID) -> PushToken {
        PushToken(store: store, tokenId: hex(randomBytes(8)), secret: hex(randomBytes(32)))
    }

    private init(store: StoreID, tokenId: String, secret: String) {
        self.store = store
        self.tokenId = tokenId
        self.secret = secret
    }

    /// Reads a token as `text` gives it; nil for anything else.
    public init?(text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let store = StoreID(rawValue: String(parts[0])),
              parts[1].utf8.count == 16, parts[2].utf8.count == 64,
              (parts[1] + parts[2]).utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        self.init(store: store, tokenId: String(parts[1]), secret: String(parts[2]))
    }

    /// The token as the store keeps it in its token file (shown once, at enrolment).
    public var text: String { "\(store).\(tokenId).\(secret)" }

    static func secretHash(salt: [UInt8], secret: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(salt + Array(secret.utf8))))
    }

    /// True when `secret` hashes with `salt` to `hash`, compared in constant time.
    func matches(salt: [UInt8], hash: [UInt8]) -> Bool {
        let computed = Self.secretHash(salt: salt, secret: secret)
        guard computed.count == hash.count else { return false }
        return zip(computed, hash).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
