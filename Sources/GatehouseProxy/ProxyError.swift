import NIOHTTP1

/// Why the proxy could not produce the upstream's response. `reason` is the short, stable name for logs and the
/// access log; `status` is the answer the client gets — mapped in exactly one place, `status(for:)`.
public struct ProxyError: Error, CustomStringConvertible, Sendable {
    /// The distinct failure reasons.
    public enum Reason: String, Sendable, CaseIterable {
        /// The backend refused the connection or its socket does not exist (502).
        case connectRefused = "connect_refused"
        /// Connecting took longer than `connect_timeout` (504).
        case connectTimeout = "connect_timeout"
        /// The backend closed or reset the connection before a complete response head (502).
        case resetBeforeHeaders = "reset_before_headers"
        /// The backend's response head is malformed (502).
        case invalidHeader = "invalid_header"
        /// The backend closed or reset the connection in the middle of the body (502).
        case truncatedResponse = "truncated_response"
        /// The backend's response exceeds `max_response_size` (502).
        case responseTooLarge = "response_too_large"
        /// The backend was silent for longer than `read_timeout` (504).
        case readTimeout = "read_timeout"
        /// The request's uwsgi vars block exceeds the backend's `buffer_size` (431).
        case blockTooBig = "block_too_big"
        /// Every backend is at its limit and the queue is full (503 + Retry-After).
        case queueFull = "queue_full"
        /// The request waited in the queue for longer than `queue_timeout` (503 + Retry-After).
        case queueTimeout = "queue_timeout"
        /// The request body exceeds `client_max_body_size` (413).
        case bodyTooLarge = "body_too_large"
        /// The client took longer than the body deadline (408).
        case clientBodyTimeout = "client_body_timeout"
        /// The client sent the body slower than the minimum rate (408).
        case clientBodyTooSlow = "client_body_too_slow"
        /// The request cannot be expressed as uwsgi variables, e.g. a bad percent-encoding in the path (400).
        case badRequest = "bad_request"
        /// Writing or reading a spool file failed (500).
        case spoolError = "spool_error"
    }

    /// The failure reason.
    public var reason: Reason
    /// The backend involved, if any (`unix:/run/app.sock`).
    public var upstream: String?
    /// A human-readable detail for the error log.
    public var detail: String
    /// Seconds for `Retry-After` (503 only).
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(_ reason: Reason, upstream: String? = nil, detail: String = "", retryAfterSeconds: Int? = nil) {
        self.reason = reason
        self.upstream = upstream
        self.detail = detail
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The HTTP status for `reason`: the one mapping from proxy failures to statuses.
    public static func status(for reason: Reason) -> HTTPResponseStatus {
        switch reason {
        case .connectRefused, .resetBeforeHeaders, .invalidHeader, .truncatedResponse, .responseTooLarge:
            return .badGateway
        case .connectTimeout, .readTimeout:
            return .gatewayTimeout
        case .blockTooBig:
            return .requestHeaderFieldsTooLarge
        case .queueFull, .queueTimeout:
            return .serviceUnavailable
        case .bodyTooLarge:
            return .payloadTooLarge
        case .clientBodyTimeout, .clientBodyTooSlow:
            return .requestTimeout
        case .badRequest:
            return .badRequest
        case .spoolError:
            return .internalServerError
        }
    }

    /// The HTTP status the client gets.
    public var status: HTTPResponseStatus { Self.status(for: reason) }

    /// True when another backend may be tried: nothing reached the backend (`connect_*`), or — when
    /// `idempotent` — the backend dropped the connection before answering.
    public func allowsRetry(idempotent: Bool) -> Bool {
        switch reason {
        case .connectRefused, .connectTimeout: return true
        case .resetBeforeHeaders: return idempotent
        default: return false
        }
    }

    public var description: String {
        var text = reason.rawValue
        if let upstream { text += " upstream=\(upstream)" }
        if !detail.isEmpty { text += ": \(detail)" }
        return text
    }
}
