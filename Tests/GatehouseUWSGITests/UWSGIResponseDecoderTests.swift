@testable import GatehouseUWSGI
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOTestUtils
import XCTest

final class UWSGIResponseDecoderTests: XCTestCase {
    private func head(_ code: Int, _ reason: String, _ headers: [(String, String)],
                      version: HTTPVersion = .http1_1) -> HTTPClientResponsePart {
        .head(HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: code, reasonPhrase: reason),
                               headers: HTTPHeaders(headers)))
    }

    private func body(_ s: String) -> HTTPClientResponsePart { .body(ByteBuffer(string: s)) }

    func testVerifier() throws {
        let pairs: [(String, [HTTPClientResponsePart])] = [
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nhello world!",
             [head(200, "OK", [("Content-Type", "text/plain"), ("Content-Length", "12")]),
              body("hello"), body(" worl"), body("d!"), .end(nil)]),
            ("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n",
             [head(404, "Not Found", [("Content-Length", "0")], version: .http1_0), .end(nil)]),
            ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n7;ext=1\r\ndefghij\r\n0\r\n\r\n",
             [head(200, "OK", [("Transfer-Encoding", "chunked")]), body("abc"), body("defgh"), body("ij"), .end(nil)]),
            ("HTTP/1.1 201 \r\nTransfer-Encoding: Chunked\r\n\r\n2\r\nhi\r\n0\r\nX-Trailer: t\r\n\r\n",
             [head(201, "", [("Transfer-Encoding", "Chunked")]), body("hi"), .end(nil)]),
            ("Status: 418 I'm a teapot\r\nContent-Length: 3\r\n\r\ntea",
             [head(418, "I'm a teapot", [("Content-Length", "3")]), body("tea"), .end(nil)]),
            ("Location: /next\r\nContent-Length: 0\r\n\r\n",
             [head(302, "Found", [("Location", "/next"), ("Content-Length", "0")]), .end(nil)]),
            ("HTTP/1.1 200\r\nX-Empty:\r\nX-Spaces:   v  \r\nContent-Length: 1, 1\r\n\r\nz",
             [head(200, "", [("X-Empty", ""), ("X-Spaces", "v"), ("Content-Length", "1, 1")]), body("z"), .end(nil)]),
        ]
        XCTAssertNoThrow(try ByteToMessageDecoderVerifier.verifyDecoder(stringInputOutputPairs: pairs) {
            UWSGIResponseDecoder(bodyChunkSize: 5)
        })
    }

    // MARK: - Close-delimited, HEAD, streaming

    private func run(_ inputs: [String], decoder: UWSGIResponseDecoder = UWSGIResponseDecoder(bodyChunkSize: 4),
                     close: Bool = true) throws -> [HTTPClientResponsePart] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(decoder))
        var parts: [HTTPClientResponsePart] = []
        func drain() throws { while let p = try channel.readInbound(as: HTTPClientResponsePart.self) { parts.append(p) } }
        for input in inputs {
            try channel.writeInbound(ByteBuffer(string: input))
            try drain()
        }
        if close {
            _ = try channel.finish()
            try drain()
        }
        return parts
    }

    func testCloseDelimitedBodyEndsAtEOF() throws {
        let parts = try run(["HTTP/1.1 200 OK\r\nX-A: b\r\n\r\nabcdefghij"])
        XCTAssertEqual(parts, [head(200, "OK", [("X-A", "b")]), body("abcd"), body("efgh"), body("ij"), .end(nil)])
    }

    func testHeadRequestIgnoresBody() throws {
        let parts = try run(["HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello and more"],
                            decoder: UWSGIResponseDecoder(isHeadRequest: true))
        XCTAssertEqual(parts, [head(200, "OK", [("Content-Length", "5")]), .end(nil)])
    }

    func testNoBodyStatuses() throws {
        let parts = try run(["HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\ntrailing"])
        XCTAssertEqual(parts, [head(304, "Not Modified", [("ETag", "\"x\"")]), .end(nil)])
    }

    func testUnbufferedResponsePassesBytesAtOnce() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(UWSGIResponseDecoder(bodyChunkSize: 1024)))
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nX-Accel-Buffering: no\r\n\r\ndata: 1\n\n"))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self),
                       head(200, "OK", [("X-Accel-Buffering", "no")]))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), body("data: 1\n\n"))
        XCTAssertNil(try channel.readInbound(as: HTTPClientResponsePart.self))
        try channel.writeInbound(ByteBuffer(string: "d"))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), body("d"))
        _ = try channel.finish()
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), .end(nil))
    }

    func testBufferedBodyWaitsForFullChunk() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(UWSGIResponseDecoder(bodyChunkSize: 4)))
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nab"))
        XCTAssertNotNil(try channel.readInbound(as: HTTPClientResponsePart.self))
        XCTAssertNil(try channel.readInbound(as: HTTPClientResponsePart.self))
        try channel.writeInbound(ByteBuffer(string: "cdef"))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), body("abcd"))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), body("ef"))
        XCTAssertEqual(try channel.readInbound(as: HTTPClientResponsePart.self), .end(nil))
        XCTAssertTrue(try channel.finish().isClean)
    }

    // MARK: - Errors

    private func assertError(_ inputs: [String], _ code: UWSGIResponseError.Code,
                             decoder: UWSGIResponseDecoder = UWSGIResponseDecoder(),
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try run(inputs, decoder: decoder), file: file, line: line) { error in
            XCTAssertEqual((error as? UWSGIResponseError)?.code, code, "\(error)", file: file, line: line)
        }
    }

    func testGarbageAndSyntaxErrors() {
        assertError(["FOO BAR\r\n\r\n"], .invalidHeader)
        assertError(["HTTP/1.1 2000 OK\r\n\r\n"], .invalidStatusLine)
        assertError(["HTTP/1.1 099 Weird\r\n\r\n"], .invalidStatusLine)
        assertError(["HTTP/2.0 200 OK\r\n\r\n"], .invalidStatusLine)
        assertError(["HTTP/1.1 200OK\r\n\r\n"], .invalidStatusLine)
        assertError(["HTTP/1.1 200 OK\nX: y\n\n"], .invalidHeader)
        assertError(["HTTP/1.1 200 OK\r\nX: y\rz\r\n\r\n"], .invalidHeader)
        assertError(["HTTP/1.1 200 OK\r\nX : y\r\n\r\n"], .invalidHeader)
        assertError(["HTTP/1.1 200 OK\r\nX: y\r\n folded\r\n\r\n"], .invalidHeader)
        assertError(["HTTP/1.1 200 OK\r\nX: a\u{1}b\r\n\r\n"], .invalidHeader)
        assertError(["Status: abc\r\n\r\n"], .invalidStatusHeader)
        assertError(["\u{0}\u{1}\u{2}\u{3}\r\n\r\n"], .invalidHeader)
    }

    func testFramingErrors() {
        assertError(["HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"], .conflictingFraming)
        assertError(["HTTP/1.1 200 OK\r\nContent-Length: 3a\r\n\r\n"], .invalidContentLength)
        assertError(["HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"], .invalidContentLength)
        assertError(["HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"], .invalidContentLength)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"], .unsupportedTransferEncoding)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"], .invalidChunk)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n"], .invalidChunk)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFF\r\n"], .invalidChunk)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + String(repeating: "0", count: 2000)],
                    .invalidChunk)
    }

    func testPrematureClose() {
        assertError([], .emptyResponse)
        assertError(["HTTP/1.1 200 OK\r\nX-A"], .truncatedHead)
        assertError(["HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"], .truncatedBody)
        assertError(["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"], .truncatedBody)
        XCTAssertTrue(UWSGIResponseError(.emptyResponse).isPrematureClose)
        XCTAssertFalse(UWSGIResponseError(.truncatedBody).isPrematureClose)
    }

    func testHeadTooLarge() {
        let big = "HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n"
        assertError([big], .headTooLarge(limit: 1024), decoder: UWSGIResponseDecoder(maxHeadSize: 1024))
        // Fed in small pieces, the limit is also enforced before the terminator arrives.
        let pieces = stride(from: 0, to: 1500, by: 100).map { _ in String(repeating: "b", count: 100) }
        assertError(["HTTP/1.1 200 OK\r\nX-Big: "] + pieces, .headTooLarge(limit: 1024),
                    decoder: UWSGIResponseDecoder(maxHeadSize: 1024))
    }
}
