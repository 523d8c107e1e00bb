import Foundation
import GatehouseHTTP
@testable import GatehouseProxy
import GatehouseUWSGI
import NIOCore
import NIOHTTP1
import XCTest

/// The proxy against a real uWSGI running `Examples/app` (Debian's uwsgi + python3 plugin) on Unix sockets.
final class UWSGIIntegrationTests: XCTestCase {
    private var harness: ProxyHarness!
    private var servers: [UWSGIProcess] = []

    override func setUpWithError() throws { harness = try ProxyHarness() }

    override func tearDownWithError() throws {
        for server in servers { server.stop() }
        XCTAssertEqual(try harness.spoolFiles(), [], "no spool file may remain")
        try harness.shutdown()
    }

    private func startUWSGI(_ name: String, processes: Int = 1, threads: Int = 1) throws -> BackendConfiguration {
        let server = try UWSGIProcess(runDirectory: harness.directory + "/" + name, name: name,
                                      processes: processes, threads: threads)
        servers.append(server)
        return BackendConfiguration(address: .unix(path: server.socketPath))
    }

    private func json(_ body: [UInt8]) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    }

    func testGetWithQueryUnicodePathHeadersAndHTTPS() throws {
        let responder = try ProxyResponder(configuration: harness.configuration([try startUWSGI("a")]),
                                           threadPool: harness.threadPool)
        let request = try harness.request(.GET, "/echo/caf%C3%A9?x=1&y=%E2%9C%93",
                                          headers: [("X-Custom-Header", "hello"), ("X_Smuggle", "no"),
                                                    ("Cookie", "a=1"), ("Cookie", "b=2")],
                                          requestID: "rid-42")
        let (response, body) = try harness.send(responder, request)
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers.first(name: "x-request-id"), "rid-42")
        XCTAssertEqual(response.headers.first(name: "content-length"), String(body.count))
        XCTAssertNil(response.annotations)
        let echo = try json(body)
        let environ = try XCTUnwrap(echo["environ"] as? [String: String])
        let headers = try XCTUnwrap(echo["headers"] as? [String: String])
        XCTAssertEqual(environ["PATH_INFO"], "/echo/café")
        XCTAssertEqual(environ["QUERY_STRING"], "x=1&y=%E2%9C%93")
        XCTAssertEqual(environ["REQUEST_URI"], "/echo/caf%C3%A9?x=1&y=%E2%9C%93")
        XCTAssertEqual(environ["HTTPS"], "on")
        XCTAssertEqual(environ["wsgi.url_scheme"], "https")
        XCTAssertEqual(environ["REMOTE_ADDR"], "198.51.100.20")
        XCTAssertEqual(environ["SERVER_NAME"], "app.example")
        XCTAssertEqual(environ["CONTENT_LENGTH"], "0")
        XCTAssertEqual(headers["HTTP_X_CUSTOM_HEADER"], "hello")
        XCTAssertEqual(headers["HTTP_COOKIE"], "a=1; b=2")
        XCTAssertNil(headers["HTTP_X_SMUGGLE"])
        XCTAssertEqual(headers["HTTP_X_FORWARDED_FOR"], "198.51.100.20")
        XCTAssertEqual(headers["HTTP_X_FORWARDED_PROTO"], "https")
        XCTAssertEqual(headers["HTTP_X_REQUEST_ID"], "rid-42")
        XCTAssertEqual(echo["sha256"] as? String, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")

        // Plain HTTP: no HTTPS variable.
        let (plain, plainBody) = try harness.send(responder, try harness.request(.GET, "/echo", scheme: "http"))
        XCTAssertEqual(plain.status, .ok)
        let plainEnviron = try XCTUnwrap(try json(plainBody)["environ"] as? [String: String])
        XCTAssertNil(plainEnviron["HTTPS"])
        XCTAssertEqual(plainEnviron["wsgi.url_scheme"], "http")
    }

    func testPost20MBIsSpooledAndArrivesIntact() throws {
        let responder = try ProxyResponder(configuration: harness.configuration([try startUWSGI("a")]),
                                           threadPool: harness.threadPool)
        // Deterministic pseudo-random 20 MB, also written to a file for sha256sum.
        let size = 20 * 1024 * 1024
        var state: UInt64 = 0x9E3779B97F4A7C15
        var bytes = [UInt8](repeating: 0, count: size)
        for i in 0..<size {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bytes[i] = UInt8(truncatingIfNeeded: state >> 33)
        }
        let reference = harness.directory + "/reference.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: reference))
        let expectedSHA = try sha256sum(reference)

        let loop = harness.group.next()
        let buffer = RequestBodyBuffer(configuration: harness.configuration([]).requestBuffer,
                                       threadPool: harness.threadPool, eventLoop: loop)
        let body = try loop.flatSubmit { () -> EventLoopFuture<RequestBody> in
            var future = loop.makeSucceededVoidFuture()
            for start in stride(from: 0, to: size, by: 65536) {
                let chunk = ByteBuffer(bytes: bytes[start..<min(size, start + 65536)])
                future = future.flatMapThrowing { try buffer.write(chunk) }.flatMap { $0 }
            }
            return future.flatMap { buffer.finish() }
        }.wait()
        guard case .file(let spoolPath, Int64(size)) = body else { return XCTFail("expected a spooled body: \(body)") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: spoolPath))

        let request = try harness.request(.POST, "/echo", headers: [("Content-Type", "application/octet-stream")])
        let (response, responseBody) = try harness.send(responder, request, body: body)
        XCTAssertEqual(response.status, .ok)
        let echo = try json(responseBody)
        XCTAssertEqual(echo["length"] as? Int, size)
        XCTAssertEqual(echo["sha256"] as? String, expectedSHA)

        try loop.submit { buffer.release() }.wait()
        try waitUntil { !FileManager.default.fileExists(atPath: spoolPath) }
    }

    func testHeaderBlockOverBufferSizeIs431AndAtTheLimitPasses() throws {
        let responder = try ProxyResponder(configuration: harness.configuration([try startUWSGI("a")]),
                                           threadPool: harness.threadPool)
        // Exactly 4096 bytes: uWSGI must accept it (our size is uWSGI's size).
        let base = try harness.request(.GET, "/echo", headers: [("X-Pad", "")])
        var forwarded = base
        forwarded.head.headers = ForwardedHeaders.apply(to: base, trustedProxies: [])
        let baseSize = try UWSGIVars(request: forwarded, bodyLength: 0, server: responder.configuration.server).blockSize
        let fits = try harness.request(.GET, "/echo", headers: [("X-Pad", String(repeating: "p", count: 4096 - baseSize))])
        let (ok, _) = try harness.send(responder, fits)
        XCTAssertEqual(ok.status, .ok, "a 4096-byte block is within uWSGI's buffer-size")

        let tooBig = try harness.request(.GET, "/echo", headers: [("X-Pad", String(repeating: "p", count: 4097 - baseSize))])
        let (response, _) = try harness.send(responder, tooBig)
        XCTAssertEqual(response.status, .requestHeaderFieldsTooLarge)
        XCTAssertEqual(response.annotations?.reason, .blockTooBig)
    }

    func testMissingBackendSocketIs502Fast() throws {
        let missing = BackendConfiguration(address: .unix(path: harness.directory + "/nobody.sock"))
        let responder = try ProxyResponder(configuration: harness.configuration([missing]), threadPool: harness.threadPool)
        let start = Date()
        let (response, _) = try harness.send(responder, try harness.request(.GET, "/"))
        XCTAssertEqual(response.status, .badGateway)
        XCTAssertEqual(response.annotations?.reason, .connectRefused)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testSlowAppPastReadTimeoutIs504() throws {
        let responder = try ProxyResponder(
            configuration: harness.configuration([try startUWSGI("a")], readTimeout: .seconds(1)),
            threadPool: harness.threadPool)
        let start = Date()
        let (response, _) = try harness.send(responder, try harness.request(.GET, "/slow?s=3"))
        XCTAssertEqual(response.status, .gatewayTimeout)
        XCTAssertEqual(response.annotations?.reason, .readTimeout)
        XCTAssertLessThan(Date().timeIntervalSince(start), 2.5)
    }

    func testTwoBackendsShareLoad() throws {
        let a = try startUWSGI("alpha"), b = try startUWSGI("beta")
        let responder = try ProxyResponder(configuration: harness.configuration([a, b]), threadPool: harness.threadPool)
        var names: [String] = []
        for _ in 0..<6 {
            let (response, body) = try harness.send(responder, try harness.request(.GET, "/whoami"))
            XCTAssertEqual(response.status, .ok)
            names.append(try XCTUnwrap(try json(body)["backend"] as? String))
        }
        XCTAssertEqual(names.filter { $0 == "alpha" }.count, 3, "\(names)")
        XCTAssertEqual(names.filter { $0 == "beta" }.count, 3, "\(names)")
        // Concurrent slow requests spread too: with one worker each, two at once take ~1 s, not ~2 s.
        let loop = harness.group.next()
        let start = Date()
        let futures = (0..<2).map { _ in
            responder.respond(to: try! harness.request(.GET, "/slow?s=1"), body: .none, eventLoop: loop, logger: harness.logger)
        }
        for future in futures { XCTAssertEqual(try future.wait().status, .ok) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1.9, "the two requests ran in parallel on two backends")
    }

    func testQueueLimitTurnsTheExtraRequestInto503() throws {
        // One worker, at most 1 request at a time and 2 waiting: the 4th concurrent request gets 503 at once.
        var backend = try startUWSGI("a")
        backend.maxConnections = 1
        let responder = try ProxyResponder(configuration: harness.configuration([backend], queueSize: 2),
                                           threadPool: harness.threadPool)
        let loop = harness.group.next()
        let futures = try (0..<4).map { _ in
            responder.respond(to: try harness.request(.GET, "/slow?s=0.5"), body: .none, eventLoop: loop,
                              logger: harness.logger)
        }
        let responses = try futures.map { try $0.wait() }
        let statuses = responses.map(\.status.code).sorted()
        XCTAssertEqual(statuses, [200, 200, 200, 503])
        let rejected = try XCTUnwrap(responses.first { $0.status == .serviceUnavailable })
        XCTAssertEqual(rejected.annotations?.reason, .queueFull)
        XCTAssertEqual(rejected.headers.first(name: "retry-after"), "5")

        // Queue timeout: one waiting slot that expires before the worker frees up.
        let timing = try ProxyResponder(configuration: harness.configuration([backend], queueSize: 1,
                                                                             queueTimeout: .milliseconds(200)),
                                        threadPool: harness.threadPool)
        let slow = timing.respond(to: try harness.request(.GET, "/slow?s=1"), body: .none, eventLoop: loop, logger: harness.logger)
        let waiting = timing.respond(to: try harness.request(.GET, "/"), body: .none, eventLoop: loop, logger: harness.logger)
        let timedOut = try waiting.wait()
        XCTAssertEqual(timedOut.status, .serviceUnavailable)
        XCTAssertEqual(timedOut.annotations?.reason, .queueTimeout)
        XCTAssertEqual(try slow.wait().status, .ok)
    }

    func testStreamingPageAndLargeSpooledResponseAndHead() throws {
        let responder = try ProxyResponder(
            configuration: harness.configuration([try startUWSGI("a")], responseMemoryThreshold: 256 * 1024),
            threadPool: harness.threadPool)
        let loop = harness.group.next()
        let stream = try responder.respond(to: try harness.request(.GET, "/stream?n=3&delay=0.2"), body: .none,
                                           eventLoop: loop, logger: harness.logger).wait()
        guard case .stream = stream.body else { return XCTFail("X-Accel-Buffering: no must stream: \(stream.body)") }
        XCTAssertEqual(String(decoding: try harness.collect(stream.body, on: loop), as: UTF8.self),
                       "data: chunk 0\n\ndata: chunk 1\n\ndata: chunk 2\n\n")

        let big = try responder.respond(to: try harness.request(.GET, "/big?n=3000000"), body: .none,
                                        eventLoop: loop, logger: harness.logger).wait()
        guard case .file(let path, 0, 3_000_000, true) = big.body else { return XCTFail("\(big.body)") }
        let expectedSHA = try XCTUnwrap(big.headers.first(name: "x-content-sha256"))
        XCTAssertEqual(try sha256sum(path), expectedSHA)
        try FileManager.default.removeItem(atPath: path)

        let (head, headBody) = try harness.send(responder, try harness.request(.HEAD, "/"))
        XCTAssertEqual(head.status, .ok)
        XCTAssertEqual(headBody, [])
        XCTAssertNotNil(head.headers.first(name: "content-length"))
    }

    func testWorkerKilledMidResponseIs502AndNextRequestWorks() throws {
        let responder = try ProxyResponder(configuration: harness.configuration([try startUWSGI("a")]),
                                           threadPool: harness.threadPool)
        let (died, _) = try harness.send(responder, try harness.request(.GET, "/die"))
        XCTAssertEqual(died.status, .badGateway)
        XCTAssertEqual(died.annotations?.reason, .truncatedResponse)
        // uWSGI's master respawns the worker.
        var next = try harness.send(responder, try harness.request(.GET, "/whoami")).response.status
        let deadline = Date().addingTimeInterval(5)
        while next != .ok && Date() < deadline {
            usleep(100_000)
            next = try harness.send(responder, try harness.request(.GET, "/whoami")).response.status
        }
        XCTAssertEqual(next, .ok)
    }

    func testNoFileDescriptorLeaks() throws {
        let responder = try ProxyResponder(
            configuration: harness.configuration([try startUWSGI("a"),
                                                  BackendConfiguration(address: .unix(path: harness.directory + "/gone.sock"))],
                                                 responseMemoryThreshold: 1024),
            threadPool: harness.threadPool)
        // Warm up (lazy allocations in NIO and Foundation), then count.
        _ = try harness.send(responder, try harness.request(.GET, "/big?n=5000"))
        let before = try openDescriptors()
        for path in ["/", "/big?n=5000", "/error", "/nope", "/stream?n=2&delay=0"] {
            for _ in 0..<5 { _ = try harness.send(responder, try harness.request(.GET, path)) }
        }
        try waitUntil { try self.openDescriptors() <= before }
        XCTAssertEqual(try openDescriptors(), before)
    }

    private func openDescriptors() throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
    }

    private func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
