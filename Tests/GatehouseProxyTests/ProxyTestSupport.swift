import Foundation
import GatehouseHTTP
@testable import GatehouseProxy
import GatehouseTimers
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest

/// Shared plumbing for tests that drive a `ProxyResponder` against real sockets.
final class ProxyHarness {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
    let threadPool = NIOThreadPool(numberOfThreads: 2)
    /// Per-test scratch directory: sockets, uWSGI run dirs, spool files.
    let directory: String
    let spoolDirectory: String
    var logger = Logger(label: "gatehouse.proxy.test")

    init() throws {
        threadPool.start()
        // Short: Unix socket paths are limited to 107 bytes.
        directory = "/tmp/ghp-" + String(UUID().uuidString.prefix(8))
        spoolDirectory = directory + "/spool"
        try FileManager.default.createDirectory(atPath: spoolDirectory, withIntermediateDirectories: true)
        logger.logLevel = .critical
    }

    /// Exchanges still watched by the loops' deadline registries: 0 once every exchange has ended (an exchange
    /// left registered would be kept alive, and told about its deadline, forever).
    func watchedExchanges() throws -> Int {
        try group.makeIterator().reduce(0) { sum, loop in
            sum + (try loop.submit { LoopDeadlines.current(on: loop).count }.wait())
        }
    }

    func shutdown() throws {
        try threadPool.syncShutdownGracefully()
        try group.syncShutdownGracefully()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A configuration whose spool files go to this test's directory.
    func configuration(_ backends: [BackendConfiguration], queueSize: Int = 100,
                       queueTimeout: TimeAmount = .seconds(10), connectTimeout: TimeAmount = .seconds(2),
                       readTimeout: TimeAmount = .seconds(30),
                       responseMemoryThreshold: Int = 1 << 20) -> ProxyConfiguration {
        ProxyConfiguration(
            upstream: UpstreamConfiguration(name: "test", backends: backends, queueSize: queueSize,
                                            queueTimeout: queueTimeout),
            requestBuffer: RequestBufferConfiguration(memoryThreshold: 64 * 1024, maxBodySize: 64 << 20,
                                                      spoolDirectory: spoolDirectory),
            responseMemoryThreshold: responseMemoryThreshold,
            responseSpoolDirectory: spoolDirectory,
            connectTimeout: connectTimeout, readTimeout: readTimeout)
    }

    func request(_ method: HTTPMethod = .GET, _ uri: String, headers: [(String, String)] = [],
                 scheme: String = "https", requestID: String = "test-req") throws -> GatewayRequest {
        var all = HTTPHeaders(headers)
        if !all.contains(name: "host") { all.add(name: "Host", value: "app.example") }
        return GatewayRequest(head: HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: all),
                              scheme: scheme, remoteAddress: try SocketAddress(ipAddress: "198.51.100.20", port: 50123),
                              localAddress: try SocketAddress(ipAddress: "127.0.0.1", port: 8443), requestID: requestID)
    }

    /// Sends one request and returns the response with its whole body read (spool files are read and deleted,
    /// streams pulled to the end).
    func send(_ responder: ProxyResponder, _ request: GatewayRequest, body: RequestBody = .none)
        throws -> (response: GatewayResponse, body: [UInt8]) {
        let loop = group.next()
        let response = try responder.respond(to: request, body: body, eventLoop: loop, logger: logger).wait()
        return (response, try collect(response.body, on: loop))
    }

    func collect(_ body: GatewayResponseBody, on loop: EventLoop) throws -> [UInt8] {
        switch body {
        case .empty:
            return []
        case .buffer(let buffer):
            return Array(buffer.readableBytesView)
        case .file(let path, let offset, let length, let deleteWhenDone):
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            if deleteWhenDone { try FileManager.default.removeItem(atPath: path) }
            return Array(data[Int(offset)..<Int(offset + length)])
        case .parts(let parts):
            return try parts.flatMap { try collect($0, on: loop) }
        case .stream(let stream):
            var bytes: [UInt8] = []
            while let chunk = try stream.next(on: loop).wait() { bytes += chunk.readableBytesView }
            return bytes
        }
    }

    /// Files left in the spool directory (must be none after each exchange).
    func spoolFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: spoolDirectory)
    }
}

extension GatewayResponse {
    /// The proxy's annotations without modifying the response (tests only).
    var annotations: ProxyAnnotations? {
        var copy = self
        return copy.takeProxyAnnotations()
    }
}
