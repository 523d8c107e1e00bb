import GatehouseHTTP
@testable import GatehouseUWSGI
import NIOCore
import NIOHTTP1
import XCTest

final class UWSGIVarsTests: XCTestCase {
    private func request(_ uri: String, method: HTTPMethod = .GET, headers: [(String, String)] = [],
                         scheme: String = "https") throws -> GatewayRequest {
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: HTTPHeaders(headers))
        return GatewayRequest(head: head, scheme: scheme, serverName: "sni.example",
                              remoteAddress: try SocketAddress(ipAddress: "203.0.113.7", port: 51000),
                              localAddress: try SocketAddress(ipAddress: "192.0.2.1", port: 8443),
                              requestID: "rid-1")
    }

    func testCGIVariables() throws {
        let req = try request("/caf%C3%A9/x?q=1&r=%E2%9C%93", method: .POST,
                              headers: [("Host", "www.example.com:8443"), ("Content-Type", "text/plain"),
                                        ("Content-Length", "5")])
        let vars = try UWSGIVars(request: req, bodyLength: 5, server: UWSGIServerInfo(documentRoot: "/srv"))
        XCTAssertEqual(vars["REQUEST_METHOD"], "POST")
        XCTAssertEqual(vars["REQUEST_URI"], "/caf%C3%A9/x?q=1&r=%E2%9C%93")
        XCTAssertEqual(vars["PATH_INFO"], "/café/x")
        XCTAssertEqual(vars["QUERY_STRING"], "q=1&r=%E2%9C%93")
        XCTAssertEqual(vars["CONTENT_TYPE"], "text/plain")
        XCTAssertEqual(vars["CONTENT_LENGTH"], "5")
        XCTAssertEqual(vars["SERVER_PROTOCOL"], "HTTP/1.1")
        XCTAssertEqual(vars["REQUEST_SCHEME"], "https")
        XCTAssertEqual(vars["HTTPS"], "on")
        XCTAssertEqual(vars["REMOTE_ADDR"], "203.0.113.7")
        XCTAssertEqual(vars["REMOTE_PORT"], "51000")
        XCTAssertEqual(vars["SERVER_NAME"], "www.example.com")
        XCTAssertEqual(vars["SERVER_PORT"], "8443")
        XCTAssertEqual(vars["DOCUMENT_ROOT"], "/srv")
        XCTAssertEqual(vars["HTTP_HOST"], "www.example.com:8443")
        XCTAssertNil(vars["HTTP_CONTENT_TYPE"])
        XCTAssertNil(vars["HTTP_CONTENT_LENGTH"])
    }

    func testPlainHTTPHasNoHTTPSAndAlwaysContentLength() throws {
        let vars = try UWSGIVars(request: try request("/", scheme: "http"), bodyLength: 0, server: UWSGIServerInfo())
        XCTAssertNil(vars["HTTPS"])
        XCTAssertEqual(vars["REQUEST_SCHEME"], "http")
        XCTAssertEqual(vars["CONTENT_LENGTH"], "0")
        XCTAssertEqual(vars["QUERY_STRING"], "")
        XCTAssertEqual(vars["CONTENT_TYPE"], "")
        XCTAssertEqual(vars["SERVER_NAME"], "sni.example", "no Host: the SNI name")
    }

    func testHeaderMappingRules() throws {
        let req = try request("/", headers: [
            ("X-Custom-Thing", "a"), ("x-custom-thing", "b"), ("Cookie", "a=1"), ("cookie", "b=2"),
            ("X_Smuggled", "evil"), ("Proxy", "http://evil:8080"), ("Connection", "keep-alive, X-Hop"),
            ("X-Hop", "gone"), ("Transfer-Encoding", "chunked"), ("Accept", "text/html"),
        ])
        let vars = try UWSGIVars(request: req, bodyLength: 0, server: UWSGIServerInfo())
        XCTAssertEqual(vars["HTTP_X_CUSTOM_THING"], "a, b")
        XCTAssertEqual(vars["HTTP_COOKIE"], "a=1; b=2")
        XCTAssertEqual(vars["HTTP_ACCEPT"], "text/html")
        XCTAssertNil(vars["HTTP_X_SMUGGLED"], "names with '_' are dropped")
        XCTAssertNil(vars["HTTP_PROXY"], "httpoxy")
        XCTAssertNil(vars["HTTP_CONNECTION"])
        XCTAssertNil(vars["HTTP_X_HOP"], "named by Connection")
        XCTAssertNil(vars["HTTP_TRANSFER_ENCODING"])
        let keys = vars.entries.map { String(decoding: $0.key, as: UTF8.self) }
        XCTAssertEqual(Set(keys).count, keys.count, "each key once")
    }

    func testOverridesReplaceHeadersOfTheSameNameIgnoringCase() throws {
        let req = try request("/", headers: [
            ("X-Forwarded-For", "1.2.3.4"), ("x-forwarded-for", "5.6.7.8"), ("X-Request-Id", "client"),
            ("Accept", "*/*"),
        ])
        let vars = try UWSGIVars(request: req, bodyLength: 0, server: UWSGIServerInfo(),
                                 overrides: [("x-forwarded-for", "203.0.113.7"), ("x-request-id", "rid-1")])
        XCTAssertEqual(vars["HTTP_X_FORWARDED_FOR"], "203.0.113.7", "the client's values are gone, not joined")
        XCTAssertEqual(vars["HTTP_X_REQUEST_ID"], "rid-1")
        XCTAssertEqual(vars["HTTP_ACCEPT"], "*/*")
        let keys = vars.entries.map { String(decoding: $0.key, as: UTF8.self) }
        XCTAssertEqual(keys.filter { $0 == "HTTP_X_FORWARDED_FOR" }.count, 1)
    }

    func testPacketHeaderTracksTheBlockAndEntriesRoundTrip() throws {
        var vars = try UWSGIVars(request: try request("/p?q", headers: [("Host", "h")]), bodyLength: 0,
                                 server: UWSGIServerInfo())
        func headerSize() -> Int {
            Int(vars.packet.getInteger(at: vars.packet.readerIndex + 1, endianness: .little, as: UInt16.self)!)
        }
        XCTAssertEqual(vars.packet.getInteger(at: vars.packet.readerIndex, as: UInt8.self), 0, "modifier1")
        XCTAssertEqual(headerSize(), vars.blockSize)
        let before = vars.blockSize
        vars.append("X_EXTRA", "value")
        XCTAssertEqual(vars.blockSize, before + 4 + 7 + 5)
        XCTAssertEqual(headerSize(), vars.blockSize)
        XCTAssertEqual(vars.entries.reduce(0) { $0 + 4 + $1.key.count + $1.value.count }, vars.blockSize)
        XCTAssertEqual(vars["X_EXTRA"], "value")
        XCTAssertEqual(vars["QUERY_STRING"], "q")
    }

    func testPlainPathsSkipDecodingAndMatchTheDecoder() throws {
        for path in ["/", "/a/b", "/a//b/", "/posts/bench", "/a.b/c.d", "/a/b.", "/x-y_z~"] {
            XCTAssertTrue(PathInfoDecoder.isPlain(path), path)
            XCTAssertEqual(try PathInfoDecoder.decode(path), Array(path.utf8), path)
        }
        for path in ["", "a/b", "*", "/a%20b", "/./a", "/a/..", "/a/../b", "/.hidden", "/a/.", "/a\u{0}b"] {
            XCTAssertFalse(PathInfoDecoder.isPlain(path), path)
        }
        let vars = try UWSGIVars(request: try request("/plain/path?q=1"), bodyLength: 0, server: UWSGIServerInfo())
        XCTAssertEqual(vars["PATH_INFO"], "/plain/path")
        let dotted = try UWSGIVars(request: try request("/a/./b/../c"), bodyLength: 0, server: UWSGIServerInfo())
        XCTAssertEqual(dotted["PATH_INFO"], "/a/c")
    }

    func testPathInfoDecoding() throws {
        func decode(_ s: String) throws -> String { String(decoding: try PathInfoDecoder.decode(s), as: UTF8.self) }
        XCTAssertEqual(try decode("/"), "/")
        XCTAssertEqual(try decode("/a/b/../c/./d"), "/a/c/d")
        XCTAssertEqual(try decode("/a/b/.."), "/a/")
        XCTAssertEqual(try decode("/a%2Fb"), "/a/b")
        XCTAssertEqual(try decode("/a//b/"), "/a//b/")
        XCTAssertThrowsError(try decode("/%2e%2e/etc")) { XCTAssertEqual($0 as? UWSGIVarsError, UWSGIVarsError(.pathEscapesRoot)) }
        XCTAssertThrowsError(try decode("/a/%zz")) { XCTAssertEqual($0 as? UWSGIVarsError, UWSGIVarsError(.invalidPercentEncoding)) }
        XCTAssertThrowsError(try decode("/a%2")) { XCTAssertEqual($0 as? UWSGIVarsError, UWSGIVarsError(.invalidPercentEncoding)) }
        XCTAssertThrowsError(try decode("/a%00")) { XCTAssertEqual($0 as? UWSGIVarsError, UWSGIVarsError(.nulInPath)) }
        XCTAssertThrowsError(try decode("*")) { XCTAssertEqual($0 as? UWSGIVarsError, UWSGIVarsError(.pathNotAbsolute)) }
        // Invalid UTF-8 is passed through as bytes.
        XCTAssertEqual(try PathInfoDecoder.decode("/%FF"), [0x2F, 0xFF])
    }
}
