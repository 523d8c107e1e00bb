extension GatehouseConfiguration {
    /// `[tls]` and `[[tls.certificate]]`: protocol policy, session resumption, certificate files and watching.
    public struct TLS: Sendable, Equatable {
        /// The lowest TLS version accepted.
        public enum ProtocolVersion: String, Sendable, Equatable, CaseIterable {
            case tls12 = "1.2"
            case tls13 = "1.3"
        }

        /// Mozilla's "intermediate" TLS 1.2 suites: ECDHE with AES-GCM or ChaCha20-Poly1305, ECDSA before RSA.
        public static let intermediateCiphers = [
            "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
            "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
        ].joined(separator: ":")

        /// The three TLS 1.3 suites.
        public static let tls13Ciphersuites =
            "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

        /// `min_version`: `"1.2"` (default) or `"1.3"`; older versions are never offered.
        public var minVersion = ProtocolVersion.tls12
        /// `ciphers`: TLS 1.2 cipher list in OpenSSL syntax (default: Mozilla intermediate; `""` = OpenSSL's).
        public var ciphers = TLS.intermediateCiphers
        /// `ciphersuites`: TLS 1.3 suites in OpenSSL syntax (default: all three; `""` = OpenSSL's).
        public var ciphersuites = TLS.tls13Ciphersuites
        /// `groups`: key-exchange groups in OpenSSL syntax (default `"X25519:P-256"`).
        public var groups = "X25519:P-256"
        /// `alpn`: protocols offered through ALPN, in order of preference (default `["http/1.1"]`).
        public var alpn = ["http/1.1"]
        /// `reject_unknown_names`: refuse handshakes whose SNI name matches no certificate, instead of using the
        /// default certificate (default false).
        public var rejectUnknownNames = false
        /// `handshake_timeout`: time allowed for a TLS handshake (default 10s).
        public var handshakeTimeout = ConfigDuration.seconds(10)
        /// `session_tickets`: resume sessions with tickets (TLS 1.2 and 1.3) (default true).
        public var sessionTickets = true
        /// `ticket_key_rotation`: how often a new ticket key is made (default 12h).
        public var ticketKeyRotation = ConfigDuration.hours(12)
        /// `ticket_keys_kept`: ticket keys kept for decryption, including the current one (default 2; 1–16).
        public var ticketKeysKept = 2
        /// `session_cache_size`: sessions kept in the server-side cache (default 20480; 0 disables it).
        public var sessionCacheSize = 20480
        /// `session_timeout`: lifetime of a resumable session (default 2h).
        public var sessionTimeout = ConfigDuration.hours(2)
        /// `watch`: watch certificate, key and chain files and swap in valid new pairs (default true).
        public var watch = true
        /// `poll_interval`: fallback poll of the certificate files (default 60s; 0 disables polling).
        public var pollInterval = ConfigDuration.seconds(60)
        /// `debounce`: quiet time after a file event before a pair is reloaded (default 2s).
        public var debounce = ConfigDuration.seconds(2)
        /// `expiry_warning`: warn when a certificate expires within this time (default 14d).
        public var expiryWarning = ConfigDuration.days(14)
        /// `[[tls.certificate]]`: the certificate pairs (default: the dev pair in `certs/`).
        public var certificates = [Certificate(certificateFile: "certs/localhost.pem", keyFile: "certs/localhost-key.pem")]

        /// The defaults.
        public init() {}

        /// The certificate used when no SNI name matches: the one marked `default`, else the first.
        public var defaultCertificate: Certificate? {
            certificates.first(where: \.isDefault) ?? certificates.first
        }
    }
}

extension GatehouseConfiguration.TLS {
    /// `[[tls.certificate]]`: one certificate, its private key and optional chain, and the names it serves.
    public struct Certificate: Sendable, Equatable {
        /// `cert`: PEM file with the certificate (required). May hold the chain after it.
        public var certificateFile: String
        /// `key`: PEM file with the private key (required).
        public var keyFile: String
        /// `chain`: PEM file with intermediate certificates (optional).
        public var chainFile: String?
        /// `names`: server names this pair serves (`example.com`, `*.example.com`); empty (default) means the
        /// names in the certificate itself.
        public var names: [String]
        /// `default`: use this pair when the SNI name matches none (default false; at most one may be true;
        /// when none is, the first pair is the default).
        public var isDefault: Bool

        /// A pair from its files.
        public init(certificateFile: String, keyFile: String, chainFile: String? = nil, names: [String] = [],
                    isDefault: Bool = false) {
            self.certificateFile = certificateFile
            self.keyFile = keyFile
            self.chainFile = chainFile
            self.names = names
            self.isDefault = isDefault
        }
    }
}
