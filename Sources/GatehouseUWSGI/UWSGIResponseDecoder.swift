import NIOCore
import NIOHTTP1

/// Decodes the raw HTTP/1.x response that uWSGI writes back (status line or CGI `Status:`, headers, body) into
/// `HTTPClientResponsePart`s: one `.head`, zero or more `.body`, one `.end`.
///
/// Framing: `Transfer-Encoding: chunked` (de-chunked; trailers are checked and dropped), else `Content-Length`,
/// else the body ends when uWSGI closes. Both together, an unknown coding or a bad length are errors. A response to
/// HEAD, and 204/304 responses, end after the head; whatever follows is ignored.
///
/// Body output does not depend on how the input was fragmented: a body part is emitted when `bodyChunkSize`
/// bytes (or the rest of a chunk or of the length) are available, so `ByteToMessageDecoderVerifier` can check it.
/// The exception is a response carrying `X-Accel-Buffering: no` (a stream): its body bytes are passed on as soon as
/// they arrive. After `.end` of a length- or chunk-delimited response the decoder expects a new response (uWSGI
/// closes instead; the exchange stops reading at `.end`).
///
/// Not Sendable: a decoder belongs to one channel.
public struct UWSGIResponseDecoder: ByteToMessageDecoder {
    public typealias InboundOut = HTTPClientResponsePart

    /// Where the decoder is in the response.
    enum State {
        /// Reading the head; `scanned` bytes have been checked for the terminator already.
        case head(scanned: Int)
        /// Reading a Content-Length body.
        case length(remaining: Int64)
        /// Expecting a chunk-size line.
        case chunkSize
        /// Reading chunk data.
        case chunkData(remaining: Int64)
        /// Expecting the CRLF after chunk data.
        case chunkDataEnd
        /// Reading trailer lines after the last chunk; `scanned` as for the head.
        case trailers(scanned: Int)
        /// Reading a body that ends when the connection closes.
        case untilClose
        /// The response is over (HEAD, 204, 304): ignore anything else.
        case discarding
    }

    /// Whether the request was HEAD (the response then has no body whatever its headers say).
    public let isHeadRequest: Bool
    /// The largest status line plus headers accepted (also the limit for trailers).
    public let maxHeadSize: Int
    /// The size of body parts emitted for buffered responses.
    public let bodyChunkSize: Int

    private var state: State = .head(scanned: 0)
    /// True while decoding a response marked `X-Accel-Buffering: no`.
    private var eager = false
    /// True once a head was emitted (EOF with no data is then not an error).
    private var producedResponse = false

    /// Creates a decoder.
    public init(isHeadRequest: Bool = false, maxHeadSize: Int = 64 * 1024, bodyChunkSize: Int = 64 * 1024) {
        self.isHeadRequest = isHeadRequest
        self.maxHeadSize = maxHeadSize
        self.bodyChunkSize = max(1, bodyChunkSize)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        try decode(buffer: &buffer) { context.fireChannelRead(NIOAny($0)) }
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer,
                                    seenEOF: Bool) throws -> DecodingState {
        try decodeLast(buffer: &buffer) { context.fireChannelRead(NIOAny($0)) }
    }

