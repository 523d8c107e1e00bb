import GatehouseHTTP
import GatehouseManifest
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest
@testable import GatehouseStatic

final class StaticResponderTests: XCTestCase {
    var fixture: BuildFixture!
    var responder: StaticResponder!

    override func setUpWithError() throws {
        fixture = try BuildFixture.standard()
        responder = try StaticResponder(mounts: [StaticMount(prefix: "/", directory: fixture.directory)])
    }

    override func tearDown() {
        responder = nil
        fixture = nil
    }

    /// Matches and answers like the server would.
    private func get(_ uri: String, _ headers: [(String, String)] = [], method: HTTPMethod = .GET) -> GatewayResponse {
        let request = TestHTTP.request(method, uri, headers)
        guard let match = responder.match(request) else {
            return GatewayResponse(status: .imATeapot)  // "not static" marker for these tests
        }
        return responder.response(for: match, request: request)
    }

    private func header(_ r: GatewayResponse, _ name: String) -> String? { r.headers.first(name: name) }

    // MARK: Negotiation (the issue's curl table)

    func testEncodingTable() {
        let table: [(String?, HTTPResponseStatus, String?)] = [
            (nil, .ok, nil),
            ("gzip, deflate, br", .ok, "br"),
            ("br;q=0, gzip", .ok, "gzip"),
            ("GZIP", .ok, "gzip"),
            ("gzip;q=0.5, br;q=0.4", .ok, "gzip"),
            ("identity", .ok, nil),
            ("deflate", .ok, nil),
            ("identity;q=0", .notAcceptable, nil),
            ("*;q=0", .notAcceptable, nil),
            ("*;q=0, gzip", .ok, "gzip"),
            ("br;q=0, gzip;q=0", .ok, nil),
        ]
        for (ae, status, encoding) in table {
            let r = get("/css/site.css", ae.map { [("Accept-Encoding", $0)] } ?? [])
            XCTAssertEqual(r.status, status, "\(ae ?? "none")")
            XCTAssertEqual(header(r, "content-encoding"), encoding, "\(ae ?? "none")")
            XCTAssertEqual(header(r, "vary"), "Accept-Encoding", "Vary on every response: \(ae ?? "none")")
            guard status == .ok else { continue }
            let expected: [UInt8]
            switch encoding {
            case "br": expected = BuildFixture.cssBr
            case "gzip": expected = BuildFixture.cssGzip
            default: expected = BuildFixture.css
            }
            XCTAssertEqual(TestHTTP.bytes(r.body), expected, "\(ae ?? "none")")
            XCTAssertEqual(header(r, "content-length"), String(expected.count))
        }
    }

    func testHeadersOfAFullResponse() {
        let r = get("/css/site.css", [("Accept-Encoding", "br")])
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(header(r, "content-type"), "text/css; charset=utf-8")
        XCTAssertEqual(header(r, "etag"), fixture.cssVariants[.br]?.etag)
        XCTAssertEqual(header(r, "last-modified"), HTTPDate.format(BuildFixture.mtime))
        XCTAssertEqual(header(r, "cache-control"), "public, max-age=60")
        XCTAssertEqual(header(r, "accept-ranges"), "bytes")
        XCTAssertEqual(header(r, "x-content-type-options"), "nosniff")
        XCTAssertEqual(header(r, "content-encoding"), "br")

        let plain = get("/css/site.css")
        XCTAssertEqual(header(plain, "etag"), fixture.cssVariants[.identity]?.etag, "each variant its own ETag")
        XCTAssertNotEqual(header(plain, "etag"), header(r, "etag"))

        let fingerprinted = get("/css/site.0123456789ab.css", [("Accept-Encoding", "gzip")])
        XCTAssertEqual(header(fingerprinted, "cache-control"), "public, max-age=31536000, immutable")
        XCTAssertEqual(TestHTTP.bytes(fingerprinted.body), BuildFixture.cssGzip)

        let html = get("/index.html", [("Accept-Encoding", "br, gzip")])
        XCTAssertEqual(html.status, .ok)
        XCTAssertNil(header(html, "vary"), "no variants, no Vary")
        XCTAssertNil(header(html, "content-encoding"))
    }

