import GatehouseHTTP
import GatehouseTimers
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import XCTest

@testable import GatehouseServer

/// The request reader and connection handler in an EmbeddedChannel: exact bytes in, exact bytes out.
final class HTTPConnectionHandlerTests: XCTestCase {
    private func makeChannel(settings: ServerSettings = ServerSettings(),
                             router: any RequestRouter = GatewayRouter(builtin: BuiltinResponder(version: "test")),
                             bodySinkFactory: @escaping RequestBodySinkFactory = { loop, limit in
                                 MemoryBodySink(eventLoop: loop, limit: limit)
                             })
        throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        let shared = ConnectionContext(settings: settings, scheme: "https", routerBox: RouterBox(router),
                                       accessLog: nil, logger: Logger(label: "test"),
                                       bodySinkFactory: bodySinkFactory,
                                       registry: ConnectionRegistry(), dateCaches: DateCacheSet())
        let limits = HTTP1RequestParser.Limits(maxRequestLine: settings.maxRequestLine,
                                               maxHeaderSection: settings.maxHeaderSize)
        let reader = HTTPRequestReader(limits: limits, headerTimeout: settings.headerTimeout,
                                       keepAliveTimeout: settings.keepAliveTimeout)
        let handler = HTTPConnectionHandler(shared: shared, reader: reader, serverNameSource: nil)
        try channel.pipeline.syncOperations.addHandlers([reader, handler])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    private func readAll(_ channel: EmbeddedChannel) throws -> String {
        var out = ""
        while let b = try channel.readOutbound(as: ByteBuffer.self) {
            out += String(buffer: b)
        }
        return out
    }

