import NIOHTTP1

/// The response `Cache-Control` directives a shared cache acts on, parsed leniently from every `Cache-Control`
/// header field. Unknown directives are ignored; a malformed number in `max-age`/`s-maxage` counts as 0
/// (RFC 9111 §4.2.1: treat an invalid lifetime as stale), so garbage never makes something cacheable.
public struct CacheControlDirectives: Sendable, Equatable {
    /// `max-age=N`, in seconds.
    public var maxAge: Double?
    /// `s-maxage=N`, in seconds (wins over `max-age` for a shared cache).
    public var sharedMaxAge: Double?
    /// `private` (with or without a field list).
    public var isPrivate = false
    /// `no-store`.
    public var noStore = false
    /// `no-cache` (with or without a field list).
    public var noCache = false
    /// `must-revalidate` or `proxy-revalidate`: a stale copy must never be served.
    public var mustRevalidate = false
    /// `stale-while-revalidate=N`, in seconds.
    public var staleWhileRevalidate: Double?
    /// `stale-if-error=N`, in seconds.
    public var staleIfError: Double?

    /// No directives.
    public init() {}

    /// Parse all `Cache-Control` fields of `headers`.
    public init(headers: HTTPHeaders) {
        self.init()
        for field in headers[canonicalForm: "cache-control"] {
            parse(field)
        }
    }

    /// True when at least one directive that a cache acts on was present.
    public var isEmpty: Bool { self == CacheControlDirectives() }

    private mutating func parse(_ field: Substring) {
        for rawDirective in field.split(separator: ",", omittingEmptySubsequences: true) {
            let directive = rawDirective.trimmingSpaces()
            let name: Substring
            let value: Substring?
            if let eq = directive.firstIndex(of: "=") {
                name = directive[..<eq].trimmingSpaces()
                var v = directive[directive.index(after: eq)...].trimmingSpaces()
                if v.count >= 2, v.first == "\"", v.last == "\"" { v = v.dropFirst().dropLast() }
                value = v
            } else {
                name = directive
                value = nil
            }
            switch name.lowercased() {
            case "max-age": maxAge = CacheControlDirectives.seconds(value)
            case "s-maxage": sharedMaxAge = CacheControlDirectives.seconds(value)
            case "private": isPrivate = true
            case "no-store": noStore = true
            case "no-cache": noCache = true
            case "must-revalidate", "proxy-revalidate": mustRevalidate = true
            case "stale-while-revalidate": staleWhileRevalidate = CacheControlDirectives.seconds(value)
            case "stale-if-error": staleIfError = CacheControlDirectives.seconds(value)
            default: continue
            }
        }
    }

    /// A delta-seconds value: digits only; anything else is 0. Very large values are clamped to ~68 years.
    static func seconds(_ value: Substring?) -> Double {
        guard let value, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return 0 }
        if value.utf8.count > 10 { return Double(Int32.max) }
        return Double(min(Int(value) ?? Int(Int32.max), Int(Int32.max)))
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
