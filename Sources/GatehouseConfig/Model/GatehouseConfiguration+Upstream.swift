extension GatehouseConfiguration {
    /// `[[upstream]]`: a named pool of uWSGI backends.
    public struct Upstream: Sendable, Equatable {
        /// `name`: how routes refer to the pool (default `"app"`); unique.
        public var name: String
        /// `servers`: the backends, `"unix:/path.sock"` or `"host:port"` (required, at least one).
        public var servers: [UpstreamAddress]
        /// `max_conns`: concurrent requests per backend; set it to uWSGI's process count (default 0 = unlimited).
        public var maxConnections = 0
        /// `queue_size`: requests that may wait for a free backend; more get 503 (default 100; 0 = no queue).
        public var queueSize = 100
        /// `queue_timeout`: longest wait in the queue before 503 with `Retry-After` (default 10s).
        public var queueTimeout = ConfigDuration.seconds(10)
        /// `buffer_size`: uWSGI's `buffer-size`, the largest vars block it accepts; bigger requests get 431
        /// (default 4096, at most 65535).
        public var bufferSize = ByteSize(bytes: 4096)
        /// `connect_timeout`: time allowed to connect to a backend (default 2s).
        public var connectTimeout = ConfigDuration.seconds(2)
        /// `read_timeout`: time allowed between reads of a backend's response; exceeding it gives 504 (default 60s).
        public var readTimeout = ConfigDuration.seconds(60)
        /// `fail_timeout`: how long a backend that refused or timed out a connection is left alone (default 10s).
        public var failTimeout = ConfigDuration.seconds(10)

        /// A pool named `name` with `servers` and default limits.
        public init(name: String = "app", servers: [UpstreamAddress]) {
            self.name = name
            self.servers = servers
        }
    }

    /// `[[route]]`: requests whose path starts with `prefix` go to the upstream named `upstream`.
    public struct Route: Sendable, Equatable {
        /// `prefix`: a URL path prefix such as `/api/`, matched as plain text (required).
        public var prefix: String
        /// `upstream`: the name of an `[[upstream]]` (required).
        public var upstream: String

        /// A route from `prefix` to the upstream named `upstream`.
        public init(prefix: String, upstream: String) {
            self.prefix = prefix
            self.upstream = upstream
        }
    }
}