    func testFileExpectationFollowsTheStatusAndContentRange() {
        typealias E = ResponseWriter.FileExpectation
        func of(_ status: HTTPResponseStatus, _ headers: [(String, String)] = []) -> String {
            "\(E.of(status: status, headers: HTTPHeaders(headers)))"
        }
        XCTAssertEqual(of(.ok), "whole")
        XCTAssertEqual(of(.notFound, [("content-range", "bytes 0-9/100")]), "whole", "only 206 carries ranges")
        XCTAssertEqual(of(.partialContent, [("content-range", "bytes 0-9/2097152")]), "size(2097152)")
        XCTAssertEqual(of(.partialContent, [("content-type", "multipart/byteranges; boundary=x")]), "longEnough")
        XCTAssertEqual(of(.partialContent, [("content-range", "bytes 0-9/*")]), "longEnough")
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let channel = try makeChannel()
        try channel.writeInbound(ByteBuffer(string:
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /_gatehouse/status HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        let statuses = out.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
        XCTAssertEqual(statuses, ["404", "200", "404"])
        XCTAssertTrue(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testRequestTrickledByteByByteIsAnsweredOnce() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        let request = "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n"
        for byte in request.utf8 {
            XCTAssertEqual(try readAll(channel), "", "nothing is answered before the request is complete")
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertEqual(out.components(separatedBy: "HTTP/1.1 ").count - 1, 1, out)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 OK\r\n"), out)
        XCTAssertTrue(out.hasSuffix("\r\n\r\nabcde"), out)
        XCTAssertTrue(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testPipelinedHeadSplitAcrossReadsIsAnsweredInOrder() throws {
        let channel = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /_gatehouse/sta"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 404 "))
        try channel.writeInbound(ByteBuffer(string: "tus HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 200 "))
        XCTAssertTrue(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testMalformedHeaderIs400AndCloses() throws {
        let channel = try makeChannel()
        try? channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 400 "), out)
        XCTAssertTrue(out.contains("connection: close"))
        XCTAssertFalse(channel.isActive)
    }

    func testBareCRIsRefusedWithoutWaitingForTheHeadToEnd() throws {
        let channel = try makeChannel()
        try? channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\r"))
        channel.embeddedEventLoop.run()  // no time passes: not the header timeout
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 400 "))
        XCTAssertFalse(channel.isActive)
    }

    func testUnsupportedTransferCodingIs501() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        try? channel.writeInbound(ByteBuffer(string:
            "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 501 "))
        XCTAssertFalse(channel.isActive)
    }

    func testHeadHasLengthButNoBody() throws {
        let channel = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "HEAD /_gatehouse/status HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 OK\r\n"))
        XCTAssertTrue(out.contains("content-length: "))
        XCTAssertTrue(out.hasSuffix("\r\n\r\n"), "HEAD must not carry a body")
        XCTAssertTrue(out.contains("strict-transport-security: max-age=63072000\r\n"))
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testRequestLineTooLongIs414AndCloses() throws {
        var settings = ServerSettings()
        settings.maxRequestLine = 64
        let channel = try makeChannel(settings: settings)
        try channel.writeInbound(ByteBuffer(string: "GET /" + String(repeating: "a", count: 100)))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 414 "), out)
        XCTAssertTrue(out.contains("connection: close"))
        XCTAssertFalse(channel.isActive)
    }

    func testHeaderBlockTooLargeIs431() throws {
        var settings = ServerSettings()
        settings.maxHeaderSize = 256
        let channel = try makeChannel(settings: settings)
        try? channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + String(repeating: "b", count: 400) + "\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 431 "), out)
        XCTAssertFalse(channel.isActive)
    }

    func testHeaderTimeoutIs408() throws {
        var settings = ServerSettings()
        settings.headerTimeout = .seconds(2)
        let channel = try makeChannel(settings: settings)
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHo"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertEqual(try readAll(channel), "")
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "))
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(LoopDeadlines.current(on: channel.embeddedEventLoop).count, 0, "closed, still watched")
    }

    func testIdleKeepAliveConnectionIsClosedQuietly() throws {
        var settings = ServerSettings()
        settings.keepAliveTimeout = .seconds(5)
        let channel = try makeChannel(settings: settings)
        try channel.writeInbound(ByteBuffer(string: "GET /x HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 404"))
        channel.embeddedEventLoop.advanceTime(by: .seconds(4))
        XCTAssertTrue(channel.isActive)
        XCTAssertEqual(LoopDeadlines.current(on: channel.embeddedEventLoop).count, 1, "the idle deadline is watched")
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        XCTAssertEqual(try readAll(channel), "")
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(LoopDeadlines.current(on: channel.embeddedEventLoop).count, 0, "closed, still watched")
    }

    func testMaxRequestsPerConnectionClosesAfterTheLast() throws {
        var settings = ServerSettings()
        settings.maxRequestsPerConnection = 2
        let channel = try makeChannel(settings: settings)
        try channel.writeInbound(ByteBuffer(string: "GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertEqual(out.components(separatedBy: "HTTP/1.1 404").count - 1, 2)
        XCTAssertTrue(out.hasSuffix("404 Not Found\n"))
        XCTAssertEqual(out.components(separatedBy: "connection: close").count - 1, 1)
        XCTAssertFalse(channel.isActive)
    }

    func testHTTP11WithoutHostIs400() throws {
        let channel = try makeChannel()
        try channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 400 "))
        XCTAssertFalse(channel.isActive)
    }

    func testContentLengthWithTransferEncodingIs400() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        try? channel.writeInbound(ByteBuffer(string:
            "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 400 "))
        XCTAssertFalse(channel.isActive)
    }

    func testContentLengthRepeatedAsAListIsReadAsOneLength() throws {
        // The parser accepts repeats of one value (RFC 9110 §8.6); the handler must read that value, not refuse it.
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\nabc"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 OK\r\n"), out)
        XCTAssertTrue(out.hasSuffix("\r\n\r\nabc"), out)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testChunkedBodyIsBufferedWholeForDynamicRoutes() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        try channel.writeInbound(ByteBuffer(string:
            "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 OK\r\n"), out)
        XCTAssertTrue(out.hasSuffix("\r\n\r\nabcde"), out)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testBodySinkBackpressureHoldsReadsUntilItCatchesUp() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let stored = EmbeddedEventLoop().makePromise(of: Void.self)
        let sink = PausingSink(pauseWith: stored.futureResult)
        let channel = try makeChannel(router: router, bodySinkFactory: { _, _ in sink })
        let reads = ReadCounter()
        try channel.pipeline.syncOperations.addHandler(reads, position: .first)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345"))
        XCTAssertEqual(sink.received, "12345")
        let before = reads.count
        channel.read()
        channel.read()
        XCTAssertEqual(reads.count, before, "no read may reach the socket while the sink is behind")
        stored.succeed(())
        channel.embeddedEventLoop.run()
        XCTAssertEqual(reads.count, before + 1, "the held read goes out once the sink caught up")
        try channel.writeInbound(ByteBuffer(string: "67890"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 OK\r\n"), out)
        XCTAssertTrue(out.hasSuffix("\r\n\r\n1234567890"), out)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testReadsGoOnWhileAnsweringAndStopOnceAPipelinedRequestWaits() throws {
        let responder = DeferredResponder()
        let router = GatewayRouter(dynamic: responder, builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        let reads = ReadCounter()
        try channel.pipeline.syncOperations.addHandler(reads, position: .first)
        try channel.writeInbound(ByteBuffer(string: "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(responder.pending.count, 1)
        var before = reads.count
        channel.read()
        XCTAssertEqual(reads.count, before + 1, "the socket stays readable while the answer is produced")
        try channel.writeInbound(ByteBuffer(string: "GET /two HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertEqual(responder.pending.count, 1, "the second request waits for the first answer")
        before = reads.count
        channel.read()
        XCTAssertEqual(reads.count, before, "no more reads while a pipelined request waits")
        responder.pending[0].succeed(.text(.ok, "one"))
        channel.embeddedEventLoop.run()
        XCTAssertEqual(responder.pending.count, 2, "the waiting request is handled after the first answer")
        responder.pending[1].succeed(.text(.ok, "two"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertEqual(out.components(separatedBy: "HTTP/1.1 200 ").count - 1, 2, out)
        XCTAssertLessThan(out.range(of: "one")!.lowerBound, out.range(of: "two")!.lowerBound, out)
        XCTAssertTrue(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testHeadBegunWhileAnsweringGetsTheHeaderTimeout() throws {
        var settings = ServerSettings()
        settings.headerTimeout = .seconds(2)
        settings.keepAliveTimeout = .seconds(60)
        let responder = DeferredResponder()
        let router = GatewayRouter(dynamic: responder, builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "GET /one HTTP/1.1\r\nHost: x\r\n\r\nGET /two HT"))
        responder.pending[0].succeed(.text(.ok, "one"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 200 "))
        channel.embeddedEventLoop.advanceTime(by: .seconds(3))
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "), "a started head has header_timeout, not the idle timeout")
        XCTAssertFalse(channel.isActive)
    }

    func testOversizedDeclaredBodyIs413() throws {
        var settings = ServerSettings()
        settings.clientMaxBodySize = 10
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 413 "))
        XCTAssertFalse(channel.isActive)
    }

    func testExpectContinueIsAnsweredBeforeTheBody() throws {
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(router: router)
        try channel.writeInbound(ByteBuffer(string:
            "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"))
        XCTAssertEqual(try readAll(channel), "HTTP/1.1 100 Continue\r\n\r\n")
        try channel.writeInbound(ByteBuffer(string: "hi"))
        channel.embeddedEventLoop.run()
        XCTAssertTrue(try readAll(channel).hasSuffix("\r\n\r\nhi"))
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testSlowBodyBelowMinimumRateIs408() throws {
        var settings = ServerSettings()
        settings.minBodyRate = 100
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"))
        for _ in 0..<7 {
            try channel.writeInbound(ByteBuffer(string: "x"))
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "))
        XCTAssertFalse(channel.isActive)
    }

    func testBodyThatStallsAfterAFastStartIs408WithinTwoWindows() throws {
        // 50 KB at once, then a byte a second: an average since the start would stay above 100 B/s for 500 s.
        var settings = ServerSettings()
        settings.minBodyRate = 100
        settings.bodyRateWindow = .seconds(5)
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"))
        try channel.writeInbound(ByteBuffer(repeating: UInt8(ascii: "x"), count: 50_000))
        for second in 1...10 {
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
            if !channel.isActive { break }
            XCTAssertLessThan(second, 10)
            try channel.writeInbound(ByteBuffer(string: "x"))
        }
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "))
        XCTAssertFalse(channel.isActive)
    }

    func testSteadyBodyAtTheMinimumRateIsAccepted() throws {
        var settings = ServerSettings()
        settings.minBodyRate = 100
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n"))
        for _ in 0..<20 {
            try channel.writeInbound(ByteBuffer(repeating: UInt8(ascii: "y"), count: 100))
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 200 "), out)
        XCTAssertTrue(out.hasSuffix(String(repeating: "y", count: 2000)))
        XCTAssertTrue(channel.isActive)
        XCTAssertEqual(LoopDeadlines.current(on: channel.embeddedEventLoop).count, 1,
                       "after the body only the reader's idle deadline is watched")
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    func testSlowBodyToARouteThatDiscardsBodiesIs408() throws {
        var settings = ServerSettings()
        settings.minBodyRate = 100
        let channel = try makeChannel(settings: settings)
        try channel.writeInbound(ByteBuffer(string: "POST /nowhere HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"))
        for _ in 0..<7 {
            try channel.writeInbound(ByteBuffer(string: "x"))
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "))
        XCTAssertFalse(channel.isActive)
    }

    func testBodyDeadlineIs408EvenAtAGoodRate() throws {
        var settings = ServerSettings()
        settings.minBodyRate = 0
        settings.bodyTimeout = .seconds(3)
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"))
        try channel.writeInbound(ByteBuffer(repeating: UInt8(ascii: "x"), count: 1000))
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        XCTAssertEqual(try readAll(channel), "")
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertTrue(try readAll(channel).hasPrefix("HTTP/1.1 408 "))
        XCTAssertFalse(channel.isActive)
        XCTAssertEqual(LoopDeadlines.current(on: channel.embeddedEventLoop).count, 0, "closed, still watched")
    }

    func testRestOfARefusedBodyIsNotAnsweredAsAnotherRequest() throws {
        var settings = ServerSettings()
        settings.clientMaxBodySize = 10
        let router = GatewayRouter(dynamic: EchoResponder(), builtin: BuiltinResponder(version: "t"))
        let channel = try makeChannel(settings: settings, router: router)
        try channel.writeInbound(ByteBuffer(string:
            "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n01234567890123456789\r\n"
            + "GET /_gatehouse/status HTTP/1.1\r\nHost: x\r\n\r\n"))
        channel.embeddedEventLoop.run()
        let out = try readAll(channel)
        XCTAssertTrue(out.hasPrefix("HTTP/1.1 413 "), out)
        XCTAssertEqual(out.components(separatedBy: "HTTP/1.1 ").count - 1, 1, out)
        XCTAssertFalse(out.contains("x-gatehouse-upstream-reason"))
        XCTAssertFalse(channel.isActive)
    }
}

/// Answers with the request body (a stand-in for a dynamic backend in these handler tests).
struct EchoResponder: Responder {
    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        guard case .buffer(let b) = body else { return eventLoop.makeSucceededFuture(.text(.ok, "")) }
        return eventLoop.makeSucceededFuture(GatewayResponse(status: .ok, body: .buffer(b)))
    }
}

/// Answers each request when the test completes its promise.
final class DeferredResponder: Responder, @unchecked Sendable {
    private(set) var pending: [EventLoopPromise<GatewayResponse>] = []

    func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse> {
        let promise = eventLoop.makePromise(of: GatewayResponse.self)
        pending.append(promise)
        return promise.futureResult
    }
}

/// A body sink that asks the server to wait after its first part (a disk that fell behind), then takes the rest.
final class PausingSink: RequestBodySink {
    private let pause: EventLoopFuture<Void>
    private var buffer = ByteBuffer()
    private var paused = false
    var received: String { String(buffer: buffer) }

    init(pauseWith pause: EventLoopFuture<Void>) { self.pause = pause }

    func accept(_ part: ByteBuffer) -> RequestBodyAcceptance {
        var part = part
        buffer.writeBuffer(&part)
        if paused { return .accepted }
        paused = true
        return .wait(pause)
    }

    func finish() -> EventLoopFuture<RequestBody> { pause.map { [buffer] in .buffer(buffer) } }

    func release() {}
}

/// Counts the read requests that reach the socket end of the pipeline.
final class ReadCounter: ChannelOutboundHandler {
    typealias OutboundIn = Any
    private(set) var count = 0

    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}
