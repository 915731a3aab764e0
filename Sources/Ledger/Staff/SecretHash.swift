/// A secret kept the way a staff PIN is kept (`StaffPIN`: salted scrypt, its parameters stored
/// with the hash), for other secrets a person types, such as a head-office staff password.
public enum SecretHash {
    /// The stored form of `secret`: `scrypt$<log2 N>$<r>$<p>$<salt>$<key>`.
    public static func make(_ secret: String) throws -> String { try StaffPIN.hash(secret) }

    /// True when `secret` is the one `stored` was made from, compared in constant time.
    public static func matches(_ secret: String, _ stored: String) -> Bool { StaffPIN.matches(secret, stored) }
}
