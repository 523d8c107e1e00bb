import GatehouseHTTP
import NIOCore
import NIOPosix

/// Buffers one request body before anything goes to uWSGI: in memory up to `memoryThreshold` (64 KiB by
/// default), then in a spool file in `spoolDirectory`, written on a thread pool; `client_max_body_size` enforced.
///
/// The connection handler owns it for one request: `checkDeclaredLength` at the head (413 before reading, and
/// before answering `100 Continue`), `append` (or `write`, with backpressure) for each de-chunked `.body` part,
/// `finish` at `.end` to get the `RequestBody`, and `release` when the exchange ends — also on abort or error —
/// which deletes the spool file. The server module adapts it to its `RequestBodySink` protocol (`write` and
/// `isBackpressured` give the backpressure). Confined to the connection's event loop; not Sendable.
public final class RequestBodyBuffer {
    /// The configuration in force.
    public let configuration: RequestBufferConfiguration
    private let storage: SpoolingBuffer

    /// Creates an empty buffer for a request handled on `eventLoop`.
    public init(configuration: RequestBufferConfiguration, threadPool: NIOThreadPool, eventLoop: EventLoop) {
        self.configuration = configuration
        self.storage = SpoolingBuffer(memoryThreshold: configuration.memoryThreshold,
                                      maxSize: configuration.maxBodySize,
                                      directory: configuration.spoolDirectory, prefix: "gatehouse-body-",
                                      threadPool: threadPool, eventLoop: eventLoop)
    }

    /// Refuses a declared `Content-Length` over the limit (call before reading the body or sending 100).
    ///
    /// - Throws: `ProxyError(.bodyTooLarge)`.
    public static func checkDeclaredLength(_ length: Int64?, configuration: RequestBufferConfiguration) throws {
        if let length, length > configuration.maxBodySize {
            throw ProxyError(.bodyTooLarge, detail: "declared body of \(length) bytes exceeds client_max_body_size \(configuration.maxBodySize)")
        }
    }

    /// Bytes received so far.
    public var receivedBytes: Int64 { storage.length }

    /// True while more bytes wait for the spool file than the high-water mark (1 MiB): stop reading the client
    /// until the future of the last `write` completes.
    public var isBackpressured: Bool { storage.isBackpressured }

    /// The spool file's path, once the body went to disk (for tests and logs).
    public var spoolPath: String? { storage.spoolPath }

    /// Adds a body part without waiting for the disk (writes queue in memory, bounded by `maxBodySize`).
    ///
    /// - Returns: false when the total exceeds `maxBodySize` (answer 413 and close); spool failures surface in
    ///   `finish()`.
    public func append(_ chunk: ByteBuffer) -> Bool {
        do {
            _ = try storage.append(chunk)
            return true
        } catch {
            return false
        }
    }

    /// Adds a body part, with backpressure.
    ///
    /// - Throws: `ProxyError(.bodyTooLarge)` at once when the total exceeds the limit (answer 413 and close).
    /// - Returns: a future that completes when more may be read (stop reading the client until then); it fails
    ///   with `ProxyError(.spoolError)`.
    public func write(_ chunk: ByteBuffer) throws -> EventLoopFuture<Void> {
        do {
            return try storage.append(chunk).flatMapErrorThrowing { error in
                throw ProxyError(.spoolError, detail: "request body spool: \(error)")
            }
        } catch let error as SpoolingBuffer.TooLarge {
            throw ProxyError(.bodyTooLarge, detail: "request body exceeds client_max_body_size \(error.limit)")
        }
    }

    /// Completes the body: `.none`, `.buffer` or `.file` (the file stays until `close`).
    public func finish() -> EventLoopFuture<RequestBody> {
        storage.finish().map { contents -> RequestBody in
            switch contents {
            case .memory(let buffer): return buffer.readableBytes == 0 ? .none : .buffer(buffer)
            case .file(let path, let length): return .file(path: path, length: length)
            }
        }.flatMapErrorThrowing { error in
            throw ProxyError(.spoolError, detail: "request body spool: \(error)")
        }
    }

    /// Releases the body: deletes the spool file (after any write in flight). Idempotent; call it when the
    /// exchange ends, whether it succeeded, failed or was aborted.
    public func release() {
        storage.discard()
    }
}
