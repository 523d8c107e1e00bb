import GatehouseHTTP
import NIOCore

/// What a sink says to one body part.
public enum RequestBodyAcceptance {
    /// Taken; read on.
    case accepted
    /// Taken, but too much waits for storage: stop reading the client until the future completes (success or
    /// failure; a storage failure surfaces in `finish()`).
    case wait(EventLoopFuture<Void>)
    /// The body exceeds the sink's limit (the server answers 413 and closes).
    case tooLarge
}

/// Collects one request body for a dynamic route. The server feeds it the de-chunked body parts in order and
/// honours its backpressure: a fast client uploading to a slow disk is read no faster than the disk writes.
///
/// Not Sendable: used on the connection's event loop only.
public protocol RequestBodySink: AnyObject {
    /// Adds a part.
    func accept(_ buffer: ByteBuffer) -> RequestBodyAcceptance
    /// The body is complete: the future gives the buffered body (in memory or spooled).
    func finish() -> EventLoopFuture<RequestBody>
    /// The exchange ended (answered, failed or aborted): release memory and delete any spool file.
    func release()
}

/// Makes a body sink per request; `maxBodySize` is the `client_max_body_size`.
public typealias RequestBodySinkFactory = @Sendable (_ eventLoop: EventLoop, _ maxBodySize: Int64) -> RequestBodySink

/// The simplest sink: keeps the whole body in memory (used when no spooling sink is configured).
public final class MemoryBodySink: RequestBodySink {
    private var buffer: ByteBuffer?
    private let limit: Int64
    private let eventLoop: EventLoop

    public init(eventLoop: EventLoop, limit: Int64) {
        self.eventLoop = eventLoop
        self.limit = limit
    }

    public func accept(_ part: ByteBuffer) -> RequestBodyAcceptance {
        var part = part
        if buffer == nil {
            buffer = part
        } else {
            buffer!.writeBuffer(&part)
        }
        return Int64(buffer!.readableBytes) <= limit ? .accepted : .tooLarge
    }

    public func finish() -> EventLoopFuture<RequestBody> {
        guard let buffer, buffer.readableBytes > 0 else { return eventLoop.makeSucceededFuture(.none) }
        return eventLoop.makeSucceededFuture(.buffer(buffer))
    }

    public func release() { buffer = nil }
}
