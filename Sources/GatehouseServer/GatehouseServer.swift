import Dispatch
import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Adds TLS to a new connection: installs its handler first in the pipeline and returns where to read the SNI
/// name once the handshake is done. Implemented by the composition over GatehouseTLS.
public protocol TLSChannelInstaller: Sendable {
    /// Adds the TLS handler to `channel` (called on its event loop) and returns the source of its SNI name.
    func install(on channel: Channel) throws -> ServerNameSource
}

/// The TLS server name (SNI) of a connection, read on the connection's event loop once the handshake is done (nil
/// before, or when the client sent none). A class reference the connection handler keeps: no closure and no
/// reabstraction thunk allocated per connection.
public protocol ServerNameSource: AnyObject {
    var serverName: String? { get }
}

/// A listener could not be opened.
public struct ListenError: Error, CustomStringConvertible {
    public var address: String
    public var problem: String
    public var description: String { "cannot listen on \(address): \(problem)" }
}

/// The HTTP server: listeners (HTTPS and the plain-HTTP redirect), one event loop per worker, connection
/// registry, graceful shutdown. Composition only: what answers a request is the router's business.
public final class GatehouseServer: @unchecked Sendable {
    public let settings: ServerSettings
    public let group: MultiThreadedEventLoopGroup
    private let routerBox: RouterBox
    private let tls: TLSChannelInstaller?
    private let logger: Logger
    private let accessLog: AccessLog?
    private let bodySinkFactory: RequestBodySinkFactory
    private let registry = ConnectionRegistry()
    private let dateCaches = DateCacheSet()
    private var listeners: [Channel] = []
    /// Server-level counters (responses by class, bytes, connections).
    public let metrics = GatewayMetrics()
    /// The admin listener's router, if one is configured.
    public var adminRouter: (any RequestRouter)?

    /// Creates a server. `tls` nil serves the HTTPS listeners in clear text (tests only).
    public init(settings: ServerSettings, router: RouterBox, tls: TLSChannelInstaller?, logger: Logger,
                bodySinkFactory: RequestBodySinkFactory? = nil) throws {
        self.settings = settings
        self.routerBox = router
        self.tls = tls
        self.logger = logger
        let threads = settings.workers > 0 ? settings.workers : System.coreCount
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        self.accessLog = try settings.accessLogPath.map { try AccessLog(path: $0, format: settings.accessLogFormat) }
        self.bodySinkFactory = bodySinkFactory ?? { loop, limit in MemoryBodySink(eventLoop: loop, limit: limit) }
    }

    /// The addresses actually bound (useful with port 0 in tests), HTTPS first.
    public private(set) var boundAddresses: [SocketAddress] = []

    /// Binds every listener. Throws `ListenError` naming the address on failure (port in use, bad host).
    public func start() throws {
        let httpsPort = settings.https.first?.port ?? 443
        let httpsContext = ConnectionContext(settings: settings, scheme: "https", routerBox: routerBox,
                                             accessLog: accessLog, logger: logger, bodySinkFactory: bodySinkFactory,
                                             registry: registry, dateCaches: dateCaches, metrics: metrics)
        let redirectRouter = RouterBox(FixedRouter(decision: RouteDecision(
            responder: RedirectResponder(httpsPort: httpsPort), wantsBody: false, name: "redirect")))
        var httpSettings = settings
        httpSettings.hsts = nil
        let httpContext = ConnectionContext(settings: httpSettings, scheme: "http", routerBox: redirectRouter,
                                            accessLog: accessLog, logger: logger, bodySinkFactory: bodySinkFactory,
                                            registry: registry, dateCaches: dateCaches, metrics: metrics)
        for listen in settings.https {
            listeners.append(try bind(listen, context: httpsContext, tls: tls))
        }
        for listen in settings.http {
            listeners.append(try bind(listen, context: httpContext, tls: nil))
        }
        if let adminRouter, !settings.admin.isEmpty {
            var adminSettings = httpSettings
            adminSettings.maxRequestsPerConnection = 100
            let adminContext = ConnectionContext(settings: adminSettings, scheme: "http", routerBox: RouterBox(adminRouter),
                                                 accessLog: nil, logger: logger, bodySinkFactory: bodySinkFactory,
                                                 registry: registry, dateCaches: dateCaches, metrics: GatewayMetrics())
            for listen in settings.admin {
                guard Self.isLoopback(listen.host) else {
                    throw ListenError(address: listen.description, problem: "the admin listener must be on loopback")
                }
                listeners.append(try bind(listen, context: adminContext, tls: nil))
            }
        }
        boundAddresses = listeners.compactMap { $0.localAddress }
    }

