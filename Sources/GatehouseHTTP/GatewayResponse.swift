import NIOCore
import NIOHTTP1

/// A response produced by a responder, for the server to write.
///
/// Contract: the responder sets `content-length` whenever the body length is known (also for HEAD, where the
/// body is `.empty` but the length is that of the GET representation). The server adds `date`, `server`,
/// `connection` and HSTS, and never writes a body for HEAD, 1xx, 204 or 304.
public struct GatewayResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: GatewayResponseBody

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = HTTPHeaders(), body: GatewayResponseBody = .empty) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A small text response with `content-type` and `content-length` set.
    public static func text(_ status: HTTPResponseStatus, _ text: String,
                            contentType: String = "text/plain; charset=utf-8",
                            headers extra: HTTPHeaders = HTTPHeaders()) -> GatewayResponse {
        var headers = extra
        headers.replaceOrAdd(name: "content-type", value: contentType)
        headers.replaceOrAdd(name: "content-length", value: String(text.utf8.count))
        return GatewayResponse(status: status, headers: headers, body: .buffer(ByteBuffer(string: text)))
    }
}

/// Where a response's bytes come from.
public enum GatewayResponseBody: Sendable {
    /// No body.
    case empty
    /// A ready buffer (shared, copy-on-write: serving it costs no copy).
    case buffer(ByteBuffer)
    /// A byte range of a file, read off the event loop with backpressure.
    /// When `deleteWhenDone` is true (a spool file), the server unlinks it after the response, also on error.
    case file(path: String, offset: Int64, length: Int64, deleteWhenDone: Bool)
    /// Several pieces written in order (multipart/byteranges mixing headers in memory and file ranges).
    case parts([GatewayResponseBody])
    /// A body produced incrementally (unbuffered upstream responses such as server-sent events).
    case stream(ResponseBodyStream)
}

/// A pull-based body source: the server asks for the next chunk only when the client can take it.
public protocol ResponseBodyStream: Sendable {
    /// The next chunk, or nil at the end. Called on `eventLoop`; the future may complete on any loop.
    func next(on eventLoop: EventLoop) -> EventLoopFuture<ByteBuffer?>
    /// The client went away or the response was abandoned: release resources.
    func cancel()
}
