import GatehouseHTTP
import GatehouseUWSGI
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The uWSGI proxy as a `Responder`: forwards a complete, buffered request to a backend of its pool in the uwsgi
/// protocol and answers with the backend's response, or with the mapped error (`ProxyError.status(for:)`).
///
/// The returned future always succeeds: failures become 4xx/5xx responses annotated with the reason
/// (`x-gatehouse-upstream-reason`, see `ProxyAnnotations`) and logged with the backend; every response carries
/// `X-Request-ID`.
///
/// A class, not a struct: its closures capture `self` with one retain instead of copying (and retaining) every
/// field of the configuration on each proxied request.
public final class ProxyResponder: Responder {
    /// The configuration in force.
    public let configuration: ProxyConfiguration
    /// The backends.
    public let pool: UpstreamPool
    private let exchange: UWSGIExchange
    /// The smallest vars-block limit among the backends: a block within it fits everywhere (the common case, no
    /// per-backend check).
    private let smallestBlockLimit: Int

    /// Methods that may be retried on another backend after the connection broke before any response.
    static let idempotentMethods: [HTTPMethod] = [.GET, .HEAD, .PUT, .DELETE, .OPTIONS, .TRACE]

    /// Creates a responder and its pool; spooling runs on `threadPool` (e.g. `NIOThreadPool.singleton`).
    ///
    /// - Throws: `ProxyConfigurationError` for an invalid configuration; the upstream poller's start-up failure
    ///   (no descriptor or thread left) on the first call.
    public init(configuration: ProxyConfiguration, threadPool: NIOThreadPool) throws {
        try configuration.validate()
        self.configuration = configuration
        self.pool = try UpstreamPool(configuration: configuration.upstream)
        self.exchange = UWSGIExchange(configuration: configuration, threadPool: threadPool,
                                      poller: try UpstreamPoller.shared())
        self.smallestBlockLimit = Self.smallestLimit(configuration.upstream.backends)
    }

