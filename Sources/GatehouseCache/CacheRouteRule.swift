/// One route rule of the micro-cache: which request paths it covers and how long their responses live.
///
/// A pattern without `*` or `?` is a **path prefix** (`/posts/` covers `/posts/1`). A pattern with them is a
/// **glob** matched against the whole raw path: `*` matches any run of characters (including `/`), `?` exactly one.
/// Rules are tried in configuration order and the first match wins, so list specific rules before `/`.
public struct CacheRouteRule: Sendable, Equatable {
    /// The prefix or glob, as written in the configuration.
    public var pattern: String
    /// Freshness lifetime in seconds used when the application sends no lifetime of its own.
    /// `0` turns the cache off for the matching paths (requests are answered `BYPASS`).
    public var ttl: Double
    /// Upper bound in seconds for any lifetime on these paths, also one set by the application; nil means none.
    public var maxTTL: Double?

    /// A rule for `pattern` with a default lifetime and an optional cap.
    public init(pattern: String, ttl: Double, maxTTL: Double? = nil) {
        self.pattern = pattern
        self.ttl = ttl
        self.maxTTL = maxTTL
    }

    /// True when the pattern is a glob (contains `*` or `?`) rather than a prefix.
    public var isGlob: Bool {
        pattern.utf8.contains(UInt8(ascii: "*")) || pattern.utf8.contains(UInt8(ascii: "?"))
    }

    /// Whether this rule covers the raw (still percent-encoded) request path.
    public func matches(path: Substring) -> Bool {
        if !isGlob { return path.utf8.starts(with: pattern.utf8) }
        return CacheRouteRule.glob(Array(pattern.utf8)[...], Array(path.utf8)[...])
    }

    /// Iterative glob match with single-star backtracking: linear in practice, never recursive.
    private static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        var p = pattern.startIndex
        var t = text.startIndex
        var starP: Int? = nil
        var starT = text.startIndex
        while t < text.endIndex {
            if p < pattern.endIndex, pattern[p] == UInt8(ascii: "?") || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
                starP = p
                starT = t
                p += 1
            } else if let sp = starP {
                p = sp + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.endIndex
    }
}
