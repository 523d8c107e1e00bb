/// A uWSGI response that is not well-formed HTTP/1.x (the proxy answers 502).
public struct UWSGIResponseError: Error, Equatable, CustomStringConvertible {
    /// The problem, precise enough for a log line.
    public enum Code: Equatable, Sendable {
        /// The connection closed before any byte of a response.
        case emptyResponse
        /// The connection closed in the middle of the status line or headers.
        case truncatedHead
        /// The status line is not `HTTP/1.x NNN reason` (and no CGI `Status:` fallback applies).
        case invalidStatusLine
        /// A header line is malformed (bad name, bad byte, folding, bare LF or CR).
        case invalidHeader
        /// A CGI `Status:` header is not `NNN reason`.
        case invalidStatusHeader
        /// The status line and headers exceed the configured limit.
        case headTooLarge(limit: Int)
        /// Content-Length is not a number, or several disagree.
        case invalidContentLength
        /// Both Transfer-Encoding and Content-Length (a smuggling vector).
        case conflictingFraming
        /// A transfer coding other than `chunked`.
        case unsupportedTransferEncoding
        /// A chunk-size line or chunk terminator is malformed.
        case invalidChunk
        /// The connection closed before the body announced by Content-Length or chunking was complete.
        case truncatedBody
    }

    /// The problem.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) { self.code = code }

    public var description: String {
        switch code {
        case .emptyResponse: return "upstream closed the connection without a response"
        case .truncatedHead: return "upstream closed the connection inside the response head"
        case .invalidStatusLine: return "upstream sent an invalid status line"
        case .invalidHeader: return "upstream sent an invalid header line"
        case .invalidStatusHeader: return "upstream sent an invalid Status header"
        case .headTooLarge(let limit): return "upstream response head exceeds \(limit) bytes"
        case .invalidContentLength: return "upstream sent an invalid Content-Length"
        case .conflictingFraming: return "upstream sent both Transfer-Encoding and Content-Length"
        case .unsupportedTransferEncoding: return "upstream sent an unsupported Transfer-Encoding"
        case .invalidChunk: return "upstream sent a malformed chunk"
        case .truncatedBody: return "upstream closed the connection before the end of the body"
        }
    }

    /// True when the peer closed before a complete head arrived (a reset rather than a protocol violation).
    public var isPrematureClose: Bool {
        code == .emptyResponse || code == .truncatedHead
    }
}
