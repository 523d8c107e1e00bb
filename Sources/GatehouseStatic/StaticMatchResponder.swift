import GatehouseHTTP
import Logging
import NIOCore

/// A ``StaticMatch`` already decided by the router, answering through its ``StaticResponder`` without matching
/// again. Returned by ``StaticResponder/responder(for:)``.
public struct StaticMatchResponder: Responder {
    /// The decision taken at routing time.
    public let match: StaticMatch
    /// The responder that owns the mounts.
    public let owner: StaticResponder

    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop,
                        logger: Logger) -> EventLoopFuture<GatewayResponse> {
        eventLoop.makeSucceededFuture(owner.response(for: match, request: request))
    }
}

extension StaticResponder {
    /// For a router that wants a responder per request (`GatewayRouter.staticMatch`): a responder bound to the
    /// match when the static server claims `request`, nil otherwise (send it on to the dynamic backend).
    public func responder(for request: GatewayRequest) -> (any Responder)? {
        guard let match = match(request) else { return nil }
        return StaticMatchResponder(match: match, owner: self)
    }
}
