import NIOHTTP1

/// The request headers a stored response varies by, taken from its `Vary` fields and reduced by the cache's rules:
/// `Accept-Encoding` becomes an encoding class, `Cookie` is dropped when the session rule handles it, every other
/// name adds the request's value of that header to the key. `Vary: *` is never stored.
public struct CacheVary: Sendable, Hashable {
    /// Lower-cased header names, sorted, without duplicates.
    public var names: [String]

    /// No variation: one entry per resource.
    public static let none = CacheVary(names: [])

    /// A spec from explicit names (normalised).
    public init(names: [String]) {
        self.names = Array(Set(names.map { $0.lowercased() })).sorted()
    }

    /// The spec of a response, or nil when it has `Vary: *` (not storable).
    public init?(responseHeaders: HTTPHeaders, varyCookieBySessionRule: Bool) {
        var names: Set<String> = []
        for token in responseHeaders[canonicalForm: "vary"] {
            let name = token.trimmingSpaces().lowercased()
            if name.isEmpty { continue }
            if name == "*" { return nil }
            if name == "cookie" && varyCookieBySessionRule { continue }
            names.insert(name)
        }
        self.names = names.sorted()
    }

    /// The key dimensions of a request under this spec, one string per name, in name order.
    public func dimensions(for requestHeaders: HTTPHeaders) -> [String] {
        names.map { name in
            if name == "accept-encoding" {
                return "accept-encoding=" + EncodingClass(acceptEncoding: requestHeaders).rawValue
            }
            let values = requestHeaders[name]
            if values.isEmpty { return name }
            return name + "=" + values.joined(separator: ",")
        }
    }
}
