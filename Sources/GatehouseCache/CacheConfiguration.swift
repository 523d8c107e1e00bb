/// Everything the micro-cache can be told, as a plain value; every field has a default, so `CacheConfiguration()`
/// is a working, Django-safe cache with no route rules (only responses that carry their own lifetime are stored).
///
/// Durations are in seconds.
public struct CacheConfiguration: Sendable, Equatable {
    /// When false the caching responder passes every request straight to its upstream and adds no header.
    public var enabled: Bool = true
    /// Memory bound for all entries (bodies, headers and keys), least recently used evicted first. 128 MiB.
    public var maxBytes: Int = 128 * 1024 * 1024
    /// Largest single entry that is stored; larger responses are passed through uncached. 8 MiB.
    public var maxEntryBytes: Int = 8 * 1024 * 1024
    /// Route rules, first match wins (see `CacheRouteRule`).
    public var routes: [CacheRouteRule] = []
    /// Cookies that mark a personalised request: a request carrying one bypasses the cache and is never stored.
    public var sessionCookieNames: [String] = ["sessionid"]
    /// When true (default), a response's `Vary: Cookie` is satisfied by the session-cookie rule and other cookies
    /// (csrftoken, analytics) do not split the cache. When false, the whole `Cookie` header becomes part of the key.
    public var varyCookieBySessionRule: Bool = true
    /// Whether responses carry the cache status header.
    public var statusHeader: Bool = true
    /// Name of the cache status header.
    public var statusHeaderName: String = "X-Cache-Status"
    /// How long a request waits for another request's in-flight fetch of the same key before it is served stale
    /// (if there is a stale entry in its error window) or goes to the backend itself.
    public var lockTimeout: Double = 5
    /// Default grace after expiry during which a stale entry is served at once while one background request
    /// refreshes it; a response's `stale-while-revalidate=N` overrides it.
    public var staleWhileRevalidate: Double = 10
    /// Default grace after expiry during which a stale entry replaces a backend failure or 5xx; a response's
    /// `stale-if-error=N` overrides it.
    public var staleIfError: Double = 3600
    /// Whether the query string is part of the key. When false, `/a?x=1` and `/a?x=2` share one entry.
    public var includeQueryInKey: Bool = true
    /// Response statuses that may be stored.
    public var cacheableStatuses: Set<Int> = [200, 301, 308, 404]
    /// Upper bound on the lifetime of a stored 404, whatever set it (application, route or `X-Accel-Expires`).
    public var notFoundTTL: Double = 30
    /// How long a key whose response could not be stored skips request coalescing ("hit-for-miss"), so
    /// concurrent requests for an uncacheable page are not serialised behind each other.
    public var uncacheableMemory: Double = 30

    /// The defaults.
    public init() {}

    /// The first route rule that covers `path`, if any.
    public func route(forPath path: Substring) -> CacheRouteRule? {
        routes.first { $0.matches(path: path) }
    }

    /// Problems that make this configuration unusable, one readable sentence each (empty when valid).
    public var validationErrors: [String] {
        var errors: [String] = []
        if maxBytes <= 0 { errors.append("max_bytes must be positive (got \(maxBytes))") }
        if maxEntryBytes <= 0 { errors.append("max_entry_bytes must be positive (got \(maxEntryBytes))") }
        if maxEntryBytes > maxBytes {
            errors.append("max_entry_bytes (\(maxEntryBytes)) must not exceed max_bytes (\(maxBytes))")
        }
        for (name, value) in [("lock_timeout", lockTimeout), ("stale_while_revalidate", staleWhileRevalidate),
                              ("stale_if_error", staleIfError), ("not_found_ttl", notFoundTTL),
                              ("uncacheable_memory", uncacheableMemory)] where !(value >= 0 && value.isFinite) {
            errors.append("\(name) must be a finite number of seconds >= 0 (got \(value))")
        }
        if statusHeader && !CacheConfiguration.isToken(statusHeaderName) {
            errors.append("status_header_name '\(statusHeaderName)' is not a valid header name")
        }
        for name in sessionCookieNames where name.isEmpty || name.contains(";") || name.contains("=") {
            errors.append("session cookie name '\(name)' is not a valid cookie name")
        }
        for status in cacheableStatuses where !(100...599).contains(status) {
            errors.append("cacheable status \(status) is not an HTTP status")
        }
        for rule in routes {
            if !rule.text.hasPrefix("/") && !rule.text.hasPrefix("*") {
                errors.append("route '\(rule.text)': must start with '/' or '*'")
            }
            if !(rule.ttl >= 0 && rule.ttl.isFinite) {
                errors.append("route '\(rule.text)': ttl must be a finite number of seconds >= 0")
            }
            if let cap = rule.maxTTL, !(cap >= 0 && cap.isFinite) {
                errors.append("route '\(rule.text)': max_ttl must be a finite number of seconds >= 0")
            }
        }
        return errors
    }

    private static func isToken(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || "!#$%&'*+-.^_`|~".utf8.contains(c)
        }
    }
}
