import NIOHTTP1

/// Why `HTTP1RequestParser` refused a request. Each case names the status the server answers with before it
/// closes the connection (the byte stream can no longer be trusted to frame a next request).
public enum HTTPRequestParseError: Error, Equatable, CustomStringConvertible {
    /// The request line is longer than the limit (414).
    case requestLineTooLong(limit: Int)
    /// The header section is larger than the limit (431).
    case headerSectionTooLarge(limit: Int)
    /// The request line is not `method SP request-target SP HTTP/d.d` (400).
    case malformedRequestLine(String)
    /// A header field line breaks RFC 9112 §5: no colon, whitespace before it, a bad name, a control byte, an
    /// obsolete line folding (400).
    case malformedHeader(String)
    /// A Content-Length that is not one non-negative decimal number (or several that disagree) (400).
    case invalidContentLength
    /// Both Content-Length and Transfer-Encoding, or Transfer-Encoding in an HTTP/1.0 request: the framing is
    /// ambiguous, the classic request-smuggling vector (400).
    case ambiguousFraming(String)
    /// A transfer coding other than `chunked` (501): the body length cannot be known.
    case unsupportedTransferCoding(String)
    /// A chunk-size line, chunk terminator or trailer section that breaks RFC 9112 §7.1 (400).
    case malformedChunk(String)

    /// The status to answer with.
    public var status: HTTPResponseStatus {
        switch self {
        case .requestLineTooLong: return .uriTooLong
        case .headerSectionTooLarge: return .requestHeaderFieldsTooLarge
        case .unsupportedTransferCoding: return .notImplemented
        case .malformedRequestLine, .malformedHeader, .invalidContentLength, .ambiguousFraming, .malformedChunk:
            return .badRequest
        }
    }

    public var description: String {
        switch self {
        case .requestLineTooLong(let limit): return "request line longer than \(limit) bytes"
        case .headerSectionTooLarge(let limit): return "header block larger than \(limit) bytes"
        case .malformedRequestLine(let why): return "malformed request line: \(why)"
        case .malformedHeader(let why): return "malformed header field: \(why)"
        case .invalidContentLength: return "malformed Content-Length"
        case .ambiguousFraming(let why): return why
        case .unsupportedTransferCoding(let coding): return "unsupported transfer coding \"\(coding)\""
        case .malformedChunk(let why): return "malformed chunked body: \(why)"
        }
    }
}
