#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GatehouseHTTP
import GatehouseUWSGI
import Logging
import NIOCore
import NIOPosix

/// One request to one uWSGI backend over a fresh connection (uwsgi has no keep-alive): connect (Unix socket or
/// TCP), send the packet head and the body (from memory or the spool file, with backpressure), read the whole
/// response, close — all in a `UWSGIConnection` on the request's event loop. Failures are `ProxyError`s.
struct UWSGIExchange {
    let configuration: ProxyConfiguration
    let threadPool: NIOThreadPool

    /// The size of the pieces read from a spooled request body.
    static let fileChunkSize = 256 * 1024

    /// Runs the exchange on `eventLoop`. The future fails with `ProxyError`. The lease is released when the
    /// connection closes (for a streamed response, when the stream ends), marking the backend down on a connect
    /// failure.
    func run(lease: UpstreamLease, packetHead: ByteBuffer, body: RequestBody, isHeadRequest: Bool,
             requestID: String? = nil, eventLoop: EventLoop, logger: Logger) -> EventLoopFuture<GatewayResponse> {
        let promise = eventLoop.makePromise(of: GatewayResponse.self)
        let connection = UWSGIConnection(configuration: configuration, threadPool: threadPool, promise: promise,
                                         lease: lease, isHeadRequest: isHeadRequest, requestID: requestID,
                                         logger: logger, eventLoop: eventLoop)
        let upstream = lease.backend.address.description
        switch lease.backend.address {
        case .unix(let path):
            do {
                connection.start(address: try SocketAddress(unixDomainSocketPath: path), packetHead: packetHead,
                                 body: body)
            } catch {
                lease.release(connectFailed: true)
                promise.fail(ProxyError(.connectRefused, upstream: upstream, detail: "\(error)"))
            }
        case .tcp(let host, let port):
            if let address = try? SocketAddress(ipAddress: host, port: port) {
                connection.start(address: address, packetHead: packetHead, body: body)
            } else {
                // A host name: resolve off the event loop (getaddrinfo blocks).
                threadPool.runIfActive(eventLoop: eventLoop) {
                    try SocketAddress.makeAddressResolvingHost(host, port: port)
                }.whenComplete { result in
                    switch result {
                    case .success(let address):
                        connection.start(address: address, packetHead: packetHead, body: body)
                    case .failure(let error):
                        lease.release(connectFailed: true)
                        promise.fail(ProxyError(.connectRefused, upstream: upstream,
                                                detail: "cannot resolve \(host): \(error)"))
                    }
                }
            }
        }
        return promise.futureResult
    }

    /// Maps a connect failure: a timeout → `connect_timeout`; anything else (refused, no such socket, backlog
    /// full, DNS) → `connect_refused`.
    static func connectError(_ error: Error, upstream: String) -> ProxyError {
        if isTimeout(error) {
            return ProxyError(.connectTimeout, upstream: upstream, detail: "\(error)")
        }
        if let error = error as? NIOConnectionError, error.connectionErrors.contains(where: { isTimeout($0.error) }) {
            return ProxyError(.connectTimeout, upstream: upstream, detail: "\(error)")
        }
        return ProxyError(.connectRefused, upstream: upstream, detail: "\(error)")
    }

    private static func isTimeout(_ error: Error) -> Bool {
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        return false
    }
}