    /// Decodes what `buffer` holds, passing each part to `emit`, as `decode(context:buffer:)` does without a
    /// channel (the uwsgi exchange reads its socket itself). Call again while it returns `.continue`.
    public mutating func decode(buffer: inout ByteBuffer,
                                emit: (HTTPClientResponsePart) -> Void) throws -> DecodingState {
        switch state {
        case .head(let scanned):
            guard let headLength = try findEmptyLine(in: buffer, scanned: scanned, limit: maxHeadSize, next: {
                self.state = .head(scanned: $0)
            }) else { return .needMoreData }
            let bytes = buffer.readBytes(length: headLength)!  // headLength ≤ readableBytes by construction
            buffer.moveReaderIndex(forwardBy: 4)
            let head = try UWSGIResponseHeadParser.parse(bytes)
            try startBody(head: head, emit: emit)
            return .continue

        case .length(let remaining):
            guard let part = takeBody(&buffer, upTo: remaining) else { return .needMoreData }
            let left = remaining - Int64(part.readableBytes)
            emit((.body(part)))
            if left == 0 {
                finishResponse(emit: emit)
            } else {
                state = .length(remaining: left)
            }
            return .continue

        case .chunkSize:
            guard let lineEnd = buffer.readableBytesView.firstIndex(of: 10) else {
                if buffer.readableBytes > 1024 { throw UWSGIResponseError(.invalidChunk) }
                return .needMoreData
            }
            let lineLength = lineEnd - buffer.readerIndex
            guard lineLength <= 1024 else { throw UWSGIResponseError(.invalidChunk) }
            let line = buffer.readBytes(length: lineLength + 1)!
            let size = try Self.parseChunkSize(line)
            state = size == 0 ? .trailers(scanned: 0) : .chunkData(remaining: size)
            return .continue

        case .chunkData(let remaining):
            guard let part = takeBody(&buffer, upTo: remaining) else { return .needMoreData }
            let left = remaining - Int64(part.readableBytes)
            state = left == 0 ? .chunkDataEnd : .chunkData(remaining: left)
            emit((.body(part)))
            return .continue

        case .chunkDataEnd:
            guard buffer.readableBytes >= 2 else { return .needMoreData }
            guard buffer.readInteger(as: UInt16.self) == 0x0D0A else { throw UWSGIResponseError(.invalidChunk) }
            state = .chunkSize
            return .continue

        case .trailers(let scanned):
            // The last-chunk line was consumed, so an immediate CRLF means "no trailers".
            if scanned == 0, buffer.readableBytes >= 2, buffer.getInteger(at: buffer.readerIndex, as: UInt16.self) == 0x0D0A {
                buffer.moveReaderIndex(forwardBy: 2)
                finishResponse(emit: emit)
                return .continue
            }
            if scanned == 0, buffer.readableBytes < 2 { return .needMoreData }
            guard let length = try findEmptyLine(in: buffer, scanned: scanned, limit: maxHeadSize, next: {
                self.state = .trailers(scanned: $0)
            }) else { return .needMoreData }
            var discard = HTTPHeaders()
            for line in try UWSGIResponseHeadParser.splitLines(buffer.readBytes(length: length)!) {
                try UWSGIResponseHeadParser.appendHeader(line, to: &discard)
            }
            buffer.moveReaderIndex(forwardBy: 4)
            finishResponse(emit: emit)
            return .continue

        case .untilClose:
            let available = buffer.readableBytes
            let take = eager ? available : (available >= bodyChunkSize ? bodyChunkSize : 0)
            guard take > 0 else { return .needMoreData }
            emit((.body(buffer.readSlice(length: take)!)))
            return .continue

        case .discarding:
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        }
    }

    /// Decodes the rest after the backend closed the connection: a body delimited by the close ends here; a
    /// response cut short is an error.
    public mutating func decodeLast(buffer: inout ByteBuffer,
                                    emit: (HTTPClientResponsePart) -> Void) throws -> DecodingState {
        while try decode(buffer: &buffer, emit: emit) == .continue {}
        switch state {
        case .head:
            if buffer.readableBytes == 0 {
                if producedResponse { return .needMoreData }
                throw UWSGIResponseError(.emptyResponse)
            }
            throw UWSGIResponseError(.truncatedHead)
        case .untilClose:
            if buffer.readableBytes > 0 {
                emit((.body(buffer.readSlice(length: buffer.readableBytes)!)))
            }
            finishResponse(emit: emit)
            return .needMoreData
        case .discarding:
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return .needMoreData
        case .length, .chunkSize, .chunkData, .chunkDataEnd, .trailers:
            throw UWSGIResponseError(.truncatedBody)
        }
    }

    // MARK: - Steps

    /// Emits the head and chooses the body framing.
    private mutating func startBody(head: HTTPResponseHead, emit: (HTTPClientResponsePart) -> Void) throws {
        let framing = try Self.framing(of: head)
        eager = head.headers["x-accel-buffering"].contains { $0.lowercased() == "no" }
        producedResponse = true
        emit((.head(head)))
        let code = head.status.code
        if isHeadRequest || code == 204 || code == 304 {
            emit((.end(nil)))
            state = .discarding
            return
        }
        switch framing {
        case .chunked: state = .chunkSize
        case .length(0): finishResponse(emit: emit)
        case .length(let n): state = .length(remaining: n)
        case .close: state = .untilClose
        }
    }

