extension GatehouseConfiguration {
    /// `[cache]` and `[[cache.rule]]`: the micro-cache for dynamic GET/HEAD responses.
    public struct Cache: Sendable, Equatable {
        /// `enabled`: turn the cache on (default false).
        public var enabled = false
        /// `max_size`: memory for all entries together; least recently used entries are evicted (default 128MiB).
        public var maxSize = ByteSize.mebibytes(128)
        /// `max_entry_size`: larger responses are not stored (default 8MiB).
        public var maxEntrySize = ByteSize.mebibytes(8)
        /// `session_cookies`: a request carrying any of these cookies bypasses the cache (default `["sessionid"]`).
        public var sessionCookies = ["sessionid"]
        /// `status_header`: add `X-Cache-Status` to responses (default true).
        public var statusHeader = true
        /// `lock_timeout`: how long requests wait for another request's fetch of the same key (default 5s).
        public var lockTimeout = ConfigDuration.seconds(5)
        /// `stale_while_revalidate`: serve an expired entry this long while one request refreshes it (default 10s).
        public var staleWhileRevalidate = ConfigDuration.seconds(10)
        /// `stale_if_error`: serve an expired entry this long when the backend fails (default 1h).
        public var staleIfError = ConfigDuration.hours(1)
        /// `include_query`: the query string is part of the key (default true).
        public var includeQuery = true
        /// `statuses`: response statuses that may be stored (default `[200, 301, 308, 404]`).
        public var statuses = [200, 301, 308, 404]
        /// `not_found_ttl`: the TTL for 404 responses, capping any longer one (default 30s).
        public var notFoundTTL = ConfigDuration.seconds(30)
        /// `[[cache.rule]]`: route rules, first match wins (default: none, so only responses with their own
        /// `Cache-Control` lifetime are stored).
        public var rules: [Rule] = []

        /// The defaults.
        public init() {}
    }
}

extension GatehouseConfiguration.Cache {
    /// `[[cache.rule]]`: a TTL for the paths a rule matches.
    public struct Rule: Sendable, Equatable {
        /// Which paths a rule matches.
        public enum Match: Sendable, Equatable {
            /// `prefix`: paths starting with this text.
            case prefix(String)
            /// `pattern`: a glob over the path: `*` matches within one segment, `**` across segments.
            case pattern(String)
        }

        /// `prefix` or `pattern` (exactly one is required).
        public var match: Match
        /// `ttl`: lifetime for responses that give none themselves (required).
        public var ttl: ConfigDuration
        /// `max_ttl`: caps a lifetime the response gives itself (optional; default no cap).
        public var maxTTL: ConfigDuration?

        /// A rule.
        public init(match: Match, ttl: ConfigDuration, maxTTL: ConfigDuration? = nil) {
            self.match = match
            self.ttl = ttl
            self.maxTTL = maxTTL
        }

        /// Whether the rule applies to a request path (without the query string).
        public func matches(path: String) -> Bool {
            switch match {
            case .prefix(let prefix): return path.hasPrefix(prefix)
            case .pattern(let pattern): return Glob.matches(Array(pattern.utf8)[...], Array(path.utf8)[...])
            }
        }
    }
}
