/// One route rule of the micro-cache: which request paths it covers and how long their responses live.
///
/// Mirrors `[[cache.rule]]` in the configuration file: a **prefix** (`/posts/` covers `/posts/1`) or a **pattern**,
/// a glob over the whole raw path where `*` matches any run of characters within one segment (not `/`) and `**`
/// any run across segments. Rules are tried in configuration order and the first match wins.
public struct CacheRouteRule: Sendable, Equatable {
    /// How a rule selects paths.
    public enum Match: Sendable, Equatable {
        /// Paths starting with this text.
        case prefix(String)
        /// Paths matching this glob (`*` within a segment, `**` across segments).
        case pattern(String)
    }

    /// The prefix or glob.
    public var match: Match
    /// Freshness lifetime in seconds used when the application sends no lifetime of its own.
    /// `0` turns the cache off for the matching paths (requests are answered `BYPASS`).
    public var ttl: Double
    /// Upper bound in seconds for any lifetime on these paths, also one set by the application; nil means none.
    public var maxTTL: Double?

    /// A rule from its parts.
    public init(match: Match, ttl: Double, maxTTL: Double? = nil) {
        self.match = match
        self.ttl = ttl
        self.maxTTL = maxTTL
    }

    /// A prefix rule.
    public init(prefix: String, ttl: Double, maxTTL: Double? = nil) {
        self.init(match: .prefix(prefix), ttl: ttl, maxTTL: maxTTL)
    }

    /// A glob rule.
    public init(pattern: String, ttl: Double, maxTTL: Double? = nil) {
        self.init(match: .pattern(pattern), ttl: ttl, maxTTL: maxTTL)
    }

    /// The prefix or pattern text.
    public var text: String {
        switch match {
        case .prefix(let s), .pattern(let s): return s
        }
    }

    /// Whether this rule covers the raw (still percent-encoded) request path.
    public func matches(path: Substring) -> Bool {
        switch match {
        case .prefix(let prefix): return path.utf8.starts(with: prefix.utf8)
        case .pattern(let pattern): return CacheRouteRule.glob(Array(pattern.utf8), Array(path.utf8))
        }
    }

    /// Glob match as a set of reachable text positions, advanced one pattern element at a time:
    /// O(pattern × path) time, no backtracking, no recursion.
    private static func glob(_ pattern: [UInt8], _ text: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*"), slash = UInt8(ascii: "/")
        var positions = [Bool](repeating: false, count: text.count + 1)
        positions[0] = true
        var i = 0
        while i < pattern.count {
            var advanced = [Bool](repeating: false, count: text.count + 1)
            if pattern[i] == star {
                let doubleStar = i + 1 < pattern.count && pattern[i + 1] == star
                i += doubleStar ? 2 : 1
                var open = false  // a match is running that may extend over the next byte
                for j in 0...text.count {
                    if positions[j] { open = true }
                    advanced[j] = open
                    if j < text.count, !doubleStar, text[j] == slash { open = false }
                }
            } else {
                for j in 0..<text.count where positions[j] && text[j] == pattern[i] { advanced[j + 1] = true }
                i += 1
            }
            positions = advanced
        }
        return positions[text.count]
    }
}
