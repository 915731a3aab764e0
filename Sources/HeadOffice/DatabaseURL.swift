import Foundation
import PostgresNIO

/// Where HQ's PostgreSQL is: `postgres://USER:PASSWORD@HOST:PORT/DATABASE` (what
/// `make hq` and `scripts/hq-postgres.sh` print). TLS to the database is not used: it listens on
/// loopback beside the service.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let password: String?
    public let database: String

    public init?(_ text: String) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let host = url.host, !host.isEmpty, let user = url.user, !user.isEmpty else { return nil }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { return nil }
        self.host = host
        self.port = url.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database
    }

    /// Without the password: what a sentence may show.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    var configuration: PostgresClient.Configuration {
        var config = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                  database: database, tls: .disable)
        config.options.connectTimeout = .seconds(5)
        config.options.maximumConnections = 16
        return config
    }
}
