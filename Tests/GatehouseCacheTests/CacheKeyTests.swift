import GatehouseHTTP
import NIOHTTP1
import XCTest
@testable import GatehouseCache

final class CacheKeyTests: XCTestCase {
    func testEncodingClassNormalisesAcceptEncoding() {
        func cls(_ values: String...) -> EncodingClass {
            EncodingClass(acceptEncoding: headers(values.map { ("accept-encoding", $0) }))
        }
        XCTAssertEqual(cls("gzip, deflate, br"), .brotli)
        XCTAssertEqual(cls("br;q=1.0, gzip;q=0.8"), .brotli)
        XCTAssertEqual(cls("gzip, deflate"), .gzip)
        XCTAssertEqual(cls("br;q=0, gzip"), .gzip)
        XCTAssertEqual(cls("x-gzip"), .gzip)
        XCTAssertEqual(cls("*"), .brotli)
        XCTAssertEqual(cls("*;q=0, gzip"), .gzip)
        XCTAssertEqual(cls("identity"), .identity)
        XCTAssertEqual(EncodingClass(acceptEncoding: HTTPHeaders()), .identity)
        XCTAssertEqual(cls("gzip", "br"), .brotli)
        XCTAssertEqual(cls(";;, ;q=x"), .identity)
    }

    func testVaryDimensions() {
        let vary = CacheVary(responseHeaders: headers([("vary", "Accept-Encoding, Accept-Language"), ("vary", "cookie")]),
                             varyCookieBySessionRule: true)
        XCTAssertEqual(vary?.names, ["accept-encoding", "accept-language"])
        let dims = vary?.dimensions(for: headers([("accept-encoding", "gzip, br"), ("accept-language", "fr")]))
        XCTAssertEqual(dims, ["accept-encoding=br", "accept-language=fr"])
        XCTAssertEqual(vary?.dimensions(for: HTTPHeaders()), ["accept-encoding=identity", "accept-language"])
        XCTAssertNil(CacheVary(responseHeaders: headers([("vary", "*")]), varyCookieBySessionRule: true))
        XCTAssertEqual(CacheVary(responseHeaders: HTTPHeaders(), varyCookieBySessionRule: true), CacheVary.none)
    }

    func testKeySharesGetAndHeadAndNormalisesHost() {
        let p = CachePolicy(configuration: CacheConfiguration())
        let get = p.key(for: makeRequest("/a?x=1", host: "Example.COM:443"), vary: .none)
        let head = p.key(for: makeRequest("/a?x=1", method: .HEAD, host: "example.com"), vary: .none)
        XCTAssertEqual(get, head)
        XCTAssertEqual(get.description, "GET https://example.com/a?x=1")
        XCTAssertNotEqual(get, p.key(for: makeRequest("/a?x=2"), vary: .none))
        XCTAssertNotEqual(get, p.key(for: makeRequest("/a?x=1", scheme: "http"), vary: .none))
        XCTAssertNotEqual(get, p.key(for: makeRequest("/a?x=1", host: "other.example"), vary: .none))
    }

    func testQueryCanBeLeftOutOfTheKey() {
        var configuration = CacheConfiguration()
        configuration.includeQueryInKey = false
        let p = CachePolicy(configuration: configuration)
        XCTAssertEqual(p.key(for: makeRequest("/a?x=1"), vary: .none), p.key(for: makeRequest("/a?x=2"), vary: .none))
    }

    func testOtherCookiesDoNotSplitTheKeyUnlessConfigured() {
        let ae = CacheVary(names: ["accept-encoding"])
        let p = CachePolicy(configuration: CacheConfiguration())
        XCTAssertEqual(p.key(for: makeRequest("/", headers: [("cookie", "csrftoken=1")]), vary: ae),
                       p.key(for: makeRequest("/", headers: [("cookie", "csrftoken=2")]), vary: ae))
        let withCookie = CacheVary(names: ["accept-encoding", "cookie"])
        XCTAssertNotEqual(p.key(for: makeRequest("/", headers: [("cookie", "csrftoken=1")]), vary: withCookie),
                          p.key(for: makeRequest("/", headers: [("cookie", "csrftoken=2")]), vary: withCookie))
    }

    func testRouteRuleMatching() {
        XCTAssertTrue(CacheRouteRule(prefix: "/posts/", ttl: 1).matches(path: "/posts/1"))
        XCTAssertFalse(CacheRouteRule(prefix: "/posts/", ttl: 1).matches(path: "/post"))
        XCTAssertFalse(CacheRouteRule(prefix: "/a*", ttl: 1).matches(path: "/ab"), "a prefix is literal")
        let glob = CacheRouteRule(pattern: "/posts/*/comments", ttl: 1)
        XCTAssertTrue(glob.matches(path: "/posts/12/comments"))
        XCTAssertTrue(glob.matches(path: "/posts//comments"))
        XCTAssertFalse(glob.matches(path: "/posts/a/b/comments"), "* stays within one segment")
        XCTAssertFalse(glob.matches(path: "/posts/12/comments/x"))
        let deep = CacheRouteRule(pattern: "/posts/**/comments", ttl: 1)
        XCTAssertTrue(deep.matches(path: "/posts/a/b/comments"))
        XCTAssertTrue(CacheRouteRule(pattern: "/**.html", ttl: 1).matches(path: "/a/b.html"))
        XCTAssertFalse(CacheRouteRule(pattern: "/*.html", ttl: 1).matches(path: "/a/b.html"))
        XCTAssertTrue(CacheRouteRule(pattern: "/*.html", ttl: 1).matches(path: "/b.html"))
        XCTAssertTrue(CacheRouteRule(pattern: "/a/**", ttl: 1).matches(path: "/a/"))
        XCTAssertTrue(CacheRouteRule(pattern: "/a/*", ttl: 1).matches(path: "/a/"))
        XCTAssertFalse(CacheRouteRule(pattern: "/a", ttl: 1).matches(path: "/ab"), "a pattern matches whole")
        let many = CacheRouteRule(pattern: "/" + String(repeating: "*a", count: 30) + "b", ttl: 1)
        XCTAssertFalse(many.matches(path: Substring("/" + String(repeating: "a", count: 200))), "no blow-up")
    }

    func testConfigurationValidation() {
        XCTAssertEqual(CacheConfiguration().validationErrors, [])
        var bad = CacheConfiguration()
        bad.maxEntryBytes = bad.maxBytes + 1
        bad.lockTimeout = -1
        bad.statusHeaderName = "X Cache"
        bad.routes = [CacheRouteRule(prefix: "posts", ttl: -5)]
        bad.cacheableStatuses = [200, 999]
        XCTAssertEqual(bad.validationErrors.count, 6, "\(bad.validationErrors)")
    }
}