    /// Creates a responder over an existing pool (several routes may share one pool); `configuration.upstream`
    /// is ignored in favour of `pool.configuration`.
    ///
    /// - Throws: `ProxyConfigurationError` for an invalid configuration.
    public init(configuration: ProxyConfiguration, pool: UpstreamPool, threadPool: NIOThreadPool) throws {
        var configuration = configuration
        configuration.upstream = pool.configuration
        try configuration.validate()
        self.configuration = configuration
        self.pool = pool
        self.exchange = UWSGIExchange(configuration: configuration, threadPool: threadPool,
                                      poller: try UpstreamPoller.shared())
        self.smallestBlockLimit = Self.smallestLimit(configuration.upstream.backends)
    }

    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop,
                        logger: Logger) -> EventLoopFuture<GatewayResponse> {
        guard eventLoop.inEventLoop else {
            // The server calls on the loop; anyone else is moved there (the exchange lives on it).
            return eventLoop.flatSubmit { self.respond(to: request, body: body, eventLoop: eventLoop, logger: logger) }
        }
        // The request ID goes into the metadata of each message logged (rarely: failures), not into a per-request
        // copy of the logger's metadata, which every request would pay for.
        let vars: UWSGIVars
        do {
            vars = try UWSGIVars(request: request, bodyLength: body.length, server: configuration.server,
                                 overrides: ForwardedHeaders.overrides(for: request,
                                                                       trustedProxies: configuration.trustedProxies))
        } catch {
            return eventLoop.makeSucceededFuture(
                errorResponse(ProxyError(.badRequest, detail: "\(error)"), request: request, logger: logger))
        }

        // Backends whose buffer_size is too small for this block never get it.
        let size = vars.blockSize
        let backends = configuration.upstream.backends
        let tooSmall: Set<Int> = size <= smallestBlockLimit ? []
            : Set(backends.indices.filter { size > UWSGIRequestEncoder(bufferSize: backends[$0].bufferSize).limit })
        if tooSmall.count == backends.count {
            let limits = backends.map { "\($0.address) (buffer_size \(UWSGIRequestEncoder(bufferSize: $0.bufferSize).limit))" }
            let error = ProxyError(.blockTooBig, upstream: backends.first?.address.description,
                                   detail: "request vars block is \(size) bytes, over the limit of backend \(limits.joined(separator: ", "))")
            logger.error("uwsgi request block of \(size) bytes is too big for backend \(limits.joined(separator: ", ")): answering 431",
                         metadata: ["gatehouse.request.id": "\(request.requestID)",
                                    "gatehouse.upstream": "\(backends.first?.address.description ?? "")",
                                    "gatehouse.proxy.reason": "\(error.reason.rawValue)"])
            return eventLoop.makeSucceededFuture(errorResponse(error, request: request, logger: logger))
        }

        // One promise for the whole request; the pool and the exchange report through callbacks (each future
        // step of a chain costs allocations on every proxied request).
        let promise = eventLoop.makePromise(of: GatewayResponse.self)
        let context = Attempt(vars: vars, body: body, request: request, eventLoop: eventLoop, logger: logger,
                              isHead: request.head.method == .HEAD,
                              idempotent: Self.idempotentMethods.contains(request.head.method), promise: promise)
        attempt(context, excluded: tooSmall)
        return promise.futureResult
    }

    private static func smallestLimit(_ backends: [BackendConfiguration]) -> Int {
        backends.map { UWSGIRequestEncoder(bufferSize: $0.bufferSize).limit }.min() ?? 0
    }

    /// What one request needs across retries.
    /// A class: the callbacks capture it with one retain.
    private final class Attempt: @unchecked Sendable {
        let vars: UWSGIVars
        let body: RequestBody
        let request: GatewayRequest
        let eventLoop: EventLoop
        let logger: Logger
        let isHead: Bool
        let idempotent: Bool
        /// Always succeeded: failures become error responses.
        let promise: EventLoopPromise<GatewayResponse>

        init(vars: UWSGIVars, body: RequestBody, request: GatewayRequest, eventLoop: EventLoop, logger: Logger,
             isHead: Bool, idempotent: Bool, promise: EventLoopPromise<GatewayResponse>) {
            self.vars = vars
            self.body = body
            self.request = request
            self.eventLoop = eventLoop
            self.logger = logger
            self.isHead = isHead
            self.idempotent = idempotent
            self.promise = promise
        }

        func finish(_ error: ProxyError, responder: ProxyResponder) {
            promise.succeed(responder.errorResponse(error, request: request, logger: logger))
        }
    }

    private func attempt(_ a: Attempt, excluded: Set<Int>) {
        pool.acquire(excluding: excluded, eventLoop: a.eventLoop) { result in
            switch result {
            case .failure(let error):
                a.finish(error, responder: self)
            case .success(let lease):
                self.send(a, lease: lease, excluded: excluded)
            }
        }
    }

    private func send(_ a: Attempt, lease: UpstreamLease, excluded: Set<Int>) {
        let packet: ByteBuffer
        do {
            packet = try UWSGIRequestEncoder(bufferSize: lease.backend.bufferSize).encode(a.vars)
        } catch {
            lease.release()
            return a.finish(ProxyError(.blockTooBig, upstream: lease.backend.address.description, detail: "\(error)"),
                            responder: self)
        }
        exchange.run(lease: lease, packetHead: packet, body: a.body, isHeadRequest: a.isHead,
                     requestID: a.request.requestID, eventLoop: a.eventLoop, logger: a.logger) { result in
            switch result {
            case .success(let response):
                a.promise.succeed(response)
            case .failure(let proxyError):
                let tried = excluded.union([lease.backendIndex])
                if proxyError.allowsRetry(idempotent: a.idempotent) && tried.count < self.configuration.upstream.backends.count {
                    a.logger.warning("uwsgi backend failed, trying another",
                                     metadata: ["gatehouse.request.id": "\(a.request.requestID)",
                                                "gatehouse.upstream": "\(proxyError.upstream ?? "-")",
                                                "gatehouse.proxy.reason": "\(proxyError.reason.rawValue)",
                                                "gatehouse.proxy.detail": "\(proxyError.detail)"])
                    return self.attempt(a, excluded: tried)
                }
                a.finish(proxyError, responder: self)
            }
        }
    }

    /// The response for a proxy failure: the mapped status, a short text body, `Retry-After` on 503,
    /// `X-Request-ID`, and the annotations. Logs the failure.
    func errorResponse(_ error: ProxyError, request: GatewayRequest, logger: Logger) -> GatewayResponse {
        if error.reason != .blockTooBig {
            logger.error("uwsgi proxy error: \(error.reason.rawValue)",
                         metadata: ["gatehouse.request.id": "\(request.requestID)",
                                    "gatehouse.upstream": "\(error.upstream ?? "-")",
                                    "gatehouse.proxy.reason": "\(error.reason.rawValue)",
                                    "gatehouse.proxy.detail": "\(error.detail)"])
        }
        return Self.errorResponse(for: error, requestID: request.requestID)
    }

    /// The response for `error` without logging (the server uses it for `body_too_large` and the body-rate
    /// verdicts, which it detects itself).
    public static func errorResponse(for error: ProxyError, requestID: String?) -> GatewayResponse {
        let status = error.status
        var headers = HTTPHeaders()
        if status == .serviceUnavailable {
            headers.add(name: "Retry-After", value: String(error.retryAfterSeconds ?? 5))
        }
        if let requestID { headers.add(name: "X-Request-ID", value: requestID) }
        headers.add(name: "Cache-Control", value: "no-store")
        var response = GatewayResponse.text(status, "\(status.code) \(status.reasonPhrase)\n", headers: headers)
        response.annotate(ProxyAnnotations(reason: error.reason))
        return response
    }
}
