import GatehouseHTTP
import NIOHTTP1

/// What the proxy tells the server about an exchange, for the access log: the failure reason and the backend.
///
/// They travel on the `GatewayResponse` as internal headers (so they survive any responder wrapping the proxy,
/// e.g. the cache) and the server must take them off before writing: `response.takeProxyAnnotations()`.
public struct ProxyAnnotations: Sendable, Equatable {
    /// Internal header carrying `ProxyError.Reason.rawValue` on error responses.
    public static let reasonHeader = "x-gatehouse-proxy-reason"
    /// Internal header carrying the backend's address.
    public static let upstreamHeader = "x-gatehouse-upstream"

    /// The failure reason, or nil for a response from the backend.
    public var reason: ProxyError.Reason?
    /// The backend that answered or failed, if one was chosen.
    public var upstream: String?

    /// Creates annotations.
    public init(reason: ProxyError.Reason? = nil, upstream: String? = nil) {
        self.reason = reason
        self.upstream = upstream
    }
}

extension GatewayResponse {
    /// Removes the proxy's internal headers and returns what they said (nil when the response carries none).
    /// The server calls this on every response before writing it.
    public mutating func takeProxyAnnotations() -> ProxyAnnotations? {
        let reason = headers.first(name: ProxyAnnotations.reasonHeader)
        let upstream = headers.first(name: ProxyAnnotations.upstreamHeader)
        guard reason != nil || upstream != nil else { return nil }
        headers.remove(name: ProxyAnnotations.reasonHeader)
        headers.remove(name: ProxyAnnotations.upstreamHeader)
        return ProxyAnnotations(reason: reason.flatMap(ProxyError.Reason.init(rawValue:)), upstream: upstream)
    }

    /// Adds the proxy's internal headers.
    mutating func annotate(_ annotations: ProxyAnnotations) {
        if let reason = annotations.reason { headers.replaceOrAdd(name: ProxyAnnotations.reasonHeader, value: reason.rawValue) }
        if let upstream = annotations.upstream { headers.replaceOrAdd(name: ProxyAnnotations.upstreamHeader, value: upstream) }
    }
}
