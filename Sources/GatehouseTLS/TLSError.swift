/// An error from the TLS handler: what failed, plus OpenSSL's error queue at that moment.
public struct TLSError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: String, Sendable, Hashable {
        /// The handshake failed (bad ClientHello, no shared cipher, unknown SNI name, garbage bytes…).
        case handshakeFailed = "handshake failed"
        /// The client did not complete the handshake within the configured timeout.
        case handshakeTimeout = "handshake timed out"
        /// Decrypting application data failed (bad record MAC, unexpected message…).
        case readFailed = "read failed"
        /// Encrypting application data failed.
        case writeFailed = "write failed"
        /// Sending or receiving close_notify failed.
        case shutdownFailed = "shutdown failed"
        /// The peer did not answer our close_notify within the shutdown timeout.
        case shutdownTimeout = "shutdown timed out"
        /// The transport closed without a close_notify (common with HTTP clients; log at debug level).
        case uncleanShutdown = "connection closed without close_notify"
        /// The operation is not supported in the handler's current state.
        case invalidState = "invalid state"
    }

    /// What failed.
    public let kind: Kind
    /// OpenSSL's error queue at the time of the failure, oldest first (may be empty).
    public let openSSLErrors: [OpenSSLErrorEntry]
    /// Extra context, e.g. `SSL_ERROR_SYSCALL`.
    public let detail: String?

    /// Creates an error of `kind` with OpenSSL's entries and an optional detail.
    public init(_ kind: Kind, openSSLErrors: [OpenSSLErrorEntry] = [], detail: String? = nil) {
        self.kind = kind
        self.openSSLErrors = openSSLErrors
        self.detail = detail
    }

    /// One line: the kind, the detail and OpenSSL's messages.
    public var description: String {
        var text = "TLS \(kind.rawValue)"
        if let detail { text += " (\(detail))" }
        if !openSSLErrors.isEmpty { text += ": " + openSSLErrors.map(\.description).joined(separator: "; ") }
        return text
    }
}