    func testPreEncodedHeaderBlockMatchesHeaders() throws {
        guard case .asset(let asset)? = responder.match(TestHTTP.request(.GET, "/css/site.css")) else {
            return XCTFail("not matched")
        }
        let rep = try XCTUnwrap(asset.br)
        let text = String(buffer: rep.headerBlock)
        let expected = rep.headers.map { "\($0.name): \($0.value)\r\n" }.joined()
        XCTAssertEqual(text, expected)
        XCTAssertTrue(text.contains("content-encoding: br\r\n"))
    }

    func testHeadHasTheSameHeadersAndNoBody() {
        for ae in ["br", "gzip", "identity"] {
            let g = get("/css/site.css", [("Accept-Encoding", ae)])
            let h = get("/css/site.css", [("Accept-Encoding", ae)], method: .HEAD)
            XCTAssertEqual(h.status, .ok)
            XCTAssertEqual(Array(h.headers.map { "\($0.name)=\($0.value)" }), Array(g.headers.map { "\($0.name)=\($0.value)" }))
            XCTAssertTrue(TestHTTP.isEmpty(h.body))
        }
        let big = get("/big.bin", method: .HEAD)
        XCTAssertEqual(header(big, "content-length"), String(BuildFixture.big.count))
        XCTAssertTrue(TestHTTP.isEmpty(big.body))
    }

    func testOtherMethodsGet405() {
        for method in [HTTPMethod.POST, .PUT, .DELETE, .OPTIONS, .PATCH] {
            let r = get("/css/site.css", method: method)
            XCTAssertEqual(r.status, .methodNotAllowed)
            XCTAssertEqual(header(r, "allow"), "GET, HEAD")
        }
        XCTAssertEqual(get("/docs", method: .POST).status, .methodNotAllowed)
    }

    // MARK: Conditional requests

    func testIfNoneMatchGives304WithValidatorsAndNoBody() throws {
        let brTag = try XCTUnwrap(fixture.cssVariants[.br]?.etag)
        let r = get("/css/site.css", [("Accept-Encoding", "br"), ("If-None-Match", "\"nope\", " + brTag)])
        XCTAssertEqual(r.status, .notModified)
        XCTAssertEqual(header(r, "etag"), brTag)
        XCTAssertEqual(header(r, "vary"), "Accept-Encoding")
        XCTAssertEqual(header(r, "cache-control"), "public, max-age=60")
        XCTAssertEqual(header(r, "last-modified"), HTTPDate.format(BuildFixture.mtime))
        XCTAssertNil(header(r, "content-length"))
        XCTAssertTrue(TestHTTP.isEmpty(r.body))

        XCTAssertEqual(get("/css/site.css", [("Accept-Encoding", "br"), ("If-None-Match", "W/" + brTag)]).status,
                       .notModified, "weak comparison")
        XCTAssertEqual(get("/css/site.css", [("Accept-Encoding", "gzip"), ("If-None-Match", brTag)]).status, .ok,
                       "the br ETag does not validate the gzip representation")
        XCTAssertEqual(get("/css/site.css", [("If-None-Match", "*")]).status, .notModified)
        XCTAssertEqual(get("/css/site.css", [("If-None-Match", brTag)], method: .HEAD).status, .ok)
    }

