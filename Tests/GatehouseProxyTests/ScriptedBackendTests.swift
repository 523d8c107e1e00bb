@testable import GatehouseProxy
import GatehouseHTTP
import GatehouseUWSGI
import Glibc
import NIOCore
import NIOHTTP1
import XCTest

/// The exchange against a fake uWSGI: malformed and truncated responses, retries, streaming, spooling.
final class ScriptedBackendTests: XCTestCase {
    private var harness: ProxyHarness!
    private var backends: [ScriptedBackend] = []

    override func setUpWithError() throws { harness = try ProxyHarness() }

    override func tearDownWithError() throws {
        for fd in fillers { Glibc.close(fd) }
        fillers = []
        for backend in backends { try backend.stop() }
        XCTAssertEqual(try harness.spoolFiles(), [], "no spool file may remain")
        XCTAssertEqual(try harness.watchedExchanges(), 0, "an ended exchange is still watched for its deadline")
        try harness.shutdown()
    }

    private func backend(_ name: String, _ script: ScriptedBackend.Script) throws -> BackendConfiguration {
        let backend = try ScriptedBackend(path: harness.directory + "/\(name).sock", group: harness.group, script: script)
        backends.append(backend)
        return BackendConfiguration(address: .unix(path: backend.path))
    }

    private func responder(_ backends: [BackendConfiguration], connectTimeout: TimeAmount = .seconds(2),
                           readTimeout: TimeAmount = .seconds(30), memory: Int = 1 << 20) throws -> ProxyResponder {
        try ProxyResponder(configuration: harness.configuration(backends, connectTimeout: connectTimeout,
                                                                 readTimeout: readTimeout,
                                                                 responseMemoryThreshold: memory),
                           threadPool: harness.threadPool)
    }

    func testGarbageIs502InvalidHeader() throws {
        let r = try responder([try backend("a", .respond(["<html>oops</html>\r\n\r\n"]))])
        let (response, _) = try harness.send(r, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .badGateway)
        XCTAssertEqual(response.annotations?.reason, .invalidHeader)
        XCTAssertEqual(response.headers.first(name: "x-request-id"), "test-req")
    }

    func testSilentCloseIs502ResetBeforeHeaders() throws {
        let r = try responder([try backend("a", .close)])
        let (response, _) = try harness.send(r, try harness.request(.POST, "/"), body: .buffer(ByteBuffer(string: "x")))
        XCTAssertEqual(response.status, .badGateway)
        XCTAssertEqual(response.annotations?.reason, .resetBeforeHeaders)
        XCTAssertEqual(backends[0].requests.all.count, 1)
    }

