import Crypto
import Foundation
import Ledger
import PostgresNIO

/// An HQ staff member's sign-in name: 1 to 64 letters, digits, dots, hyphens and underscores.
public struct StaffName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        guard (1...64).contains(text.utf8.count),
              text.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }
    public static let form = "1 to 64 letters, digits, dots, hyphens and underscores"
}

/// A signed-in member of staff, and the token their forms carry against cross-site requests.
public struct StaffSession: Sendable, Equatable {
    public let name: String
    public let csrf: String
}

public enum SignInOutcome: Sendable, Equatable {
    /// `token` goes into the session cookie; HQ keeps only its hash.
    case signedIn(token: String, session: StaffSession)
    case refused
    /// Too many wrong passwords in a row: nothing is checked for `seconds` more.
    case throttled(seconds: Int)
}

extension HeadOffice {
    /// The shortest password an account takes.
    public static let shortestPassword = 10
    /// A session unused this long ends by itself.
    static let sessionIdleHours = 12

    /// Makes a staff account; the password is kept only as a salted scrypt hash.
    public func addStaff(name: StaffName, password: String) async throws {
        guard password.count >= Self.shortestPassword else {
            throw HQFailure("A staff password has at least \(Self.shortestPassword) characters.")
        }
        let hash = try SecretHash.make(password)
        let made = try await reachable { [self] in
            var made = false
            for try await _ in try await client.query("""
                INSERT INTO dashboard_staff (name, password_hash) VALUES (\(name.rawValue), \(hash))
                ON CONFLICT DO NOTHING RETURNING name
                """, logger: logger).decode(String.self) { made = true }
            return made
        }
        guard made else { throw HQFailure("The staff account \(name) exists already.") }
    }

    /// Checks a password, counting failures per name; a name past its free failures is
    /// refused without a check until its wait is over.
    public func signIn(name: String, password: String) async throws -> SignInOutcome {
        let key = String(name.prefix(64))
        return try await reachable { [self] in
            for try await (failures, elapsed) in try await client.query("""
                SELECT failures, extract(epoch FROM now() - last_failure)::float8 FROM dashboard_sign_in_failures WHERE name = \(key)
                """, logger: logger).decode((Int, Double).self) {
                let left = SignInThrottle.remaining(failures: failures, elapsed: elapsed)
                if left > 0 { return .throttled(seconds: left) }
            }
            var stored: String?
            for try await hash in try await client.query("""
                SELECT password_hash FROM dashboard_staff WHERE name = \(key)
                """, logger: logger).decode(String.self) { stored = hash }
            // An unknown name costs the same hash as a known one, so timing does not tell them apart.
            let matches = SecretHash.matches(password, stored ?? Self.unknownNameHash)
            guard matches, stored != nil else {
                try await client.query("""
                    INSERT INTO dashboard_sign_in_failures (name, failures, last_failure) VALUES (\(key), 1, now())
                    ON CONFLICT (name) DO UPDATE SET failures = dashboard_sign_in_failures.failures + 1, last_failure = now()
                    """, logger: logger)
                return .refused
            }
            let token = Self.hex(PushToken.randomBytes(32))
            let csrf = Self.hex(PushToken.randomBytes(32))
            try await client.query("DELETE FROM dashboard_sign_in_failures WHERE name = \(key)", logger: logger)
            try await client.query("""
                INSERT INTO dashboard_sessions (token_hash, staff_name, csrf) VALUES (\(Self.tokenHash(token)), \(key), \(csrf))
                """, logger: logger)
            return .signedIn(token: token, session: StaffSession(name: key, csrf: csrf))
        }
    }

    /// The session a cookie's token opens; nil for an unknown, ended or idle one.
    public func session(token: String) async throws -> StaffSession? {
        try await reachable { [self] in
            for try await (name, csrf) in try await client.query("""
                UPDATE dashboard_sessions SET seen_at = now()
                WHERE token_hash = \(Self.tokenHash(token)) AND seen_at > now() - interval '\(unescaped: String(Self.sessionIdleHours)) hours'
                RETURNING staff_name, csrf
                """, logger: logger).decode((String, String).self) {
                return StaffSession(name: name, csrf: csrf)
            }
            return nil
        }
    }

    /// Ends the session on the server: its cookie opens nothing afterwards.
    public func signOut(token: String) async throws {
        try await reachable { [self] in
            try await client.query("DELETE FROM dashboard_sessions WHERE token_hash = \(Self.tokenHash(token))", logger: logger)
        }
    }

    static func tokenHash(_ token: String) -> ByteBuffer {
        ByteBuffer(bytes: Array(SHA256.hash(data: Data(token.utf8))))
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    /// A hash no password matches, checked for names HQ does not know.
    private static let unknownNameHash: String = (try? SecretHash.make(hex(PushToken.randomBytes(32)))) ?? ""
}
