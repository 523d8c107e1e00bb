import NIOCore
import NIOHTTP1

/// A strict HTTP/1.1 request parser (RFC 9112) as a pure state machine over a `ByteBuffer`: the caller appends
/// what it read and calls `next(_:)` until it returns nil (more bytes needed). Each call consumes what it parsed
/// and returns one part: a head, a body slice (no copy: a slice of the caller's buffer), or the end of a message.
/// Pipelined requests simply follow one another in the buffer.
///
/// Why our own and not NIOHTTP1's `HTTPRequestDecoder`: that decoder runs llhttp through C callbacks that
/// accumulate header bytes into arrays, needs a `ByteToMessageHandler` in the pipeline, cannot tell the request
/// line limit (414) from the header limit (431), and keeps ~1.4 KB per idle connection. This parser looks at a
/// head once it is complete (it only scans for its end while bytes trickle in), builds the `HTTPRequestHead` in
/// one pass, and holds a few words of state.
///
/// Strictness, each a 4xx and the end of the connection (see `HTTPRequestParseError`):
/// - request line `method SP request-target SP HTTP/d.d`, a token method, a target without spaces or controls;
/// - header names are tokens directly followed by `:` (no whitespace before the colon), values without control
///   bytes other than HTAB; obsolete line folding is refused; bare CR is refused, bare LF is accepted as a line end
///   (as nginx and llhttp do);
/// - framing: one Content-Length value (repeats must agree), or Transfer-Encoding ending in `chunked` — never both,
///   and no Transfer-Encoding in HTTP/1.0 (the request-smuggling defences of RFC 9112 §6.1/§6.3); other transfer
///   codings are 501;
/// - chunked bodies: hex sizes up to 15 digits, whitespace after a size only before an extension, extensions
///   skipped (not validated, as nginx does: they cannot affect framing), CRLF after each chunk, trailers read and
///   dropped.
///
/// Empty lines before a request line are skipped (RFC 9112 §2.2).
public struct HTTP1RequestParser {
    /// Size limits for a request head.
    public struct Limits: Sendable {
        /// The longest request line accepted (→ 414).
        public var maxRequestLine: Int
        /// The largest header section (everything after the request line) accepted (→ 431); also bounds trailers.
        public var maxHeaderSection: Int

        public init(maxRequestLine: Int = 8192, maxHeaderSection: Int = 16_384) {
            self.maxRequestLine = maxRequestLine
            self.maxHeaderSection = maxHeaderSection
        }
    }

    private enum State {
        case head
        case body(remaining: Int64)
        case chunkSize
        case chunkData(remaining: Int64)
        case chunkDataEnd
        case trailers(bytes: Int)
        case end
        case failed(HTTPRequestParseError)
    }

    /// The longest chunk-size line (with extensions) accepted.
    static let maxChunkLine = 4096

    public let limits: Limits
    private var state = State.head
    /// How far the pending head has been searched for its end (so trickled bytes are not searched again).
    private var scanned = 0
    /// Where the pending head's request line ends (its line feed), once a scan has seen it.
    private var requestLineEnd: Int? = nil

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// True while the parser waits for (the rest of) a request head, false while it reads a body.
    public var isReadingHead: Bool {
        if case .head = state { return true }
        return false
    }