    func testAnswerSentBeforeTheBodyWasReadReachesTheClient() throws {
        // The backend answers 413 and closes while most of an 8 MiB body is still unsent and unread: the exchange
        // reads while it sends, so the answer reaches the client instead of a broken-connection 502. (Closing a
        // Unix socket with unread data makes the peer's next read fail with ECONNRESET, so an answer delimited by
        // the close would be cut short: uWSGI's early answers carry a length.)
        let answer = "HTTP/1.1 413 Request Entity Too Large\r\nContent-Length: 9\r\n\r\ntoo large"
        let r = try responder([try backend("a", .answerBeforeBody(answer))])
        let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 8 << 20)
        let (response, received) = try harness.send(r, try harness.request(.POST, "/upload"), body: .buffer(body))
        XCTAssertEqual(response.status.code, 413)
        XCTAssertEqual(String(decoding: received, as: UTF8.self), "too large")
        XCTAssertNil(response.annotations?.reason)
        XCTAssertEqual(backends[0].requests.all.count, 1)
    }

    func testTCPBackendByAddressAndByNameAndARefusedPort() throws {
        // Listen where "localhost" resolves first (127.0.0.1 or ::1, depending on the machine), so the name and
        // the address reach the same backend.
        let localhost = try XCTUnwrap(try SocketAddress.makeAddressResolvingHost("localhost", port: 0).ipAddress)
        let backend = try ScriptedBackend(tcpGroup: harness.group, host: localhost,
                                          script: .respond(["HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntcp"]))
        backends.append(backend)
        for host in [localhost, "localhost"] {  // an address (connect at once) and a name (resolved off the loop)
            let r = try responder([BackendConfiguration(address: .tcp(host: host, port: backend.port))])
            let (response, body) = try harness.send(r, try harness.request(.POST, "/t"),
                                                    body: .buffer(ByteBuffer(string: "abc")))
            XCTAssertEqual(response.status, .ok, host)
            XCTAssertEqual(String(decoding: body, as: UTF8.self), "tcp", host)
        }
        XCTAssertEqual(backend.requests.all.last?["CONTENT_LENGTH"], "3")

        // A port nobody listens on: the connect fails (in progress, then ECONNREFUSED) → 502 connect_refused.
        let closed = try ScriptedBackend(tcpGroup: harness.group, script: .close)
        let closedPort = closed.port
        try closed.stop()
        let refused = try responder([BackendConfiguration(address: .tcp(host: "127.0.0.1", port: closedPort))])
        let (response, _) = try harness.send(refused, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .badGateway)
        XCTAssertEqual(response.annotations?.reason, .connectRefused)
    }

    func testAHostNamesAddressesAreTriedInTurn() throws {
        // As for a name that resolves to ::1 first while the app listens on 127.0.0.1: the refused address is
        // skipped and the next one answers.
        let backend = try ScriptedBackend(tcpGroup: harness.group,
                                          script: .respond(["HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"]))
        backends.append(backend)
        let closed = try ScriptedBackend(tcpGroup: harness.group, script: .close)
        let closedPort = closed.port
        try closed.stop()
        let refused = try SocketAddress(ipAddress: "127.0.0.1", port: closedPort)
        let good = try SocketAddress(ipAddress: "127.0.0.1", port: backend.port)

        let config = harness.configuration([BackendConfiguration(address: .tcp(host: "backend.test", port: 1))])
        let pool = try UpstreamPool(configuration: config.upstream)
        let loop = harness.group.next()
        let packet = try UWSGIRequestEncoder().encode(UWSGIVars(request: try harness.request(.GET, "/"),
                                                                bodyLength: 0, server: config.server))
        /// One exchange straight on a connection, trying `addresses` in turn.
        func exchange(_ addresses: [SocketAddress]) throws -> EventLoopFuture<GatewayResponse> {
            let lease = try pool.acquire(eventLoop: loop).wait()
            let promise = loop.makePromise(of: GatewayResponse.self)
            try loop.submit {
                let connection = UWSGIConnection(configuration: config, threadPool: self.harness.threadPool,
                                                 lease: lease, upstream: "backend.test:1", isHeadRequest: false,
                                                 requestID: nil, logger: self.harness.logger, eventLoop: loop,
                                                 poller: try UpstreamPoller.shared()) { result in
                    promise.completeWith(result.mapError { $0 })
                }
                connection.start(addresses: addresses, packetHead: packet, body: .none)
            }.wait()
            return promise.futureResult
        }

        let response = try exchange([refused, good]).wait()
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(try harness.collect(response.body, on: loop), Array("ok".utf8))
        XCTAssertEqual(backend.requests.all.count, 1)

        // Every address refused: one connect_refused failure.
        XCTAssertThrowsError(try exchange([refused, refused]).wait()) { error in
            XCTAssertEqual((error as? ProxyError)?.reason, .connectRefused)
        }
    }

    func testHostResolverGivesEveryAddressOnce() throws {
        let addresses = try HostResolver.addresses(of: "localhost", port: 3031)
        XCTAssertFalse(addresses.isEmpty)
        XCTAssertTrue(addresses.allSatisfy { $0.port == 3031 })
        XCTAssertEqual(Set(addresses.map { "\($0)" }).count, addresses.count, "no duplicates (one per socket type)")
        XCTAssertTrue(addresses.contains { $0.ipAddress == "127.0.0.1" || $0.ipAddress == "::1" })
        XCTAssertEqual(try HostResolver.addresses(of: "127.0.0.1", port: 80).map(\.ipAddress), ["127.0.0.1"])
    }

    func testTruncatedBodyIs502() throws {
        let r = try responder([try backend("a", .respond(["HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"]))])
        let (response, _) = try harness.send(r, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .badGateway)
        XCTAssertEqual(response.annotations?.reason, .truncatedResponse)
    }

    func testIdempotentRequestIsRetriedOnAnotherBackendButPostIsNot() throws {
        let bad = try backend("bad", .close)
        let good = try backend("good", .respond(["HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfine"]))
        let r = try responder([bad, good])
        for _ in 0..<4 {
            let (response, body) = try harness.send(r, try harness.request(.GET, "/"))
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(String(decoding: body, as: UTF8.self), "fine")
            XCTAssertNil(response.annotations)
        }
        XCTAssertGreaterThan(backends[0].requests.all.count, 0, "the bad backend was tried")
        var postStatuses: [HTTPResponseStatus] = []
        for _ in 0..<4 {
            postStatuses.append(try harness.send(r, try harness.request(.POST, "/"), body: .buffer(ByteBuffer(string: "p"))).response.status)
        }
        XCTAssertTrue(postStatuses.contains(.badGateway), "a POST that reached the failing backend is not retried")
    }

    func testConnectRefusedRetriesAndMarksDown() throws {
        let missing = BackendConfiguration(address: .unix(path: harness.directory + "/missing.sock"))
        let good = try backend("good", .respond(["HTTP/1.1 204 No Content\r\n\r\n"]))
        let r = try responder([missing, good])
        for _ in 0..<3 {
            let (response, _) = try harness.send(r, try harness.request(.POST, "/"), body: .buffer(ByteBuffer(string: "p")))
            XCTAssertEqual(response.status, .noContent, "nothing was sent to the missing backend, so POST is retried")
        }
        XCTAssertEqual(r.pool.status().map(\.up), [false, true])
    }

    func testStreamingResponseArrivesInPieces() throws {
        let r = try responder([try backend("a", .respond([
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nX-Accel-Buffering: no\r\n\r\n",
            "data: 1\n\n", "data: 2\n\n", "data: 3\n\n",
        ], pause: .milliseconds(50)))])
        let loop = harness.group.next()
        let response = try r.respond(to: try harness.request(.GET, "/stream"), body: .none, eventLoop: loop,
                                     logger: harness.logger).wait()
        XCTAssertEqual(response.status, .ok)
        XCTAssertNil(response.headers.first(name: "x-accel-buffering"))
        guard case .stream(let stream) = response.body else { return XCTFail("\(response.body)") }
        var chunks: [String] = []
        while let chunk = try stream.next(on: loop).wait() { chunks.append(String(buffer: chunk)) }
        XCTAssertEqual(chunks.joined(), "data: 1\n\ndata: 2\n\ndata: 3\n\n")
        XCTAssertGreaterThanOrEqual(chunks.count, 3, "delivered as they came, not buffered")
        try waitUntil { r.pool.status()[0].outstanding == 0 }
    }

    func testStreamCancelClosesUpstream() throws {
        let r = try responder([try backend("a", .respond([
            "HTTP/1.1 200 OK\r\nX-Accel-Buffering: no\r\n\r\n", "data: 1\n\n", "data: 2\n\n",
        ], pause: .seconds(1)))])
        let loop = harness.group.next()
        let response = try r.respond(to: try harness.request(.GET, "/"), body: .none, eventLoop: loop,
                                     logger: harness.logger).wait()
        guard case .stream(let stream) = response.body else { return XCTFail() }
        XCTAssertEqual(try stream.next(on: loop).wait().map { String(buffer: $0) }, "data: 1\n\n")
        stream.cancel()
        XCTAssertThrowsError(try stream.next(on: loop).wait())
        try waitUntil { r.pool.status()[0].outstanding == 0 }
    }

    func testLargeResponseIsSpooledToAFileAndChunkedIsDechunked() throws {
        let payload = String(repeating: "0123456789", count: 20_000)  // 200 kB
        let chunked = stride(from: 0, to: payload.count, by: 50_000).map { start -> String in
            let piece = payload.dropFirst(start).prefix(50_000)
            return String(piece.count, radix: 16) + "\r\n" + piece + "\r\n"
        }.joined() + "0\r\n\r\n"
        let r = try responder([try backend("a", .respond(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked]))],
                              memory: 64 * 1024)
        let loop = harness.group.next()
        let response = try r.respond(to: try harness.request(.GET, "/"), body: .none, eventLoop: loop,
                                     logger: harness.logger).wait()
        guard case .file(let path, 0, 200_000, true) = response.body else { return XCTFail("\(response.body)") }
        XCTAssertTrue(path.hasPrefix(harness.spoolDirectory))
        XCTAssertEqual(response.headers.first(name: "content-length"), "200000")
        XCTAssertNil(response.headers.first(name: "transfer-encoding"))
        XCTAssertNil(response.headers.first(name: "connection"))
        XCTAssertEqual(String(decoding: try harness.collect(response.body, on: loop), as: UTF8.self), payload)
    }

    func testReadTimeoutIs504() throws {
        let r = try responder([try backend("a", .respond(["HTTP/1.1 200 OK\r\n", "\r\n"], pause: .seconds(3)))],
                              readTimeout: .milliseconds(300))
        let start = Date()
        let (response, _) = try harness.send(r, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .gatewayTimeout)
        XCTAssertEqual(response.annotations?.reason, .readTimeout)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testConnectThatNeverCompletesIs504ConnectTimeout() throws {
        // A listener whose accept queue is full (backlog 0, one connection queued and never accepted): Linux drops
        // further SYNs, so the gateway's connect stays in progress until connect_timeout.
        let listener = try XCTUnwrap(Self.tcpSocket())
        defer { Glibc.close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa in
                XCTAssertEqual(bind(listener, sa, length), 0)
                XCTAssertEqual(listen(listener, 0), 0)
                XCTAssertEqual(getsockname(listener, sa, &length), 0)
                let filler = try XCTUnwrap(Self.tcpSocket())
                fillers.append(filler)
                XCTAssertEqual(connect(filler, sa, length), 0, "the one queued connection")
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let r = try responder([BackendConfiguration(address: .tcp(host: "127.0.0.1", port: port))],
                              connectTimeout: .milliseconds(300))
        let start = Date()
        let (response, _) = try harness.send(r, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .gatewayTimeout)
        XCTAssertEqual(response.annotations?.reason, .connectTimeout)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertGreaterThanOrEqual(elapsed, 0.29, "timed out before connect_timeout")
        XCTAssertLessThan(elapsed, 2)
    }

    private var fillers: [CInt] = []

    private static func tcpSocket() -> CInt? {
        let fd = socket(AF_INET, CInt(SOCK_STREAM.rawValue), 0)
        return fd >= 0 ? fd : nil
    }

    func testMissingSpoolFileIs500SpoolError() throws {
        let r = try responder([try backend("a", .respond(["HTTP/1.1 200 OK\r\n\r\n"]))])
        let (response, _) = try harness.send(r, try harness.request(.POST, "/"),
                                             body: .file(path: harness.spoolDirectory + "/vanished", length: 10))
        XCTAssertEqual(response.status, .internalServerError)
        XCTAssertEqual(response.annotations?.reason, .spoolError)
    }

    func testCGIStyleStatusAndHeadRequest() throws {
        let r = try responder([try backend("a", .respond(["Status: 201 Created\r\nContent-Length: 4\r\nServer: uWSGI\r\n\r\nbody"]))])
        let (created, body) = try harness.send(r, try harness.request(.GET, "/"))
        XCTAssertEqual(created.status.code, 201)
        XCTAssertEqual(body, Array("body".utf8))
        XCTAssertNil(created.headers.first(name: "server"))
        let (head, headBody) = try harness.send(r, try harness.request(.HEAD, "/"))
        XCTAssertEqual(head.headers.first(name: "content-length"), "4", "HEAD keeps the GET length")
        XCTAssertEqual(headBody, [])
    }
}
