/// What a completed handshake negotiated, for logs, metrics and tests.
public struct TLSConnectionInfo: Sendable, Hashable {
    /// The SNI name the client sent (nil without SNI).
    public var serverName: String?
    /// `TLSv1.2` or `TLSv1.3`.
    public var protocolVersion: String
    /// OpenSSL's cipher name, e.g. `TLS_AES_256_GCM_SHA384` or `ECDHE-ECDSA-AES128-GCM-SHA256`.
    public var cipher: String
    /// The ALPN protocol chosen (nil when the client offered none in common).
    public var negotiatedProtocol: String?
    /// Whether the session was resumed (ticket or session cache) instead of a full handshake.
    public var sessionReused: Bool
    /// Serial (hex) of the certificate presented in this handshake (nil on resumption, where none is sent).
    public var certificateSerial: String?

    /// Creates a record of a handshake's outcome.
    public init(serverName: String?, protocolVersion: String, cipher: String, negotiatedProtocol: String?,
                sessionReused: Bool, certificateSerial: String?) {
        self.serverName = serverName
        self.protocolVersion = protocolVersion
        self.cipher = cipher
        self.negotiatedProtocol = negotiatedProtocol
        self.sessionReused = sessionReused
        self.certificateSerial = certificateSerial
    }
}
