import GatehouseHTTP
import NIOHTTP1

/// What the proxy tells the server about a failed exchange, for the access log: the failure reason.
///
/// It travels on the error `GatewayResponse` as the internal header `x-gatehouse-upstream-reason` (the server's
/// `UpstreamReason.headerName`), so it survives any responder wrapping the proxy (e.g. the cache); the server logs
/// it and strips it before writing. Upstream responses never carry it (`UpstreamResponseHeaders.clean` drops every
/// `x-gatehouse-*` header an app might send).
public struct ProxyAnnotations: Sendable, Equatable {
    /// Internal header carrying `ProxyError.Reason.rawValue` on error responses.
    public static let reasonHeader = "x-gatehouse-upstream-reason"

    /// The failure reason.
    public var reason: ProxyError.Reason?

    /// Creates annotations.
    public init(reason: ProxyError.Reason?) {
        self.reason = reason
    }
}

extension GatewayResponse {
    /// Removes the proxy's internal header and returns what it said (nil when the response carries none).
    public mutating func takeProxyAnnotations() -> ProxyAnnotations? {
        guard let reason = headers.first(name: ProxyAnnotations.reasonHeader) else { return nil }
        headers.remove(name: ProxyAnnotations.reasonHeader)
        return ProxyAnnotations(reason: ProxyError.Reason(rawValue: reason))
    }

    /// Adds the proxy's internal header.
    mutating func annotate(_ annotations: ProxyAnnotations) {
        if let reason = annotations.reason {
            headers.replaceOrAdd(name: ProxyAnnotations.reasonHeader, value: reason.rawValue)
        }
    }
}
