/// The TLS policy of a listener: a pure value, turned into one long-lived OpenSSL context by `TLSServerContext`.
///
/// Every field has a default, so `TLSConfiguration()` is a sound production policy (Mozilla "intermediate").
public struct TLSConfiguration: Sendable, Hashable {
    /// The lowest protocol version accepted (1.2 or 1.3). The highest is always 1.3.
    public var minimumVersion: TLSVersion = .tls12
    /// The highest protocol version offered; lower it to 1.2 only for tests and comparisons.
    public var maximumVersion: TLSVersion = .tls13
    /// OpenSSL cipher list for TLS 1.2 (Mozilla "intermediate"; forward secrecy and AEAD only).
    public var tls12Ciphers: String = TLSConfiguration.mozillaIntermediateTLS12Ciphers
    /// OpenSSL ciphersuite list for TLS 1.3.
    public var tls13Ciphersuites: String = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
    /// Key-exchange groups in preference order.
    public var groups: [String] = ["X25519", "P-256"]
    /// ALPN protocols in server preference order. A client that offers none of them gets no ALPN answer
    /// (and is treated as HTTP/1.1). Put `h2` first here once an HTTP/2 pipeline exists.
    public var applicationProtocols: [String] = ["http/1.1"]
    /// How long a client has to complete the handshake before the connection is closed.
    public var handshakeTimeout: Duration = .seconds(10)
    /// How long to wait for the peer's close_notify after sending ours before closing hard.
    public var shutdownTimeout: Duration = .seconds(5)
    /// Whether a close we start waits (up to `shutdownTimeout`) for the peer's close_notify. Servers don't need
    /// to (TLS allows a unidirectional close and nginx doesn't wait): default false, so closing an idle
    /// keep-alive connection or draining at shutdown never waits on a silent client.
    public var awaitPeerCloseNotify: Bool = false
    /// Whether stateless session tickets are issued (TLS 1.2 and 1.3). When off, TLS 1.3 resumes through the
    /// server-side session cache (stateful tickets) and TLS 1.2 through session IDs.
    public var sessionTicketsEnabled: Bool = true
    /// How often the ticket encryption key is replaced by a fresh one.
    public var ticketKeyRotationInterval: Duration = .seconds(12 * 3600)
    /// How many keys are kept in all (current + previous); tickets made with a dropped key start a full handshake.
    public var ticketKeysKept: Int = 3
    /// Number of TLS 1.3 tickets sent after a full handshake.
    public var ticketsPerHandshake: Int = 2
    /// Maximum number of sessions in the server-side session cache (0 turns the cache off).
    public var sessionCacheSize: Int = 20_480
    /// Lifetime of a session (cache entry and ticket), in seconds.
    public var sessionTimeoutSeconds: Int = 7200
    /// When true, a client whose SNI name matches no certificate is refused with `unrecognized_name`;
    /// when false it gets the default certificate. Clients that send no SNI always get the default.
    public var rejectUnknownServerNames: Bool = false
    /// Largest plaintext passed to one `SSL_write`; small writes are packed up to this size (one TLS record).
    public var maxWriteChunk: Int = 16_384

    /// The TLS 1.2 cipher list of Mozilla's "intermediate" profile (v5.7).
    public static let mozillaIntermediateTLS12Ciphers = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// A configuration with every field at its default.
    public init() {}

    /// Checks the values that OpenSSL would not reject on its own; returns one message per problem.
    public func validate() -> [String] {
        var problems: [String] = []
        if minimumVersion > maximumVersion { problems.append("minimum TLS version is above the maximum") }
        if applicationProtocols.isEmpty { problems.append("ALPN protocol list is empty") }
        for proto in applicationProtocols where proto.utf8.isEmpty || proto.utf8.count > 255 {
            problems.append("ALPN protocol '\(proto)' must be 1 to 255 bytes")
        }
        if groups.isEmpty { problems.append("group list is empty") }
        if handshakeTimeout <= .zero { problems.append("handshake timeout must be positive") }
        if ticketKeysKept < 1 { problems.append("ticket keys kept must be at least 1") }
        if ticketKeyRotationInterval <= .zero { problems.append("ticket key rotation interval must be positive") }
        if sessionCacheSize < 0 { problems.append("session cache size must not be negative") }
        if sessionTimeoutSeconds < 1 { problems.append("session timeout must be at least 1 second") }
        if maxWriteChunk < 512 || maxWriteChunk > 16_384 { problems.append("max write chunk must be 512...16384") }
        return problems
    }
}
