import GatehouseHTTP
import NIOCore
import NIOHTTP1
import NIOPosix

/// Writes one response (pre-encoded head + body) to a connection, with backpressure for file and stream
/// bodies: the next chunk is read only when the previous one was written.
///
/// Small responses do not come here: the connection handler copies a body up to `coalesceLimit` behind the head
/// (`inlineBody`) and sends both as one buffer (one `SSL_write`, one record). Not Sendable: use on the loop.
struct ResponseWriter {
    /// Bodies up to this size are copied behind the head so head and body leave in one write.
    static let coalesceLimit = 16 * 1024
    /// File bodies are read in pieces of this size on NIO's thread pool, one piece in flight per response. Each
    /// piece costs a hop to the pool and back; 128 KiB took ~12 % less CPU per byte than 64 KiB (A/B, 4 × 100 MB),
    /// and a slow client still holds at most one piece plus its TLS records (~100 slow clients ≈ 26 MB).
    static let fileChunkSize = 128 * 1024

    /// What the file of a file body must look like to match the response head (checked once it is open).
    enum FileExpectation {
        /// The body is the whole file (every status but 206): its size is offset + length.
        case whole
        /// A range of a file of this size (a 206 with `Content-Range: bytes a-b/size`).
        case size(Int64)
        /// A range of a file of unknown size (multipart parts): it must be long enough.
        case longEnough

        /// The expectation for a response with `status` and `headers`.
        static func of(status: HTTPResponseStatus, headers: HTTPHeaders) -> FileExpectation {
            guard status == .partialContent else { return .whole }
            guard let range = headers.first(name: "content-range"), let slash = range.lastIndex(of: "/"),
                  let size = Int64(range[range.index(after: slash)...]) else { return .longEnough }
            return .size(size)
        }
    }

    let context: ChannelHandlerContext
    let fileIO: NonBlockingFileIO
    let chunked: Bool
    let files: FileExpectation

    init(context: ChannelHandlerContext, fileIO: NonBlockingFileIO, chunked: Bool, files: FileExpectation = .whole) {
        self.context = context
        self.fileIO = fileIO
        self.chunked = chunked
        self.files = files
    }

    /// Writes head and body; the future gives the number of body bytes written.
    func write(head: ByteBuffer, body: GatewayResponseBody) -> EventLoopFuture<Int64> {
        let eventLoop = context.eventLoop
        context.write(NIOAny(head), promise: nil)
        return writeBody(body).flatMap { n in
            if self.chunked {
                var end = self.context.channel.allocator.buffer(capacity: 5)
                end.writeStaticString("0\r\n\r\n")
                return self.context.writeAndFlush(NIOAny(end)).map { n }
            }
            self.context.flush()
            return eventLoop.makeSucceededFuture(n)
        }
    }

    private func send(_ buffer: ByteBuffer, flush: Bool) -> EventLoopFuture<Void> {
        var out = buffer
        if chunked {
            guard buffer.readableBytes > 0 else { return context.eventLoop.makeSucceededVoidFuture() }
            var framed = context.channel.allocator.buffer(capacity: buffer.readableBytes + 16)
            framed.writeString(String(buffer.readableBytes, radix: 16))
            framed.writeStaticString("\r\n")
            var b = buffer
            framed.writeBuffer(&b)
            framed.writeStaticString("\r\n")
            out = framed
        }
        if flush { return context.writeAndFlush(NIOAny(out)) }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.write(NIOAny(out), promise: promise)
        return promise.futureResult
    }

    private func writeBody(_ body: GatewayResponseBody) -> EventLoopFuture<Int64> {
        let eventLoop = context.eventLoop
        switch body {
        case .empty:
            return eventLoop.makeSucceededFuture(0)
        case .buffer(let b):
            let n = Int64(b.readableBytes)
            return send(b, flush: true).map { n }
        case .parts(let parts):
            var future = eventLoop.makeSucceededFuture(Int64(0))
            for part in parts {
                future = future.flatMap { total in self.writeBody(part).map { total + $0 } }
            }
            return future
        case .file(let path, let offset, let length, let deleteWhenDone):
            // A spool file is always exactly the body.
            let result = sendFile(path: path, offset: offset, length: length,
                                  expectation: deleteWhenDone ? .whole : files)
            if deleteWhenDone {
                result.whenComplete { _ in _ = self.fileIO.unlink(path: path, eventLoop: eventLoop) }
            }
            return result
        case .stream(let stream):
            let promise = eventLoop.makePromise(of: Int64.self)
            pump(stream, total: 0, promise: promise)
            promise.futureResult.whenFailure { _ in stream.cancel() }
            return promise.futureResult
        }
    }

