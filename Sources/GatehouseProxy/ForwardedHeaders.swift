import GatehouseHTTP
import NIOCore
import NIOHTTP1

/// Sets the `X-Forwarded-*` and `X-Request-ID` headers of a request going upstream.
///
/// From a trusted proxy (its address in `trustedProxies`), incoming `X-Forwarded-For` is extended with the peer's
/// address and incoming `X-Forwarded-Proto`/`-Host` are kept; from anyone else they are replaced, so clients cannot
/// spoof their address or scheme. `X-Request-ID` is always `GatewayRequest.requestID` (the server already decided
/// whether to trust an incoming one).
public enum ForwardedHeaders {
    /// The headers that replace the request's headers of the same names (lower-case names), in order: what
    /// `UWSGIVars(request:bodyLength:server:overrides:)` takes, so the header list is not copied and rewritten.
    public static func overrides(for request: GatewayRequest,
                                 trustedProxies: [IPAddressRange]) -> [(name: String, value: String)] {
        let headers = request.head.headers
        let trusted = !trustedProxies.isEmpty && request.remoteAddress.map { address in
            trustedProxies.contains { $0.contains(address) }
        } ?? false
        var result: [(name: String, value: String)] = []
        result.reserveCapacity(4)

        var chain = trusted ? headers[canonicalForm: "x-forwarded-for"].map(String.init) : []
        if let peerIP = request.remoteIP { chain.append(peerIP) }
        if !chain.isEmpty {
            result.append(("x-forwarded-for", chain.count == 1 ? chain[0] : chain.joined(separator: ", ")))
        }
        let proto = trusted ? (headers.first(name: "x-forwarded-proto") ?? request.scheme) : request.scheme
        result.append(("x-forwarded-proto", proto))
        let host = trusted ? (headers.first(name: "x-forwarded-host") ?? headers.first(name: "host"))
            : headers.first(name: "host")
        if let host { result.append(("x-forwarded-host", host)) }
        result.append(("x-request-id", request.requestID))
        return result
    }

    /// Returns `request.head.headers` rewritten for the upstream (the same rules as `overrides`, applied to a
    /// header list).
    public static func apply(to request: GatewayRequest, trustedProxies: [IPAddressRange]) -> HTTPHeaders {
        var headers = request.head.headers
        for (name, value) in overrides(for: request, trustedProxies: trustedProxies) {
            headers.remove(name: name)
            headers.add(name: canonicalName(name), value: value)
        }
        return headers
    }

    private static func canonicalName(_ name: String) -> String {
        switch name {
        case "x-forwarded-for": return "X-Forwarded-For"
        case "x-forwarded-proto": return "X-Forwarded-Proto"
        case "x-forwarded-host": return "X-Forwarded-Host"
        case "x-request-id": return "X-Request-ID"
        default: return name
        }
    }
}
