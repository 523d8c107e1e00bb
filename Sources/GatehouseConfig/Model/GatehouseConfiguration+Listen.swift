extension GatehouseConfiguration {
    /// `[listen]`: the addresses to listen on. Each is `"host:port"`, IPv6 as `"[::1]:8443"`.
    public struct Listen: Sendable, Equatable {
        /// `https`: TLS listeners (default `["127.0.0.1:8443"]`); at least one is required.
        public var https = [ListenAddress(host: "127.0.0.1", port: 8443)]
        /// `http`: plain-HTTP listeners that redirect to HTTPS (default `["127.0.0.1:8080"]`; `[]` disables).
        public var http = [ListenAddress(host: "127.0.0.1", port: 8080)]
        /// `admin`: the admin listener (reload, purge, metrics); `""` (default) disables it. Must be a loopback
        /// address.
        public var admin: ListenAddress? = nil

        /// The defaults.
        public init() {}
    }
}
