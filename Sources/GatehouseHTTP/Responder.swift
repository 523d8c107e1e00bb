import Logging
import NIOCore

/// Something that turns a complete request into a response: the static responder, the uWSGI proxy, the cache.
public protocol Responder: Sendable {
    /// Answer `request`. `eventLoop` is the connection's loop; the returned future may complete on any loop.
    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse>
}
