import GatehouseHTTP
import Logging
import NIOCore
import NIOPosix

/// One request to one uWSGI backend over a fresh connection (uwsgi has no keep-alive): connect (Unix socket or
/// TCP), send the packet head and the body (from memory or the spool file, with backpressure), read the whole
/// response, close — all in a `UWSGIConnection` on the request's event loop. Failures are `ProxyError`s.
final class UWSGIExchange: Sendable {
    let configuration: ProxyConfiguration
    let threadPool: NIOThreadPool
    let poller: UpstreamPoller
    /// Per backend (by index): its socket address when known without a DNS lookup (empty for a host name,
    /// resolved per request), and its name for errors. Arrays built once, so a request copies no address.
    private let addresses: [[SocketAddress]]
    private let names: [String]

    /// The size of the pieces read from a spooled request body.
    static let fileChunkSize = 256 * 1024

    init(configuration: ProxyConfiguration, threadPool: NIOThreadPool, poller: UpstreamPoller) {
        self.configuration = configuration
        self.threadPool = threadPool
        self.poller = poller
        let backends = configuration.upstream.backends
        self.names = backends.map { $0.address.description }
        self.addresses = backends.map { backend in
            let known: SocketAddress?
            switch backend.address {
            case .unix(let path): known = try? SocketAddress(unixDomainSocketPath: path)
            case .tcp(let host, let port): known = try? SocketAddress(ipAddress: host, port: port)
            }
            return known.map { [$0] } ?? []
        }
    }

    /// Runs the exchange on `eventLoop` (call it there); `completion` runs once, on `eventLoop`. The lease is
    /// released when the connection closes (for a streamed response, when the stream ends), marking the backend
    /// down on a connect failure.
    func run(lease: UpstreamLease, packetHead: ByteBuffer, body: RequestBody, isHeadRequest: Bool,
             requestID: String? = nil, eventLoop: EventLoop, logger: Logger,
             completion: @escaping (Result<GatewayResponse, ProxyError>) -> Void) {
        let index = lease.backendIndex
        let upstream = index < names.count ? names[index] : lease.backend.address.description
        let connection = UWSGIConnection(configuration: configuration, threadPool: threadPool, lease: lease,
                                         upstream: upstream, isHeadRequest: isHeadRequest, requestID: requestID,
                                         logger: logger, eventLoop: eventLoop, poller: poller,
                                         completion: completion)
        if index < addresses.count, !addresses[index].isEmpty {
            return connection.start(addresses: addresses[index], packetHead: packetHead, body: body)
        }
        switch lease.backend.address {
        case .unix(let path):
            // Only a path too long for sockaddr_un gets here.
            lease.release(connectFailed: true)
            completion(.failure(ProxyError(.connectRefused, upstream: upstream,
                                           detail: "unusable Unix socket path \(path)")))
        case .tcp(let host, let port):
            // A host name: resolve off the event loop (getaddrinfo blocks).
            threadPool.runIfActive(eventLoop: eventLoop) {
                try HostResolver.addresses(of: host, port: port)
            }.whenComplete { result in
                switch result {
                case .success(let addresses):
                    connection.start(addresses: addresses, packetHead: packetHead, body: body)
                case .failure(let error):
                    lease.release(connectFailed: true)
                    completion(.failure(ProxyError(.connectRefused, upstream: upstream, detail: "\(error)")))
                }
            }
        }
    }
}
