import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Ledger
import Logging
import NIOCore
import NIOSSL

/// A request to the push API, and the store its token pushes for once `PushTokenMiddleware`
/// has checked it.
public struct PushContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var store: StoreID?
    /// The member of staff a dashboard request is from, once `StaffSessionMiddleware` has checked the cookie.
    public var staff: StaffSession?
    var sessionToken: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}

/// `Authorization: Bearer STORE.TOKEN_ID.SECRET`, or 401 before any handler runs.
struct PushTokenMiddleware: RouterMiddleware {
    typealias Context = PushContext
    let hq: HeadOffice

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return HQResponse.refusal(.unauthorised("A push needs the store's token: Authorization: Bearer STORE.ID.SECRET."))
        }
        guard header.hasPrefix("Bearer "), let token = PushToken(text: String(header.dropFirst(7))) else {
            return HQResponse.refusal(.unauthorised("The push token is not one HQ issued."))
        }
        let store: StoreID?
        do {
            store = try await hq.authenticate(token)
        } catch {
            return HQResponse.failure(error)
        }
        guard let store else { return HQResponse.refusal(.unauthorised("The push token is not one HQ issued.")) }
        var context = context
        context.store = store
        return try await next(request, context)
    }
}

/// `/v1/ledgers/{id}`: how far HQ holds a ledger, and the journal rows pushed to it.
struct LedgerController {
    let hq: HeadOffice
    let bodyLimit: Int

    func addRoutes(to group: RouterGroup<PushContext>) {
        group.get(":ledger", use: position)
        group.post(":ledger/journal", use: push)
    }

    @Sendable func position(_ request: Request, context: PushContext) async throws -> Response {
        guard let store = context.store else { return HQResponse.refusal(.unauthorised("The push token is not one HQ issued.")) }
        guard let ledger = LedgerID(rawValue: context.parameters.get("ledger") ?? "") else {
            return HQResponse.refusal(.notFound("The path does not name a ledger id (a lowercase UUID)."))
        }
        do {
            return HQResponse.json(try await hq.position(ledger: ledger, store: store))
        } catch {
            return HQResponse.failure(error)
        }
    }

    @Sendable func push(_ request: Request, context: PushContext) async throws -> Response {
        guard let store = context.store else { return HQResponse.refusal(.unauthorised("The push token is not one HQ issued.")) }
        guard let ledger = LedgerID(rawValue: context.parameters.get("ledger") ?? "") else {
            return HQResponse.refusal(.notFound("The path does not name a ledger id (a lowercase UUID)."))
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: bodyLimit)
        } catch is NIOTooManyBytesError {
            return HQResponse.refusal(.tooLarge("The batch is over \(bodyLimit / 1024 / 1024) MiB; push fewer rows at a time."))
        }
        switch PushBatch.decode(bytes: Array(buffer: body)) {
        case .failure(let refusal):
            return HQResponse.refusal(refusal)
        case .success(let batch):
            do {
                return HQResponse.json(try await hq.push(batch, ledger: ledger, store: store))
            } catch {
                return HQResponse.failure(error)
            }
        }
    }
}

/// Every answer is JSON: a value, or `{"error": "one sentence"}`.
enum HQResponse {
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func refusal(_ refusal: PushRefusal) -> Response {
        json(Refusal(error: refusal.description), status: HTTPResponse.Status(code: refusal.status))
    }

    /// A refusal as its status; a database that cannot be reached as 503 (the store tries again).
    static func failure(_ error: Error) -> Response {
        switch error {
        case let refusal as PushRefusal: return self.refusal(refusal)
        case let failure as HQFailure: return self.refusal(.unavailable(failure.description))
        default: return self.refusal(.unavailable("HQ could not store the batch: \(error)."))
        }
    }
}

/// The push service and the dashboard: `kiosk hq serve`.
public enum HQServer {
    /// The largest request body HQ reads (a batch of a few thousand rows).
    public static let bodyLimit = 4 * 1024 * 1024

    /// Serves until SIGTERM or SIGINT. `onRunning` is told the port once the socket listens.
    /// With `tls`, HTTPS only.
    public static func serve(_ hq: HeadOffice, host: String, port: Int, tls: HQServerTLS? = nil, dashboard: DashboardSettings,
                             logger: Logger,
                             onRunning: @escaping @Sendable (Int) -> Void) async throws {
        let router = Router(context: PushContext.self)
        LedgerController(hq: hq, bodyLimit: bodyLimit).addRoutes(to: router.group("v1/ledgers").add(middleware: PushTokenMiddleware(hq: hq)))
        var dashboard = dashboard
        dashboard.secureCookies = tls != nil
        DashboardController(hq: hq, settings: dashboard).addRoutes(to: router)
        let server: HTTPServerBuilder = try tls.map { try .tls(.http1(), tlsConfiguration: $0.configuration) } ?? .http1()
        let app = Application(router: router, server: server,
                              configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-hq"),
                              onServerRunning: { channel in onRunning(channel.localAddress?.port ?? port) },
                              logger: logger)
        try await app.runService()
    }
}

/// The service's certificate chain and private key (PEM files), read before it listens, so a
/// file that is missing or not PEM is one sentence.
public struct HQServerTLS: Sendable {
    let configuration: TLSConfiguration

    public init(certificateFile: String, keyFile: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificateFile)
        } catch {
            throw HQFailure("The certificate file \(certificateFile) cannot be read as PEM certificates.")
        }
        guard !chain.isEmpty else { throw HQFailure("The certificate file \(certificateFile) holds no certificate.") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        } catch {
            throw HQFailure("The key file \(keyFile) cannot be read as a PEM private key.")
        }
        configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
