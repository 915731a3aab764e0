import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Where a store reaches HQ: `http://HOST:PORT`, or `https://HOST:PORT` trusting the
/// system's certificate authorities or those of one PEM file.
public struct HQEndpoint: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let tls: Bool
    /// The CA certificates (PEM) an https HQ's certificate must chain to; nil for the system's.
    public let caFile: String?

    public init?(_ text: String, caFile: String? = nil) {
        guard let url = URLComponents(string: text), url.scheme == "http" || url.scheme == "https", let host = url.host, !host.isEmpty,
              url.path.isEmpty || url.path == "/", url.query == nil else { return nil }
        self.host = host
        self.tls = url.scheme == "https"
        self.port = url.port ?? (tls ? 443 : 80)
        self.caFile = caFile
    }

    public var description: String { "\(tls ? "https" : "http")://\(host):\(port)" }

    /// The client side of TLS, checked before any push: HQ's certificate must chain to a
    /// trusted CA and name the host (or its IP address).
    func tlsContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if let caFile {
            let roots: [NIOSSLCertificate]
            do {
                roots = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw HQClientError.unreachable("The CA file \(caFile) cannot be read as PEM certificates.")
            }
            guard !roots.isEmpty else { throw HQClientError.unreachable("The CA file \(caFile) holds no certificate.") }
            configuration.trustRoots = .certificates(roots)
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw HQClientError.unreachable("TLS to HQ cannot be set up: \(error).")
        }
    }

    /// The CA file can be read (one sentence when not), before any push.
    public func checkTLS() throws { _ = try tlsContext() }

    /// SNI and the name checked: a host name; an IP address is checked against the certificate's IP entries.
    var serverHostname: String? {
        host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":") ? nil : host
    }
}

/// What went wrong between a store and HQ: HQ refused (its status and sentence), or HQ could
/// not be reached or did not answer (try again later).
public enum HQClientError: Error, Equatable, CustomStringConvertible {
    case refused(status: Int, sentence: String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .refused(_, let sentence), .unreachable(let sentence): sentence
        }
    }
}

/// One HTTP/1.1 request per connection to HQ, with a time limit: the few calls a pusher makes
/// need no pool, and a connection that dies mid-request is simply tried again later.
struct HQClient: Sendable {
    let endpoint: HQEndpoint
    let token: PushToken
    var timeout: TimeAmount = .seconds(30)

    struct Answer {
        let status: Int
        let body: Data
    }

    func send(_ method: HTTPMethod, _ path: String, body: Data? = nil) async throws -> Answer {
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Answer.self)
        let tls = try endpoint.tls ? endpoint.tlsContext() : nil
        let hostname = endpoint.serverHostname
        let channel: Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: hostname))
                        }
                    }.flatMap {
                        channel.pipeline.addHTTPClientHandlers()
                    }.flatMap {
                        channel.pipeline.addHandler(AnswerHandler(promise: promise))
                    }
                }
                .connect(host: endpoint.host, port: endpoint.port).get()
        } catch {
            promise.fail(error)
            throw HQClientError.unreachable("HQ at \(endpoint) cannot be reached: \(Self.reason(error)).")
        }
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(HQClientError.unreachable("HQ at \(endpoint) did not answer within \(timeout.nanoseconds / 1_000_000_000) s."))
            channel.close(promise: nil)
        }
        var head = HTTPRequestHead(version: .http1_1, method: method, uri: path)
        head.headers.add(name: "Host", value: "\(endpoint.host):\(endpoint.port)")
        head.headers.add(name: "Authorization", value: "Bearer \(token.text)")
        head.headers.add(name: "Connection", value: "close")
        if let body {
            head.headers.add(name: "Content-Type", value: "application/json")
            head.headers.add(name: "Content-Length", value: String(body.count))
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        do {
            return try await promise.futureResult.get()
        } catch let error as HQClientError {
            throw error
        } catch {
            throw HQClientError.unreachable("HQ at \(endpoint) closed the connection before it answered (\(Self.reason(error))).")
        }
    }

    private static func reason(_ error: Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        if let failed = error as? NIOConnectionError {
            if let io = failed.connectionErrors.lazy.compactMap({ $0.error as? IOError }).first {
                return String(cString: strerror(io.errnoCode)).lowercased()
            }
            return failed.dnsAAAAError == nil && failed.dnsAError == nil ? "no connection could be made" : "the host name does not resolve"
        }
        if let tls = error as? NIOSSLError {
            if case .handshakeFailed = tls { return "the TLS handshake failed (is HQ's certificate from a CA this store trusts, for this host?)" }
            return "TLS failed (\(tls))"
        }
        if error is NIOSSLExtraError { return "TLS failed (\(error))" }
        if error is ChannelError { return "the connection was lost" }
        return "\(error)"
    }
}

/// Collects one response, then completes the promise (once: a connection closed after the answer is fine).
private final class AnswerHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPClientResponsePart
    let promise: EventLoopPromise<HQClient.Answer>
    private var status = 0
    private var body = ByteBuffer()

    init(promise: EventLoopPromise<HQClient.Answer>) { self.promise = promise }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(var part): body.writeBuffer(&part)
        case .end: promise.succeed(.init(status: status, body: Data(buffer: body)))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(ChannelError.eof)
    }
}
