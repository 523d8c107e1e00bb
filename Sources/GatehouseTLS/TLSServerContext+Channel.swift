import NIOCore

/// A `Sendable` handle on one connection's `TLSHandler`, for code that must not hold the handler itself.
/// Read it on the channel's event loop only (it is loop-bound; elsewhere it traps, like any loop-bound value).
public struct TLSConnectionHandle: Sendable {
    private let handler: NIOLoopBound<TLSHandler>

    init(_ handler: TLSHandler, eventLoop: EventLoop) {
        self.handler = NIOLoopBound(handler, eventLoop: eventLoop)
    }

    /// What the handshake negotiated (nil until it completes).
    public var connectionInfo: TLSConnectionInfo? { handler.value.connectionInfo }
    /// The SNI name of the completed handshake.
    public var serverName: String? { handler.value.serverName }
}

extension TLSServerContext {
    /// Adds a new `TLSHandler` first in `channel`'s pipeline and returns a handle on it. Call it on the channel's
    /// event loop, e.g. inside `childChannelInitializer`'s `makeCompletedFuture`.
    public func addHandler(to channel: Channel) throws -> TLSConnectionHandle {
        let handler = makeHandler()
        try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        return TLSConnectionHandle(handler, eventLoop: channel.eventLoop)
    }
}