    func testIfModifiedSince() {
        let at = HTTPDate.format(BuildFixture.mtime)
        let before = HTTPDate.format(BuildFixture.mtime - 1)
        let r = get("/css/site.css", [("If-Modified-Since", at)])
        XCTAssertEqual(r.status, .notModified)
        XCTAssertEqual(header(r, "vary"), "Accept-Encoding")
        XCTAssertEqual(get("/css/site.css", [("If-Modified-Since", before)]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("If-None-Match", "\"other\""), ("If-Modified-Since", at)]).status, .ok,
                       "If-None-Match wins over If-Modified-Since")
    }

    func testPreconditionFailed() {
        let r = get("/css/site.css", [("If-Match", "\"nope\"")])
        XCTAssertEqual(r.status, .preconditionFailed)
        XCTAssertEqual(header(r, "vary"), "Accept-Encoding")
        XCTAssertEqual(header(r, "content-length"), "0")
        XCTAssertEqual(get("/css/site.css", [("If-Unmodified-Since", HTTPDate.format(BuildFixture.mtime - 10))]).status,
                       .preconditionFailed)
        XCTAssertEqual(get("/css/site.css", [("If-Match", fixture.cssVariants[.identity]!.etag)]).status, .ok)
    }

    // MARK: Ranges

    func testSingleRange() {
        let r = get("/css/site.css", [("Range", "bytes=0-9")])
        XCTAssertEqual(r.status, .partialContent)
        XCTAssertEqual(header(r, "content-range"), "bytes 0-9/\(BuildFixture.css.count)")
        XCTAssertEqual(header(r, "content-length"), "10")
        XCTAssertEqual(header(r, "vary"), "Accept-Encoding")
        XCTAssertEqual(header(r, "etag"), fixture.cssVariants[.identity]?.etag)
        XCTAssertEqual(TestHTTP.bytes(r.body), Array(BuildFixture.css[0...9]))

        let suffix = get("/css/site.css", [("Range", "bytes=-5"), ("Accept-Encoding", "br")])
        XCTAssertEqual(suffix.status, .partialContent)
        XCTAssertEqual(header(suffix, "content-encoding"), "br", "ranges apply to the selected representation")
        XCTAssertEqual(TestHTTP.bytes(suffix.body), Array(BuildFixture.cssBr.suffix(5)))
    }

    func testMultipleRangesInMemory() throws {
        let r = get("/css/site.css", [("Range", "bytes=0-4, 10-14")])
        XCTAssertEqual(r.status, .partialContent)
        let contentType = try XCTUnwrap(header(r, "content-type"))
        XCTAssertTrue(contentType.hasPrefix("multipart/byteranges; boundary="))
        let boundary = String(contentType.dropFirst("multipart/byteranges; boundary=".count))
        let body = TestHTTP.bytes(r.body)
        XCTAssertEqual(header(r, "content-length"), String(body.count))
        let size = BuildFixture.css.count
        let expected = "--\(boundary)\r\nContent-Type: text/css; charset=utf-8\r\nContent-Range: bytes 0-4/\(size)\r\n\r\n"
            + String(decoding: BuildFixture.css[0...4], as: UTF8.self)
            + "\r\n--\(boundary)\r\nContent-Type: text/css; charset=utf-8\r\nContent-Range: bytes 10-14/\(size)\r\n\r\n"
            + String(decoding: BuildFixture.css[10...14], as: UTF8.self)
            + "\r\n--\(boundary)--\r\n"
        XCTAssertEqual(String(decoding: body, as: UTF8.self), expected)
    }

    func testRangesOnAFileBackedRepresentation() throws {
        let single = get("/big.bin", [("Range", "bytes=1000-1999")])
        XCTAssertEqual(single.status, .partialContent)
        guard case .file(_, let offset, let length, false) = single.body else { return XCTFail("expected a file range") }
        XCTAssertEqual(offset, 1000)
        XCTAssertEqual(length, 1000)
        XCTAssertEqual(TestHTTP.bytes(single.body), Array(BuildFixture.big[1000...1999]))

        let multi = get("/big.bin", [("Range", "bytes=0-99,-100")])
        XCTAssertEqual(multi.status, .partialContent)
        guard case .parts(let parts) = multi.body else { return XCTFail("expected parts") }
        XCTAssertEqual(parts.count, 5)
        let body = TestHTTP.bytes(multi.body)
        XCTAssertEqual(header(multi, "content-length"), String(body.count))
        let text = String(decoding: body, as: UTF8.self)
        XCTAssertTrue(text.contains("Content-Range: bytes 0-99/\(BuildFixture.big.count)\r\n"))
        XCTAssertTrue(text.contains("Content-Range: bytes \(BuildFixture.big.count - 100)-\(BuildFixture.big.count - 1)/\(BuildFixture.big.count)\r\n"))

        let full = get("/big.bin")
        guard case .file(_, 0, let fullLength, false) = full.body else { return XCTFail("expected the whole file") }
        XCTAssertEqual(fullLength, Int64(BuildFixture.big.count))
    }

    func testUnsatisfiableRange() {
        let r = get("/css/site.css", [("Range", "bytes=5000-")])
        XCTAssertEqual(r.status, .rangeNotSatisfiable)
        XCTAssertEqual(header(r, "content-range"), "bytes */\(BuildFixture.css.count)")
        XCTAssertEqual(header(r, "vary"), "Accept-Encoding")
    }

    func testOverlappingOrInvalidRangesServeTheWholeFile() {
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-100,50-150")]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=9-2")]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("Range", "lines=1-2")]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("Range", "bytes=2-3")]).status, .ok)
        let many = "bytes=" + (0..<20).map { "\($0 * 3)-\($0 * 3 + 1)" }.joined(separator: ",")
        XCTAssertEqual(get("/css/site.css", [("Range", many)]).status, .ok)
    }

    func testIfRange() {
        let etag = fixture.cssVariants[.identity]!.etag
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("If-Range", etag)]).status, .partialContent)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("If-Range", "\"stale\"")]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("If-Range", "W/" + etag)]).status, .ok)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("If-Range", HTTPDate.format(BuildFixture.mtime))]).status,
                       .partialContent)
        XCTAssertEqual(get("/css/site.css", [("Range", "bytes=0-1"), ("If-Range", HTTPDate.format(BuildFixture.mtime + 1))]).status,
                       .ok)
    }

    func testHeadIgnoresRange() {
        let r = get("/css/site.css", [("Range", "bytes=0-1")], method: .HEAD)
        XCTAssertEqual(r.status, .ok)
        XCTAssertEqual(header(r, "content-length"), String(BuildFixture.css.count))
    }

    // MARK: Paths

    func testTraversalAttemptsNeverLeakAFile() {
        for uri in ["/../secret.txt", "/%2e%2e/secret.txt", "/css/%2e%2e/%2e%2e/secret.txt", "/%00", "/index.html%00",
                    "/..%2fsecret.txt", "/css%2fsite.css", "/css\\site.css", "/..\\secret.txt", "/%5c..%5csecret.txt",
                    "/%zz", "/%c0%ae%c0%ae/secret.txt"] {
            let r = get(uri)
            XCTAssertEqual(r.status, .badRequest, uri)
            XCTAssertFalse(String(decoding: TestHTTP.bytes(r.body), as: UTF8.self).contains("not listed"), uri)
        }
    }

    func testOnlyListedFilesAreServed() {
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/secret.txt")), "on disk but not in the manifest")
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/gatehouse-manifest.json")), "never the manifest")
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/.env")), "dotfiles never, even when listed")
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/%2eenv")))
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/nope.css")))
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/css/site.css/")))
        XCTAssertNil(responder.match(TestHTTP.request(.OPTIONS, "*")), "not origin form: not static")
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "http://example.com/css/site.css")))
        XCTAssertEqual(get("/css/./site.css").status, .ok, "normalised before lookup")
        XCTAssertEqual(get("/css//site.css").status, .ok)
        XCTAssertEqual(get("/docs/../css/site.css").status, .ok)
        XCTAssertEqual(get("/css/site.css?v=3").status, .ok, "the query is not part of the path")
    }

    func testRespondAnswers404ForUnknownPaths() throws {
        let loop = EmbeddedLoopHelper.loop
        let r = try responder.respond(to: TestHTTP.request(.GET, "/nope"), body: .none, eventLoop: loop,
                                      logger: Logger(label: "test")).wait()
        XCTAssertEqual(r.status, .notFound)
        let ok = try responder.respond(to: TestHTTP.request(.GET, "/css/site.css"), body: .none, eventLoop: loop,
                                       logger: Logger(label: "test")).wait()
        XCTAssertEqual(ok.status, .ok)
        let routed = try XCTUnwrap(responder.responder(for: TestHTTP.request(.GET, "/docs")))
        XCTAssertEqual(try routed.respond(to: TestHTTP.request(.GET, "/docs"), body: .none, eventLoop: loop,
                                          logger: Logger(label: "test")).wait().status, .movedPermanently)
        XCTAssertNil(responder.responder(for: TestHTTP.request(.GET, "/api/users")))
    }

    func testDirectoryIndexAndRedirect() {
        let root = get("/")
        XCTAssertEqual(root.status, .ok)
        XCTAssertEqual(TestHTTP.bytes(root.body), BuildFixture.indexHTML)
        let docs = get("/docs/")
        XCTAssertEqual(TestHTTP.bytes(docs.body), BuildFixture.docsHTML)
        let redirect = get("/docs")
        XCTAssertEqual(redirect.status, .movedPermanently)
        XCTAssertEqual(header(redirect, "location"), "/docs/")
        XCTAssertEqual(header(get("/docs?x=1&y=2"), "location"), "/docs/?x=1&y=2")
        XCTAssertEqual(get("/docs/index.html").status, .ok)
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/css/")), "no listing for a directory without index")
    }

    func testPermanentRedirectOption() throws {
        let r = try StaticResponder(mounts: [StaticMount(prefix: "/", directory: fixture.directory)],
                                    configuration: StaticConfiguration(directoryRedirectStatus: .permanentRedirect))
        let request = TestHTTP.request(.GET, "/docs")
        XCTAssertEqual(r.response(for: try XCTUnwrap(r.match(request)), request: request).status, .permanentRedirect)
    }

    func testPrefixMount() throws {
        let r = try StaticResponder(mounts: [StaticMount(prefix: "/static", directory: fixture.directory)])
        XCTAssertEqual(r.mounts.map(\.prefix), ["/static/"])
        XCTAssertNotNil(r.match(TestHTTP.request(.GET, "/static/css/site.css")))
        XCTAssertNil(r.match(TestHTTP.request(.GET, "/css/site.css")))
        XCTAssertNil(r.match(TestHTTP.request(.GET, "/staticcss/site.css")))
        XCTAssertNil(r.match(TestHTTP.request(.GET, "/static/../css/site.css")), "leaves the mount")
        guard case .redirect(let location)? = r.match(TestHTTP.request(.GET, "/static")) else {
            return XCTFail("expected a redirect to the mount's index")
        }
        XCTAssertEqual(location, "/static/")
        guard case .asset(let asset)? = r.match(TestHTTP.request(.GET, "/static/")) else { return XCTFail("index") }
        XCTAssertEqual(asset.manifestPath, "index.html")
    }

    func testLongestPrefixWins() throws {
        let other = try BuildFixture()
        other.add("css/site.css", variants: [.identity: try other.writeVariant("css/site.css", Array("other\n".utf8))])
        try other.writeManifest()
        let r = try StaticResponder(mounts: [StaticMount(prefix: "/", directory: fixture.directory),
                                             StaticMount(prefix: "/static/", directory: other.directory)])
        let request = TestHTTP.request(.GET, "/static/css/site.css")
        XCTAssertEqual(TestHTTP.bytes(r.response(for: try XCTUnwrap(r.match(request)), request: request).body),
                       Array("other\n".utf8))
        XCTAssertNotNil(r.match(TestHTTP.request(.GET, "/css/site.css")))
    }

    // MARK: Hot swap

    func testARequestThatStartedOnTheOldIndexFinishesFromIt() throws {
        let request = TestHTTP.request(.GET, "/index.html")
        let oldMatch = try XCTUnwrap(responder.match(request))

        let next = try BuildFixture()
        next.add("index.html", contentType: "text/html; charset=utf-8",
                 variants: [.identity: try next.writeVariant("index.html", Array("new\n".utf8))])
        try next.writeManifest()
        let newIndex = try AssetIndex.build(mount: StaticMount(prefix: "/", directory: next.directory))
        XCTAssertNotNil(responder.swap(newIndex))

        XCTAssertEqual(TestHTTP.bytes(responder.response(for: oldMatch, request: request).body), BuildFixture.indexHTML)
        let fresh = try XCTUnwrap(responder.match(request))
        XCTAssertEqual(TestHTTP.bytes(responder.response(for: fresh, request: request).body), Array("new\n".utf8))
        XCTAssertNil(responder.match(TestHTTP.request(.GET, "/css/site.css")), "gone from the new build")
        XCTAssertNil(responder.swap(AssetIndex.empty(mount: StaticMount(prefix: "/other/", directory: "x"))),
                     "unknown mount")
    }
}

/// One shared event loop for the few tests that call the future-returning API.
enum EmbeddedLoopHelper {
    static let loop: EventLoop = MultiThreadedEventLoopGroup.singleton.next()
}
