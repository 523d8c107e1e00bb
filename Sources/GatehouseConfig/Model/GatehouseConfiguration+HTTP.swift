extension GatehouseConfiguration {
    /// `[http]`: HTTP/1.1 limits and timeouts, HSTS and the HTTP→HTTPS redirect.
    public struct HTTP: Sendable, Equatable {
        /// `max_request_line`: longest request line; longer gets 414 (default 8KiB).
        public var maxRequestLine = ByteSize(bytes: 8192)
        /// `max_header_size`: largest header block; larger gets 431 (default 16KiB).
        public var maxHeaderSize = ByteSize(bytes: 16384)
        /// `header_timeout`: time to receive the whole request head; slower gets 408 and close (default 10s).
        public var headerTimeout = ConfigDuration.seconds(10)
        /// `keepalive_timeout`: how long an idle keep-alive connection stays open (default 75s; 0 disables
        /// keep-alive).
        public var keepaliveTimeout = ConfigDuration.seconds(75)
        /// `max_requests_per_connection`: requests served on one connection before it is closed (default 1000;
        /// 0 = unlimited).
        public var maxRequestsPerConnection = 1000
        /// `hsts`: the `Strict-Transport-Security` value sent on HTTPS responses (default `"max-age=63072000"`;
        /// `""` sends none).
        public var hsts = "max-age=63072000"
        /// `redirect_http`: whether the plain-HTTP listeners redirect to HTTPS (308, or 301 for GET/HEAD)
        /// (default true; false answers 404 there).
        public var redirectHTTP = true

        /// The defaults.
        public init() {}
    }
}
