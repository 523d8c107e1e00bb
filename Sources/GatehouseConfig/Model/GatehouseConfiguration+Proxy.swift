extension GatehouseConfiguration {
    /// `[proxy]`: request and response buffering for dynamic requests, and what uWSGI is told about them.
    public struct Proxy: Sendable, Equatable {
        /// `client_max_body_size`: largest request body; larger gets 413 (default 10MiB; 0 = unlimited).
        public var clientMaxBodySize = ByteSize.mebibytes(10)
        /// `body_memory_threshold`: request bodies up to this size stay in memory, larger ones are spooled to a
        /// file (default 64KiB).
        public var bodyMemoryThreshold = ByteSize.kibibytes(64)
        /// `response_memory_threshold`: responses up to this size stay in memory, larger ones are spooled
        /// (default 1MiB).
        public var responseMemoryThreshold = ByteSize.mebibytes(1)
        /// `spool_dir`: directory for spool files; nil (written `""`, the default) means the system's temporary
        /// directory.
        public var spoolDirectory: String? = nil
        /// `body_timeout`: total time allowed to receive a request body (default 60s).
        public var bodyTimeout = ConfigDuration.seconds(60)
        /// `min_body_rate`: slowest accepted request-body rate in bytes per second, judged over each 5 s window
        /// (default 1KiB; 0 disables the check).
        public var minBodyRate = ByteSize.kibibytes(1)
        /// `trust_forwarded_from`: peers (CIDR ranges) whose `X-Forwarded-*` headers are kept and extended; from
        /// anyone else they are replaced (default: none).
        public var trustForwardedFrom: [NetworkRange] = []
        /// `document_root`: the `DOCUMENT_ROOT` passed to uWSGI (default `""`).
        public var documentRoot = ""

        /// The defaults.
        public init() {}
    }
}