    /// Streams `length` bytes of `path` from `offset`, one chunk at a time. The size is checked once the file is
    /// open (the bytes then come from that inode even if the path is replaced), and a file that ends early
    /// fails the write: either way the connection is closed instead of sending bytes the head does not describe.
    private func sendFile(path: String, offset: Int64, length: Int64,
                          expectation: FileExpectation) -> EventLoopFuture<Int64> {
        let eventLoop = context.eventLoop
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        let needed = offset + length
        return fileIO.openFile(_deprecatedPath: path, eventLoop: eventLoop).flatMap { handle, region in
            let size = Int64(region.endIndex)
            let expected: Int64
            switch expectation {
            case .whole: expected = needed
            case .size(let s): expected = s
            case .longEnough: expected = size >= needed ? size : needed
            }
            guard size == expected, size >= needed else {
                try? handle.close()
                return eventLoop.makeFailedFuture(FileBodyChangedError(path: path, expected: expected, actual: size,
                                                                       shortRead: false))
            }
            let sent = NIOLoopBoundBox(Int64(0), eventLoop: eventLoop)
            return loopBound.value.fileIO.readChunked(
                fileHandle: handle, fromOffset: offset, byteCount: Int(length), chunkSize: Self.fileChunkSize,
                allocator: loopBound.value.context.channel.allocator, eventLoop: eventLoop
            ) { chunk in
                sent.value += Int64(chunk.readableBytes)
                return loopBound.value.send(chunk, flush: true)
            }.flatMapThrowing { () -> Int64 in
                guard sent.value == length else {
                    throw FileBodyChangedError(path: path, expected: length, actual: sent.value, shortRead: true)
                }
                return length
            }.always { _ in try? handle.close() }
        }
    }

    private func pump(_ stream: ResponseBodyStream, total: Int64, promise: EventLoopPromise<Int64>) {
        let eventLoop = context.eventLoop
        let loopBound = NIOLoopBound(self, eventLoop: eventLoop)
        stream.next(on: eventLoop).hop(to: eventLoop).whenComplete { result in
            let writer = loopBound.value
            switch result {
            case .failure(let error):
                promise.fail(error)
            case .success(nil):
                promise.succeed(total)
            case .success(let chunk?):
                let n = Int64(chunk.readableBytes)
                writer.send(chunk, flush: true).whenComplete { r in
                    switch r {
                    case .success: writer.pump(stream, total: total + n, promise: promise)
                    case .failure(let e): promise.fail(e)
                    }
                }
            }
        }
    }

    /// The body's length when it is known without producing it.
    static func knownLength(_ body: GatewayResponseBody) -> Int64? {
        switch body {
        case .empty: return 0
        case .buffer(let b): return Int64(b.readableBytes)
        case .file(_, _, let length, _): return length
        case .parts(let parts):
            var total: Int64 = 0
            for p in parts {
                guard let n = knownLength(p) else { return nil }
                total += n
            }
            return total
        case .stream: return nil
        }
    }

    /// Releases what a body holds when it will not be written (HEAD, 304, closed connection).
    /// The bytes of a body small enough to go in the head's buffer (`coalesceLimit`), or nil: `.empty` is an empty
    /// buffer, a `.buffer` up to the limit itself; files, parts and streams go through `write(head:body:)`.
    static func inlineBody(_ body: GatewayResponseBody) -> ByteBuffer? {
        switch body {
        case .empty: return ByteBuffer()
        case .buffer(let b) where b.readableBytes <= coalesceLimit: return b
        default: return nil
        }
    }

    static func discard(_ body: GatewayResponseBody) {
        switch body {
        case .empty, .buffer: break
        case .file(let path, _, _, let deleteWhenDone):
            if deleteWhenDone {
                NIOThreadPool.singleton.submit { _ in _ = unlink(path) }
            }
        case .parts(let parts): parts.forEach(discard)
        case .stream(let s): s.cancel()
        }
    }
}
