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
    /// Returns `request.head.headers` rewritten for the upstream.
    public static func apply(to request: GatewayRequest, trustedProxies: [IPAddressRange]) -> HTTPHeaders {
        var headers = request.head.headers
        let peer = request.remoteAddress
        let trusted = peer.map { address in trustedProxies.contains { $0.contains(address) } } ?? false
        let peerIP = peer?.ipAddress

        let incomingFor = headers[canonicalForm: "x-forwarded-for"].map(String.init)
        headers.remove(name: "x-forwarded-for")
        var chain = trusted ? incomingFor : []
        if let peerIP { chain.append(peerIP) }
        if !chain.isEmpty { headers.add(name: "X-Forwarded-For", value: chain.joined(separator: ", ")) }

        let incomingProto = headers.first(name: "x-forwarded-proto")
        headers.remove(name: "x-forwarded-proto")
        headers.add(name: "X-Forwarded-Proto", value: trusted ? (incomingProto ?? request.scheme) : request.scheme)

        let incomingHost = headers.first(name: "x-forwarded-host")
        headers.remove(name: "x-forwarded-host")
        if let host = trusted ? (incomingHost ?? headers.first(name: "host")) : headers.first(name: "host") {
            headers.add(name: "X-Forwarded-Host", value: host)
        }

        headers.replaceOrAdd(name: "X-Request-ID", value: request.requestID)
        return headers
    }
}
