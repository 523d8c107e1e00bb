extension CachePolicy {
    /// Whether a request may use the cache.
    public enum RequestVerdict: Sendable, Equatable {
        /// Look it up and store the answer; `route` is the matching rule, if any.
        case cacheable(route: CacheRouteRule?)
        /// Send it straight to the upstream and never store the answer.
        case bypass(BypassReason)
    }

    /// Why a request bypasses the cache.
    public enum BypassReason: String, Sendable, Equatable {
        /// The cache is disabled.
        case disabled
        /// Not GET or HEAD.
        case method
        /// The request carries a configured session cookie.
        case sessionCookie = "session_cookie"
        /// The request carries `Authorization`.
        case authorization
        /// The request has a body.
        case requestBody = "request_body"
        /// Its route rule has a TTL of 0.
        case route
    }

    /// Whether a response may be stored.
    public enum ResponseVerdict: Sendable, Equatable {
        /// Store it with these lifetimes, keyed by these Vary dimensions.
        case store(CacheLifetime, vary: CacheVary)
        /// Pass it through without storing it.
        case doNotStore(NotStoredReason)
    }

    /// Why a response is not stored.
    public enum NotStoredReason: String, Sendable, Equatable {
        /// Its status is not in `cacheableStatuses`.
        case status
        /// It sets a cookie.
        case setCookie = "set_cookie"
        /// It has `Vary: *`.
        case varyStar = "vary_star"
        /// `X-Accel-Expires` is 0 or in the past.
        case accelExpires = "x_accel_expires"
        /// `Cache-Control: no-store`.
        case noStore = "no_store"
        /// `Cache-Control: private`.
        case `private`
        /// `Cache-Control: no-cache`.
        case noCache = "no_cache"
        /// Neither the application nor a route rule gave a lifetime.
        case noLifetime = "no_lifetime"
        /// The lifetime came out as 0 (`max-age=0`, or capped to 0).
        case zeroLifetime = "zero_lifetime"
    }
}

/// How long a stored response is fresh, and how long after that it may still be served stale.
public struct CacheLifetime: Sendable, Equatable {
    /// Freshness lifetime in seconds.
    public var ttl: Double
    /// Seconds after expiry during which the stale copy is served while one background request refreshes it.
    public var staleWhileRevalidate: Double
    /// Seconds after expiry during which the stale copy replaces a backend failure or 5xx.
    public var staleIfError: Double

    /// A lifetime from its parts.
    public init(ttl: Double, staleWhileRevalidate: Double, staleIfError: Double) {
        self.ttl = ttl
        self.staleWhileRevalidate = staleWhileRevalidate
        self.staleIfError = staleIfError
    }
}