    private mutating func finishResponse(emit: (HTTPClientResponsePart) -> Void) {
        emit((.end(nil)))
        state = .head(scanned: 0)
        eager = false
    }

    /// The next body slice of at most `remaining` bytes, or nil when not enough bytes are buffered yet.
    private func takeBody(_ buffer: inout ByteBuffer, upTo remaining: Int64) -> ByteBuffer? {
        let want = Int(min(remaining, Int64(bodyChunkSize)))
        let available = buffer.readableBytes
        if available >= want { return buffer.readSlice(length: want) }
        if eager && available > 0 { return buffer.readSlice(length: available) }
        return nil
    }

    /// Finds CRLFCRLF; returns the length of the bytes before it, or nil (after saving progress with `next`).
    /// Bare LFs and oversize heads are errors as soon as they are seen.
    private func findEmptyLine(in buffer: ByteBuffer, scanned: Int, limit: Int,
                               next: (Int) -> Void) throws -> Int? {
        let view = buffer.readableBytesView
        var i = view.startIndex + scanned
        while i < view.endIndex {
            if view[i] == 10 {
                let offset = i - view.startIndex
                guard offset >= 1, view[i - 1] == 13 else { throw UWSGIResponseError(.invalidHeader) }
                if offset >= 3, view[i - 2] == 10, view[i - 3] == 13 {
                    return offset - 3
                }
            }
            i += 1
            if i - view.startIndex > limit + 4 { throw UWSGIResponseError(.headTooLarge(limit: limit)) }
        }
        // Re-check the last three bytes next time: the terminator may straddle reads.
        next(max(0, view.count - 3))
        return nil
    }

    // MARK: - Pure helpers

    /// How a response's body is delimited.
    enum Framing: Equatable {
        case chunked
        case length(Int64)
        case close
    }

    /// Determines the framing from the headers (strictly: see the type's documentation).
    static func framing(of head: HTTPResponseHead) throws -> Framing {
        let codings = head.headers[canonicalForm: "transfer-encoding"]
        let lengths = head.headers[canonicalForm: "content-length"]
        if !codings.isEmpty {
            guard lengths.isEmpty else { throw UWSGIResponseError(.conflictingFraming) }
            guard codings.count == 1, codings[0].lowercased() == "chunked" else {
                throw UWSGIResponseError(.unsupportedTransferEncoding)
            }
            return .chunked
        }
        guard let first = lengths.first else { return .close }
        guard let value = parseLength(first), lengths.allSatisfy({ parseLength($0) == value }) else {
            throw UWSGIResponseError(.invalidContentLength)
        }
        return .length(value)
    }

    /// 1–18 ASCII digits.
    static func parseLength<S: StringProtocol>(_ text: S) -> Int64? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int64(text)
    }

    /// Parses `hex [; extensions] CRLF` (the line includes its LF).
    static func parseChunkSize(_ line: [UInt8]) throws -> Int64 {
        guard line.count >= 2, line[line.count - 2] == 13 else { throw UWSGIResponseError(.invalidChunk) }
        let content = line[0..<(line.count - 2)]
        let sizePart = content.prefix { $0 != UInt8(ascii: ";") }
        guard !sizePart.isEmpty, sizePart.count <= 15 else { throw UWSGIResponseError(.invalidChunk) }
        var size: Int64 = 0
        for b in sizePart {
            let digit: Int64
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int64(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int64(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int64(b - UInt8(ascii: "A") + 10)
            default: throw UWSGIResponseError(.invalidChunk)
            }
            size = size * 16 + digit
        }
        let extensions = content.dropFirst(sizePart.count)
        guard extensions.allSatisfy(UWSGIResponseHeadParser.isFieldValueByte) else {
            throw UWSGIResponseError(.invalidChunk)
        }
        return size
    }
}
