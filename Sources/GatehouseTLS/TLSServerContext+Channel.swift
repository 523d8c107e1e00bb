import NIOCore

extension TLSServerContext {
    /// Adds a new `TLSHandler` first in `channel`'s pipeline and returns it (for its SNI name and connection info,
    /// read on the channel's event loop). Call it on that loop, e.g. inside `childChannelInitializer`'s
    /// `makeCompletedFuture`.
    @discardableResult
    public func addHandler(to channel: Channel) throws -> TLSHandler {
        let handler = makeHandler()
        try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        return handler
    }
}