    private static let receiveAllocator = AdaptiveRecvByteBufferAllocator(minimum: 1024, initial: 1024,
                                                                          maximum: 64 * 1024)

    private func bind(_ listen: ServerSettings.Listen, context: ConnectionContext, tls: TLSChannelInstaller?) throws -> Channel {
        let settings = self.settings
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            // No SO_KEEPALIVE (nginx's default too): the idle, header and body timeouts close dead connections
            // long before the kernel's 2 h keepalive would, and it would cost a setsockopt per connection.
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Set synchronously here rather than as `childChannelOption`s, which NIO applies one future
                    // per option for every accepted connection (~1 % of a full handshake's CPU).
                    if let options = channel.syncOptions {
                        try options.setOption(.maxMessagesPerRead, value: 4)
                        // NIO keeps each channel's receive buffer for reuse for the life of the connection
                        // (growing it in place, never shrinking it), so the initial size is memory every idle
                        // keep-alive connection holds. 1 KiB (nginx's client_header_buffer_size) fits most
                        // ClientHellos and requests; a read that fills it doubles it, so browsers' larger
                        // ClientHellos and uploads cost one extra read, not more memory.
                        try options.setOption(.recvAllocator, value: Self.receiveAllocator)
                    }
                    let serverNameSource = try tls?.install(on: channel)
                    let limits = HTTP1RequestParser.Limits(maxRequestLine: settings.maxRequestLine,
                                                           maxHeaderSection: settings.maxHeaderSize)
                    let reader = HTTPRequestReader(limits: limits, headerTimeout: settings.headerTimeout,
                                                   keepAliveTimeout: settings.keepAliveTimeout)
                    let handler = HTTPConnectionHandler(shared: context, reader: reader,
                                                        serverNameSource: serverNameSource)
                    try channel.pipeline.syncOperations.addHandlers([reader, handler])
                }
            }
        do {
            return try bootstrap.bind(host: listen.host, port: listen.port).wait()
        } catch let error as IOError {
            throw ListenError(address: listen.description, problem: Self.describe(error))
        } catch {
            throw ListenError(address: listen.description, problem: "\(error)")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    static func describe(_ error: IOError) -> String {
        switch error.errnoCode {
        case EADDRINUSE: return "address already in use"
        case EACCES: return "permission denied"
        case EADDRNOTAVAIL: return "address not available on this machine"
        default: return "\(error)"
        }
    }

    /// Stops accepting, lets in-flight requests finish (up to the grace period), closes idle keep-alive
    /// connections, then stops the event loops.
    public func shutdown() {
        logger.info("shutting down: no longer accepting connections",
                    metadata: ["gatehouse.connections": "\(registry.count)"])
        for listener in listeners { try? listener.close().wait() }
        registry.drain()
        let deadline = NIODeadline.now() + settings.shutdownGrace
        while registry.count > 0 && NIODeadline.now() < deadline {
            usleep(20_000)
        }
        if registry.count > 0 {
            logger.warning("grace period over: closing remaining connections",
                           metadata: ["gatehouse.connections": "\(registry.count)"])
            registry.closeAll()
            usleep(100_000)
        }
        try? group.syncShutdownGracefully()
        accessLog?.close()
        logger.info("stopped")
    }
}

/// A router that sends everything to one route (the redirect listener).
struct FixedRouter: RequestRouter {
    let decision: RouteDecision
    func route(_ request: GatewayRequest) -> RouteDecision { decision }
}
