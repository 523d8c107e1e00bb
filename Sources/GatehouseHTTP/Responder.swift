import Logging
import NIOCore

/// Something that turns a complete request into a response: the static responder, the uWSGI proxy, the cache.
public protocol Responder: Sendable {
    /// Answer `request`. `eventLoop` is the connection's loop; the returned future may complete on any loop.
    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse>

    /// This responder as an `ImmediateResponder`, or nil (the default). A requirement rather than an `as?` cast:
    /// the server asks on every request, and a protocol cast that fails costs a conformance lookup (~1.5 % of a
    /// proxied request's CPU).
    var immediateResponder: (any ImmediateResponder)? { get }
}

extension Responder {
    public var immediateResponder: (any ImmediateResponder)? { nil }
}

/// What an `ImmediateResponder` has for a request: the response itself, or a future as `respond` would give.
public enum ImmediateResponse {
    /// The answer, ready now (e.g. a fresh cache entry): the server writes it without a future. `headerBlock`,
    /// when given, is `response.headers` already encoded as `name: value\r\n` lines, content-length included.
    case ready(GatewayResponse, headerBlock: ByteBuffer?)
    /// The answer comes later.
    case pending(EventLoopFuture<GatewayResponse>)
}

/// A responder that can often answer a body-less request at once — a cache hit needs no I/O — so the server can
/// skip the future chain for it (as it does for static files). It must behave exactly as `respond` with an empty
/// body, doing the same work once.
public protocol ImmediateResponder: Responder {
    /// Answers `request` (which has no body) now when it can.
    func respondImmediately(to request: GatewayRequest, eventLoop: EventLoop, logger: Logger) -> ImmediateResponse
}

extension ImmediateResponder {
    public var immediateResponder: (any ImmediateResponder)? { self }
}
