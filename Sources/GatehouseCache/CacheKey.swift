import NIOHTTP1

/// What a cached resource is, before content negotiation: method class, scheme, host, path and (optionally) query.
public struct CacheResourceKey: Sendable, Hashable {
    /// `GET` for both GET and HEAD (a HEAD is answered from the GET entry).
    public var methodClass: String
    /// `https` or `http`.
    public var scheme: String
    /// Lower-cased host without port.
    public var host: String
    /// The raw path, still percent-encoded.
    public var path: String
    /// The raw query, or nil when absent or excluded from keys by configuration.
    public var query: String?

    /// A resource key from its parts.
    public init(methodClass: String, scheme: String, host: String, path: String, query: String?) {
        self.methodClass = methodClass
        self.scheme = scheme
        self.host = host
        self.path = path
        self.query = query
    }

    /// The path with `?query` appended when there is one: what prefix purges match against.
    public var pathAndQuery: String {
        guard let query else { return path }
        return path + "?" + query
    }
}

/// The full key of one stored response: the resource plus the request's values of the dimensions it varies by.
public struct CacheKey: Sendable, Hashable, CustomStringConvertible {
    /// The resource.
    public var resource: CacheResourceKey
    /// The `CacheVary` dimensions of the request (`accept-encoding=br`, …), empty when the response does not vary.
    public var variant: [String]

    /// A key from its parts.
    public init(resource: CacheResourceKey, variant: [String] = []) {
        self.resource = resource
        self.variant = variant
    }

    /// A readable form for logs: `GET https://host/path?query [accept-encoding=br]`.
    public var description: String {
        let base = "\(resource.methodClass) \(resource.scheme)://\(resource.host)\(resource.pathAndQuery)"
        return variant.isEmpty ? base : base + " [" + variant.joined(separator: "; ") + "]"
    }

    /// Bytes this key costs in memory, roughly (it is held by the entry table, the resource's key set and the
    /// recency links, hence the fixed part).
    var approximateSize: Int {
        resource.host.utf8.count + resource.path.utf8.count + (resource.query?.utf8.count ?? 0)
            + variant.reduce(0) { $0 + $1.utf8.count + 16 } + 256
    }
}
