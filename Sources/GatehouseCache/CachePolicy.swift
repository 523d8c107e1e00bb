import GatehouseHTTP
import NIOHTTP1

/// The cache's rules as pure functions: which requests may use the cache, which responses may be stored and for
/// how long, and how keys are formed. No I/O, no clock of its own (the caller passes `now`).
public struct CachePolicy: Sendable {
    /// The configuration the rules read.
    public let configuration: CacheConfiguration

    /// Rules for `configuration`.
    public init(configuration: CacheConfiguration) {
        self.configuration = configuration
    }

    // MARK: Requests

    /// Whether `request` may be answered from (and stored into) the cache. GET and HEAD only; a request that
    /// carries a configured session cookie, an `Authorization` header or a body bypasses, as does a path whose
    /// route rule has a TTL of 0.
    public func classify(_ request: GatewayRequest, bodyLength: Int64 = 0) -> RequestVerdict {
        guard configuration.enabled else { return .bypass(.disabled) }
        let method = request.head.method
        guard method == .GET || method == .HEAD else { return .bypass(.method) }
        let headers = request.head.headers
        if headers.contains(name: "authorization") { return .bypass(.authorization) }
        if hasSessionCookie(headers) { return .bypass(.sessionCookie) }
        if bodyLength > 0 { return .bypass(.requestBody) }
        let route = configuration.route(forPath: request.rawPath)
        if let route, route.ttl <= 0 { return .bypass(.route) }
        return .cacheable(route: route)
    }

    /// True when one of the request's cookies has a configured session cookie name (names are case-sensitive).
    public func hasSessionCookie(_ headers: HTTPHeaders) -> Bool {
        let sessionNames = configuration.sessionCookieNames
        guard !sessionNames.isEmpty else { return false }
        for field in headers["cookie"] {
            for pair in field.split(separator: ";") {
                let trimmed = pair.trimmingSpaces()
                let name = trimmed.firstIndex(of: "=").map { trimmed[..<$0] } ?? trimmed
                if sessionNames.contains(where: { $0.utf8.elementsEqual(name.utf8) }) { return true }
            }
        }
        return false
    }

    /// The resource key of a request (GET and HEAD share one).
    public func resourceKey(for request: GatewayRequest) -> CacheResourceKey {
        CacheResourceKey(
            methodClass: "GET",
            scheme: request.scheme.lowercased(),
            host: request.host ?? "",
            path: String(request.rawPath),
            query: configuration.includeQueryInKey ? request.query.map(String.init) : nil
        )
    }

    /// The full key of a request for a response that varies by `vary`.
    public func key(for request: GatewayRequest, vary: CacheVary) -> CacheKey {
        CacheKey(resource: resourceKey(for: request), variant: vary.dimensions(for: request.head.headers))
    }

    // MARK: Responses

    /// Whether a response may be stored and for how long, in this order:
    /// status must be cacheable; `Set-Cookie` and `Vary: *` never stored; `X-Accel-Expires` (seconds, `@epoch`,
    /// 0 = do not store) overrides `Cache-Control`; otherwise `private`/`no-store`/`no-cache` are not stored and
    /// `s-maxage` wins over `max-age`; with no lifetime from the application the route's TTL applies; the route's
    /// `maxTTL` caps the result, and a 404's lifetime is at most `notFoundTTL`. Stale windows come from the response's
    /// `stale-while-revalidate` / `stale-if-error`, else the configuration (`must-revalidate` turns both off).
    public func evaluate(status: HTTPResponseStatus, headers: HTTPHeaders, route: CacheRouteRule?, now: Double)
        -> ResponseVerdict
    {
        let code = Int(status.code)
        guard configuration.cacheableStatuses.contains(code) else { return .doNotStore(.status) }
        if headers.contains(name: "set-cookie") { return .doNotStore(.setCookie) }
        guard let vary = CacheVary(responseHeaders: headers, varyCookieBySessionRule:
            configuration.varyCookieBySessionRule) else { return .doNotStore(.varyStar) }
        let directives = CacheControlDirectives(headers: headers)

        var ttl: Double
        switch CachePolicy.accelExpires(headers, now: now) {
        case .some(let seconds):
            guard seconds > 0 else { return .doNotStore(.accelExpires) }
            ttl = seconds
        case .none:
            if directives.noStore { return .doNotStore(.noStore) }
            if directives.isPrivate { return .doNotStore(.private) }
            if directives.noCache { return .doNotStore(.noCache) }
            if let appTTL = directives.sharedMaxAge ?? directives.maxAge {
                ttl = appTTL
            } else if let route {
                ttl = route.ttl
            } else {
                return .doNotStore(.noLifetime)
            }
        }
        if let cap = route?.maxTTL { ttl = min(ttl, cap) }
        if code == 404 { ttl = min(ttl, configuration.notFoundTTL) }
        guard ttl > 0 else { return .doNotStore(.zeroLifetime) }

        let lifetime: CacheLifetime
        if directives.mustRevalidate {
            lifetime = CacheLifetime(ttl: ttl, staleWhileRevalidate: 0, staleIfError: 0)
        } else {
            lifetime = CacheLifetime(
                ttl: ttl,
                staleWhileRevalidate: directives.staleWhileRevalidate ?? configuration.staleWhileRevalidate,
                staleIfError: directives.staleIfError ?? configuration.staleIfError)
        }
        return .store(lifetime, vary: vary)
    }

    /// `X-Accel-Expires` as a lifetime in seconds from `now` (0 or negative: do not store), or nil when absent
    /// or malformed (then `Cache-Control` decides, as nginx does).
    static func accelExpires(_ headers: HTTPHeaders, now: Double) -> Double? {
        guard let raw = headers.first(name: "x-accel-expires") else { return nil }
        var value = Substring(raw).trimmingSpaces()
        let absolute = value.first == "@"
        if absolute { value = value.dropFirst() }
        guard !value.isEmpty, value.utf8.count <= 12, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let number = Double(value) else { return nil }
        return absolute ? number - now : number
    }
}
