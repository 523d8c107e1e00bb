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
/// response, close. Failures are `ProxyError`s; `nothingSent` tells whether a retry is always safe.
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
        let backend = lease.backend
        let upstream = backend.address.description
        let handler = UWSGIExchangeHandler(configuration: configuration, threadPool: threadPool, promise: promise,
                                           upstream: upstream, isHeadRequest: isHeadRequest,
                                           requestID: requestID)
        let decoder = UWSGIResponseDecoder(isHeadRequest: isHeadRequest,
                                           maxHeadSize: configuration.maxResponseHeadSize)
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(configuration.connectTimeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(decoder))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let connected: EventLoopFuture<Channel>
        switch backend.address {
        case .unix(let path):
            connected = bootstrap.connect(unixDomainSocketPath: path)
        case .tcp(let host, let port):
            if let address = try? SocketAddress(ipAddress: host, port: port) {
                connected = bootstrap.connect(to: address)
            } else {
                connected = bootstrap.connect(host: host, port: port)
            }
        }
        connected.whenComplete { result in
            switch result {
            case .failure(let error):
                lease.release(connectFailed: true)
                promise.fail(Self.connectError(error, upstream: upstream))
            case .success(let channel):
                channel.closeFuture.whenComplete { _ in lease.release() }
                self.send(packetHead: packetHead, body: body, channel: channel, handler: handler, upstream: upstream,
                          logger: logger)
            }
        }
        return promise.futureResult
    }

    /// Writes the packet head and the body; a write failure closes the channel, and the handler reports it.
    private func send(packetHead: ByteBuffer, body: RequestBody, channel: Channel, handler: UWSGIExchangeHandler,
                      upstream: String, logger: Logger) {
        let sent: EventLoopFuture<Void>
        switch body {
        case .none:
            sent = channel.writeAndFlush(packetHead)
        case .buffer(let buffer):
            channel.write(packetHead, promise: nil)
            sent = channel.writeAndFlush(buffer)
        case .file(let path, let length):
            sent = channel.writeAndFlush(packetHead).flatMap {
                handler.noteProgress()
                return self.sendFile(path: path, length: length, channel: channel, handler: handler)
            }
        }
        sent.whenComplete { result in
            switch result {
            case .success:
                handler.noteProgress()
            case .failure(let error as SpoolFile.IOFailure):
                handler.abort(ProxyError(.spoolError, upstream: upstream, detail: "request body spool: \(error)"))
            case .failure(let error):
                logger.debug("uwsgi request write failed", metadata: ["gatehouse.upstream.error": "\(error)"])
                channel.close(promise: nil)
            }
        }
    }

    /// Streams `length` bytes of the spool file at `path`, one chunk in flight at a time.
    private func sendFile(path: String, length: Int64, channel: Channel,
                          handler: UWSGIExchangeHandler) -> EventLoopFuture<Void> {
        let eventLoop = channel.eventLoop
        let threadPool = self.threadPool
        return SpoolFile.open(path: path, threadPool: threadPool, eventLoop: eventLoop).flatMap { file in
            let done = eventLoop.makePromise(of: Void.self)
            func step(_ offset: Int64) {
                guard offset < length else { return done.succeed(()) }
                let size = Int(min(Int64(Self.fileChunkSize), length - offset))
                file.read(at: offset, length: size, allocator: channel.allocator, threadPool: threadPool,
                          eventLoop: eventLoop)
                    .flatMap { chunk -> EventLoopFuture<Int> in
                        guard chunk.readableBytes == size else {
                            return eventLoop.makeFailedFuture(SpoolFile.IOFailure(call: "pread (short)", path: path, errno: EIO))
                        }
                        return channel.writeAndFlush(chunk).map { size }
                    }
                    .whenComplete { result in
                        switch result {
                        case .success(let n):
                            handler.noteProgress()
                            step(offset + Int64(n))
                        case .failure(let error):
                            done.fail(error)
                        }
                    }
            }
            step(0)
            return done.futureResult.always { _ in
                _ = file.close(delete: false, threadPool: threadPool, eventLoop: eventLoop)
            }
        }
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