    /// Consumes the next part from the front of `buffer`; nil when more bytes are needed. After an error every
    /// further call throws the same error.
    public mutating func next(_ buffer: inout ByteBuffer) throws -> HTTPServerRequestPart? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .head:
                do {
                    return try parseHead(&buffer)
                } catch let error as HTTPRequestParseError {
                    state = .failed(error)
                    throw error
                }
            case .end:
                state = .head
                return .end(nil)
            case .body(let remaining):
                guard buffer.readableBytes > 0 else { return nil }
                let (slice, left) = Self.take(remaining, from: &buffer)
                state = left == 0 ? .end : .body(remaining: left)
                return .body(slice)
            case .chunkData(let remaining):
                guard buffer.readableBytes > 0 else { return nil }
                let (slice, left) = Self.take(remaining, from: &buffer)
                state = left == 0 ? .chunkDataEnd : .chunkData(remaining: left)
                return .body(slice)
            case .chunkSize, .chunkDataEnd, .trailers:
                do {
                    guard try advanceChunkFraming(&buffer) else { return nil }
                } catch let error as HTTPRequestParseError {
                    state = .failed(error)
                    throw error
                }
            }
        }
    }

    private static func take(_ remaining: Int64, from buffer: inout ByteBuffer) -> (ByteBuffer, Int64) {
        let n = Int(min(Int64(buffer.readableBytes), remaining))
        let slice = buffer.readSlice(length: n)!  // n ≤ readableBytes
        return (slice, remaining - Int64(n))
    }

    // MARK: head

    private mutating func parseHead(_ buffer: inout ByteBuffer) throws -> HTTPServerRequestPart? {
        if scanned == 0 {
            // Empty lines before a request line are ignored.
            while let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
                  first == UInt8(ascii: "\r") || first == UInt8(ascii: "\n") {
                if first == UInt8(ascii: "\r") {
                    guard let second = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return nil }
                    guard second == UInt8(ascii: "\n") else {
                        throw HTTPRequestParseError.malformedRequestLine("bare CR")
                    }
                    buffer.moveReaderIndex(forwardBy: 2)
                } else {
                    buffer.moveReaderIndex(forwardBy: 1)
                }
            }
        }
        let limits = self.limits
        let scanFrom = scanned
        let found: (head: HTTPRequestHead, length: Int, framing: Framing)?
        var newScanned = scanFrom
        var lineEnd = requestLineEnd
        found = try buffer.withUnsafeReadableBytes { raw -> (HTTPRequestHead, Int, Framing)? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let end = try Self.findHeadEnd(bytes, from: scanFrom, limits: limits, scanned: &newScanned,
                                                 requestLineEnd: &lineEnd) else {
                return nil
            }
            return try Self.parseCompleteHead(bytes, length: end, limits: limits)
        }
        guard let found else {
            scanned = newScanned
            requestLineEnd = lineEnd
            return nil
        }
        scanned = 0
        requestLineEnd = nil
        buffer.moveReaderIndex(forwardBy: found.length)
        switch found.framing {
        case .none: state = .end
        case .length(let n): state = n > 0 ? .body(remaining: n) : .end
        case .chunked: state = .chunkSize
        }
        return .head(found.head)
    }

    /// The length of the head (through its empty line) when it is complete; nil when more bytes are needed.
    /// Enforces the size limits on incomplete heads too, so a client cannot make us buffer more than them.
    /// `requestLineEnd` carries the first line feed across calls: scans resume where the last one stopped, so the
    /// first line feed any scan sees is the request line's end.
    private static func findHeadEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int, limits: Limits,
                                    scanned: inout Int, requestLineEnd lineEnd: inout Int?) throws -> Int? {
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = start
        while i < b.count {
            if b[i] == cr {
                // A CR must be followed by LF; refuse a bare one as soon as the next byte shows it (the head may
                // never complete otherwise). Limits first, so the outcome does not depend on how bytes arrive.
                if i + 1 >= b.count { break }
                if b[i + 1] != lf {
                    try checkLimits(b, count: i + 2, lineEnd: lineEnd, limits: limits)
                    if lineEnd == nil { throw HTTPRequestParseError.malformedRequestLine("bare CR") }
                    throw HTTPRequestParseError.malformedHeader("bare CR")
                }
                i += 1
                continue
            }
            guard b[i] == lf else { i += 1; continue }
            if lineEnd == nil { lineEnd = i }
            // A line ends at i; the head ends if the next line is empty.
            if i + 1 < b.count && b[i + 1] == lf { return try checked(i + 2, lineEnd: lineEnd, b, limits) }
            if i + 2 < b.count && b[i + 1] == cr && b[i + 2] == lf { return try checked(i + 3, lineEnd: lineEnd, b, limits) }
            if i + 1 >= b.count || (i + 2 >= b.count && b[i + 1] == cr) {
                break  // cannot tell yet: resume from this line end
            }
            i += 1
        }
        scanned = min(i, b.count)
        try checkLimits(b, count: b.count, lineEnd: lineEnd, limits: limits)
        return nil
    }

    /// The size limits applied to the first `count` bytes of an incomplete head.
    private static func checkLimits(_ b: UnsafeBufferPointer<UInt8>, count: Int, lineEnd: Int?, limits: Limits) throws {
        if let firstLF = lineEnd {
            if requestLineLength(b, firstLF) > limits.maxRequestLine {
                throw HTTPRequestParseError.requestLineTooLong(limit: limits.maxRequestLine)
            }
            if count - (firstLF + 1) > limits.maxHeaderSection + 2 {
                throw HTTPRequestParseError.headerSectionTooLarge(limit: limits.maxHeaderSection)
            }
        } else if count > limits.maxRequestLine + 1 {
            throw HTTPRequestParseError.requestLineTooLong(limit: limits.maxRequestLine)
        }
    }

    /// The length of the request line that ends with the line feed at `lf`, without its CR LF or bare LF.
    private static func requestLineLength(_ b: UnsafeBufferPointer<UInt8>, _ lf: Int) -> Int {
        lf > 0 && b[lf - 1] == UInt8(ascii: "\r") ? lf - 1 : lf
    }

    private static func checked(_ end: Int, lineEnd: Int?, _ b: UnsafeBufferPointer<UInt8>, _ limits: Limits) throws -> Int {
        let firstLF = lineEnd ?? end  // set: the head ends at a line feed
        if requestLineLength(b, firstLF) > limits.maxRequestLine {
            throw HTTPRequestParseError.requestLineTooLong(limit: limits.maxRequestLine)
        }
        if end - (firstLF + 1) > limits.maxHeaderSection + 2 {
            throw HTTPRequestParseError.headerSectionTooLarge(limit: limits.maxHeaderSection)
        }
        return end
    }

    enum Framing: Equatable {
        case none
        case length(Int64)
        case chunked
    }

    /// Parses a complete head `b[0..<length]` (request line, header lines, empty line).
    static func parseCompleteHead(_ b: UnsafeBufferPointer<UInt8>, length: Int,
                                  limits: Limits) throws -> (HTTPRequestHead, Int, Framing) {
        let sp = UInt8(ascii: " ")
        var pos = 0
        let (lineStart, lineStop, next) = try line(b, from: pos, limit: length, header: false)
        pos = next
        // method
        var i = lineStart
        while i < lineStop && HTTPSyntax.isTokenChar(b[i]) { i += 1 }
        guard i > lineStart, i < lineStop, b[i] == sp else {
            throw HTTPRequestParseError.malformedRequestLine("method is not a token followed by one space")
        }
        let methodRange = lineStart..<i
        // request-target
        i += 1
        let targetStart = i
        var nonASCII = false
        while i < lineStop && b[i] != sp {
            let c = b[i]
            if c <= 0x20 || c == 0x7F { throw HTTPRequestParseError.malformedRequestLine("control byte in request-target") }
            if c >= 0x80 { nonASCII = true }
            i += 1
        }
        guard i > targetStart, i < lineStop else {
            throw HTTPRequestParseError.malformedRequestLine("missing request-target or HTTP version")
        }
        let targetRange = targetStart..<i
        // HTTP-version
        i += 1
        guard lineStop - i == 8,
              b[i] == UInt8(ascii: "H"), b[i + 1] == UInt8(ascii: "T"), b[i + 2] == UInt8(ascii: "T"),
              b[i + 3] == UInt8(ascii: "P"), b[i + 4] == UInt8(ascii: "/"), b[i + 6] == UInt8(ascii: "."),
              let major = digit(b[i + 5]), let minor = digit(b[i + 7]) else {
            throw HTTPRequestParseError.malformedRequestLine("HTTP version is not HTTP/d.d")
        }

        guard let uri = nonASCII
                ? String(validating: UnsafeBufferPointer(rebasing: b[targetRange]), as: UTF8.self)
                : String(decoding: UnsafeBufferPointer(rebasing: b[targetRange]), as: UTF8.self) else {
            throw HTTPRequestParseError.malformedRequestLine("request-target is not UTF-8")
        }
        let method = HTTPMethod(rawValue: String(decoding: UnsafeBufferPointer(rebasing: b[methodRange]), as: UTF8.self))

        // header fields
        var headers = HTTPHeaders()
        headers.reserveCapacity(16)  // one allocation for what browsers send (~10–15 fields)
        var contentLength: Int64? = nil
        var sawContentLength = false
        var transferCodings: [String] = []
        var sawTransferEncoding = false
        while true {
            let (start, stop, next) = try line(b, from: pos, limit: length, header: true)
            pos = next
            if start == stop { break }
            if HTTPSyntax.isOWS(b[start]) { throw HTTPRequestParseError.malformedHeader("obsolete line folding") }
            var j = start
            while j < stop && HTTPSyntax.isTokenChar(b[j]) { j += 1 }
            guard j > start, j < stop, b[j] == UInt8(ascii: ":") else {
                throw HTTPRequestParseError.malformedHeader("name is not a token followed by a colon")
            }
            let nameRange = start..<j
            var valueStart = j + 1
            while valueStart < stop && HTTPSyntax.isOWS(b[valueStart]) { valueStart += 1 }
            var valueStop = stop
            while valueStop > valueStart && HTTPSyntax.isOWS(b[valueStop - 1]) { valueStop -= 1 }
            var k = valueStart
            while k < valueStop {
                let c = b[k]
                if (c < 0x20 && c != 0x09) || c == 0x7F { throw HTTPRequestParseError.malformedHeader("control byte in value") }
                k += 1
            }
            let valueRange = valueStart..<valueStop
            switch nameRange.count {
            case 14 where HTTPSyntax.equalsIgnoringCase(b, nameRange, "content-length"):
                sawContentLength = true
                try addContentLength(b, valueRange, to: &contentLength)
            case 17 where HTTPSyntax.equalsIgnoringCase(b, nameRange, "transfer-encoding"):
                sawTransferEncoding = true
                addCodings(b, valueRange, to: &transferCodings)
            default:
                break
            }
            headers.add(name: String(decoding: UnsafeBufferPointer(rebasing: b[nameRange]), as: UTF8.self),
                        value: String(decoding: UnsafeBufferPointer(rebasing: b[valueRange]), as: UTF8.self))
        }

        let framing: Framing
        if sawTransferEncoding {
            if sawContentLength {
                throw HTTPRequestParseError.ambiguousFraming("both Content-Length and Transfer-Encoding")
            }
            if major == 1 && minor == 0 {
                throw HTTPRequestParseError.ambiguousFraming("Transfer-Encoding in an HTTP/1.0 request")
            }
            guard transferCodings.last == "chunked" else {
                throw HTTPRequestParseError.ambiguousFraming("Transfer-Encoding does not end in chunked")
            }
            if let other = transferCodings.dropLast().first {
                if other == "chunked" { throw HTTPRequestParseError.ambiguousFraming("chunked applied twice") }
                throw HTTPRequestParseError.unsupportedTransferCoding(other)
            }
            framing = .chunked
        } else if sawContentLength {
            guard let contentLength else { throw HTTPRequestParseError.invalidContentLength }
            framing = .length(contentLength)
        } else {
            framing = .none
        }
        let head = HTTPRequestHead(version: HTTPVersion(major: major, minor: minor), method: method, uri: uri,
                                   headers: headers)
        return (head, pos, framing)
    }

    /// The line starting at `from`: its content range (without CR LF) and where the next line starts. A bare CR
    /// (not before LF) is refused; so is any CR in the request line's middle.
    private static func line(_ b: UnsafeBufferPointer<UInt8>, from: Int, limit: Int,
                             header: Bool) throws -> (Int, Int, Int) {
        var i = from
        while i < limit {
            let c = b[i]
            if c == UInt8(ascii: "\n") {
                let stop = (i > from && b[i - 1] == UInt8(ascii: "\r")) ? i - 1 : i
                return (from, stop, i + 1)
            }
            if c == UInt8(ascii: "\r") && (i + 1 >= limit || b[i + 1] != UInt8(ascii: "\n")) {
                if header { throw HTTPRequestParseError.malformedHeader("bare CR") }
                throw HTTPRequestParseError.malformedRequestLine("bare CR")
            }
            i += 1
        }
        // Unreachable for a head found by findHeadEnd (it ends with an empty line).
        throw HTTPRequestParseError.malformedRequestLine("incomplete head")
    }

    @inline(__always)
    private static func digit(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
    }

    /// Content-Length may repeat (as fields or a comma list) only with one value (RFC 9110 §8.6).
    private static func addContentLength(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                         to current: inout Int64?) throws {
        var i = range.lowerBound
        var sawOne = false
        while i <= range.upperBound {
            var value: Int64 = 0
            var digits = 0
            while i < range.upperBound && HTTPSyntax.isOWS(b[i]) { i += 1 }
            while i < range.upperBound, let d = digit(b[i]) {
                guard digits < 18 else { throw HTTPRequestParseError.invalidContentLength }
                value = value * 10 + Int64(d)
                digits += 1
                i += 1
            }
            // Bounded by the value: the trimmed OWS after it must not be skipped into.
            while i < range.upperBound && HTTPSyntax.isOWS(b[i]) { i += 1 }
            guard digits > 0, i == range.upperBound || b[i] == UInt8(ascii: ",") else {
                throw HTTPRequestParseError.invalidContentLength
            }
            if let current, current != value { throw HTTPRequestParseError.invalidContentLength }
            current = value
            sawOne = true
            i += 1
        }
        if !sawOne { throw HTTPRequestParseError.invalidContentLength }
    }

    /// Appends the lower-cased codings of one Transfer-Encoding field (parameters kept, empty elements skipped).
    private static func addCodings(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to codings: inout [String]) {
        var start = range.lowerBound
        var i = range.lowerBound
        while i <= range.upperBound {
            if i == range.upperBound || b[i] == UInt8(ascii: ",") {
                var s = HTTPSyntax.skipOWS(b, start)
                var e = i
                while e > s && HTTPSyntax.isOWS(b[e - 1]) { e -= 1 }
                if s < e {
                    var lowered = [UInt8]()
                    lowered.reserveCapacity(e - s)
                    while s < e { lowered.append(HTTPSyntax.lower(b[s])); s += 1 }
                    codings.append(String(decoding: lowered, as: UTF8.self))
                }
                start = i + 1
            }
            i += 1
        }
    }

    // MARK: chunked framing

    /// Consumes a chunk-size line, a chunk's CRLF, or trailer lines. True when the state moved on (call again),
    /// false when more bytes are needed.
    private mutating func advanceChunkFraming(_ buffer: inout ByteBuffer) throws -> Bool {
        switch state {
        case .chunkDataEnd:
            guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return false }
            if first == UInt8(ascii: "\n") {
                buffer.moveReaderIndex(forwardBy: 1)
            } else if first == UInt8(ascii: "\r") {
                guard let second = buffer.getInteger(at: buffer.readerIndex + 1, as: UInt8.self) else { return false }
                guard second == UInt8(ascii: "\n") else { throw HTTPRequestParseError.malformedChunk("no CRLF after chunk data") }
                buffer.moveReaderIndex(forwardBy: 2)
            } else {
                throw HTTPRequestParseError.malformedChunk("no CRLF after chunk data")
            }
            state = .chunkSize
            return true
        case .chunkSize:
            guard let (start, stop, next) = try Self.framingLine(buffer, limit: Self.maxChunkLine, what: "chunk-size line") else {
                return false
            }
            let size: Int64 = try buffer.withUnsafeReadableBytes { raw in
                let b = raw.bindMemory(to: UInt8.self)
                var i = start
                var size: Int64 = 0
                while i < stop, let h = PercentDecoding.hexValue(b[i]) {
                    guard i - start < 15 else { throw HTTPRequestParseError.malformedChunk("chunk size too large") }
                    size = size << 4 | Int64(h)
                    i += 1
                }
                guard i > start else { throw HTTPRequestParseError.malformedChunk("chunk size is not hexadecimal") }
                let sizeEnd = i
                i = HTTPSyntax.skipOWS(b, i)
                // Whitespace may only precede an extension's ";" (BWS), never end the line.
                if i == stop && i > sizeEnd { throw HTTPRequestParseError.malformedChunk("whitespace after chunk size") }
                if i < stop {
                    guard b[i] == UInt8(ascii: ";") else { throw HTTPRequestParseError.malformedChunk("junk after chunk size") }
                    while i < stop {
                        let c = b[i]
                        if (c < 0x20 && c != 0x09) || c == 0x7F { throw HTTPRequestParseError.malformedChunk("control byte in chunk extension") }
                        i += 1
                    }
                }
                return size
            }
            buffer.moveReaderIndex(forwardBy: next)
            state = size == 0 ? .trailers(bytes: 0) : .chunkData(remaining: size)
            return true
        case .trailers(let seen):
            let room = limits.maxHeaderSection - seen
            guard let (start, stop, next) = try Self.framingLine(buffer, limit: max(room, 2), what: "trailer section") else {
                return false
            }
            if start == stop {
                buffer.moveReaderIndex(forwardBy: next)
                state = .end
                return true
            }
            let valid = buffer.withUnsafeReadableBytes { raw -> Bool in
                let b = raw.bindMemory(to: UInt8.self)
                var i = start
                while i < stop && HTTPSyntax.isTokenChar(b[i]) { i += 1 }
                guard i > start, i < stop, b[i] == UInt8(ascii: ":") else { return false }
                while i < stop {
                    let c = b[i]
                    if (c < 0x20 && c != 0x09) || c == 0x7F { return false }
                    i += 1
                }
                return true
            }
            guard valid else { throw HTTPRequestParseError.malformedChunk("malformed trailer field") }
            buffer.moveReaderIndex(forwardBy: next)
            state = .trailers(bytes: seen + next)
            return true
        default:
            return true
        }
    }

    /// The first line in `buffer` as offsets from its reader index: (content start, content end, next line); nil
    /// when no line end has arrived yet. Throws when the line is longer than `limit`.
    private static func framingLine(_ buffer: ByteBuffer, limit: Int, what: String) throws -> (Int, Int, Int)? {
        try buffer.withUnsafeReadableBytes { raw -> (Int, Int, Int)? in
            let b = raw.bindMemory(to: UInt8.self)
            var i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "\n") {
                    let stop = (i > 0 && b[i - 1] == UInt8(ascii: "\r")) ? i - 1 : i
                    if i > limit { throw HTTPRequestParseError.malformedChunk("\(what) too long") }
                    return (0, stop, i + 1)
                }
                if b[i] == UInt8(ascii: "\r") && i + 1 < b.count && b[i + 1] != UInt8(ascii: "\n") {
                    throw HTTPRequestParseError.malformedChunk("bare CR")
                }
                i += 1
            }
            if b.count > limit { throw HTTPRequestParseError.malformedChunk("\(what) too long") }
            return nil
        }
    }
}
