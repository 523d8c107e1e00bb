import GatehouseHTTP
import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest
@testable import GatehouseCache

/// Behaviour of the caching responder against an in-process upstream that counts its calls, on one event loop,
/// with a manual clock (no sleeping).
final class CachingResponderTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    var loop: EventLoop { group.next() }
    let clock = ManualCacheClock()

    override func setUp() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    override func tearDown() {
        try? group.syncShutdownGracefully()
    }

    func makeCache(_ upstream: FakeUpstream, _ change: (inout CacheConfiguration) -> Void = { _ in })
        -> CachingResponder
    {
        makeCachingResponder(upstream, clock: clock, change)
    }

    func get(_ cache: CachingResponder, _ uri: String, method: HTTPMethod = .GET,
             headers: [(String, String)] = []) throws -> GatewayResponse {
        try cache.respond(to: makeRequest(uri, method: method, headers: headers), body: .none, eventLoop: loop,
                          logger: testLogger).wait()
    }

    /// Let the loop run every task queued so far (completions of released upstream calls).
    func drainLoop() throws { try loop.submit {}.wait() }

    // MARK: Immediate answers (the server's fast path)

    func testTheServerFindsTheImmediatePathWithoutACast() throws {
        let upstream = FakeUpstream()
        let asResponder: any Responder = makeCache(upstream)
        XCTAssertNotNil(asResponder.immediateResponder, "a cache offers immediate answers")
        XCTAssertNil((upstream as any Responder).immediateResponder, "a plain responder does not")
    }

    func testRespondImmediatelyIsReadyForAHitAndPendingOtherwise() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 0 }
        func immediately(_ uri: String, headers: [(String, String)] = []) throws -> ImmediateResponse {
            try loop.submit { cache.respondImmediately(to: makeRequest(uri, headers: headers), eventLoop: self.loop,
                                                       logger: testLogger) }.wait()
        }
        guard case .pending(let miss) = try immediately("/a") else { return XCTFail("a miss cannot be ready") }
        XCTAssertEqual(try miss.wait().cacheStatus, "MISS")
        clock.advance(by: 5)
        guard case .ready(let hit, let block?) = try immediately("/a") else {
            return XCTFail("a fresh entry is ready at once, with its head's fields encoded")
        }
        var expected = ByteBuffer()
        hit.headers.writeLines(into: &expected)
        XCTAssertEqual(String(buffer: block), String(buffer: expected), "the block encodes exactly the response's headers")
        XCTAssertEqual(hit.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(hit), "body 1")
        XCTAssertEqual(hit.headers.first(name: "age"), "5")
        guard case .pending(let bypass) = try immediately("/a", headers: [("Authorization", "Bearer x")]) else {
            return XCTFail("a bypassed request goes to the upstream")
        }
        XCTAssertEqual(try bypass.wait().cacheStatus, "BYPASS")
        XCTAssertEqual(upstream.callCount, 2)
        XCTAssertEqual(cache.metrics.snapshot().hits, 1)
    }

    // MARK: Freshness

    func testMissThenHitWithAgeThenExpiredRefetches() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 0 }
        let first = try get(cache, "/a")
        XCTAssertEqual(first.cacheStatus, "MISS")
        XCTAssertEqual(bodyText(first), "body 1")
        XCTAssertNil(first.headers.first(name: "age"))
        clock.advance(by: 30)
        let second = try get(cache, "/a")
        XCTAssertEqual(second.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(second), "body 1")
        XCTAssertEqual(second.headers.first(name: "age"), "30")
        XCTAssertEqual(upstream.callCount, 1)
        clock.advance(by: 31)
        let third = try get(cache, "/a")
        XCTAssertEqual(third.cacheStatus, "EXPIRED")
        XCTAssertEqual(bodyText(third), "body 2")
        XCTAssertEqual(upstream.callCount, 2)
        XCTAssertEqual(try get(cache, "/a").cacheStatus, "HIT")
        let metrics = cache.metrics.snapshot()
        XCTAssertEqual([metrics.misses, metrics.hits, metrics.expired, metrics.stores], [1, 2, 1, 2])
    }

    func testRouteTTLAppliesWhenAppSendsNoneAndXAccelExpiresOverrides() throws {
        let upstream = FakeUpstream { n, request in
            request.rawPath == "/accel"
                ? FakeUpstream.page("accel \(n)", headers: ["x-accel-expires": "5", "cache-control": "max-age=600"])
                : FakeUpstream.page("plain \(n)")
        }
        let cache = makeCache(upstream) {
            $0.staleWhileRevalidate = 0
            $0.routes = [CacheRouteRule(prefix: "/", ttl: 20)]
        }
        XCTAssertEqual(try get(cache, "/plain").cacheStatus, "MISS")
        let accel = try get(cache, "/accel")
        XCTAssertNil(accel.headers.first(name: "x-accel-expires"), "X-Accel-Expires is for the gateway only")
        clock.advance(by: 4)
        XCTAssertEqual(try get(cache, "/accel").cacheStatus, "HIT")
        XCTAssertNil(try get(cache, "/accel").headers.first(name: "x-accel-expires"))
        clock.advance(by: 2)
        XCTAssertEqual(try get(cache, "/accel").cacheStatus, "EXPIRED")
        XCTAssertEqual(try get(cache, "/plain").cacheStatus, "HIT")
        clock.advance(by: 15)
        XCTAssertEqual(try get(cache, "/plain").cacheStatus, "EXPIRED")
        XCTAssertEqual(upstream.callCount, 4)
    }

    func testSharedMaxAgeWinsOverMaxAge() throws {
        let upstream = FakeUpstream { n, _ in FakeUpstream.page("p\(n)", headers: ["cache-control": "max-age=600, s-maxage=5"]) }
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 0 }
        _ = try get(cache, "/a")
        clock.advance(by: 6)
        XCTAssertEqual(try get(cache, "/a").cacheStatus, "EXPIRED")
    }

    // MARK: Stale serving

    func testStaleIfErrorServesStaleOnFailureAndFailsWhenUncached() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 0; $0.staleIfError = 300 }
        _ = try get(cache, "/a")
        clock.advance(by: 100)
        upstream.setFailure(UpstreamDown())
        let stale = try get(cache, "/a")
        XCTAssertEqual(stale.status, .ok)
        XCTAssertEqual(stale.cacheStatus, "STALE")
        XCTAssertEqual(bodyText(stale), "body 1")
        XCTAssertEqual(stale.headers.first(name: "age"), "100")
        XCTAssertThrowsError(try get(cache, "/uncached")) { XCTAssertEqual($0 as? UpstreamDown, UpstreamDown()) }
        clock.advance(by: 300)  // now past the error window
        XCTAssertThrowsError(try get(cache, "/a")) { XCTAssertEqual($0 as? UpstreamDown, UpstreamDown()) }
        XCTAssertEqual(cache.metrics.snapshot().staleServed, 1)
    }

    func testStaleIfErrorReplaces5xxAndResponseDirectiveSetsTheWindow() throws {
        let upstream = FakeUpstream { n, _ in
            n == 1 ? FakeUpstream.page("good", headers: ["cache-control": "max-age=10, stale-if-error=50"])
                : FakeUpstream.page("oops", status: .badGateway)
        }
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 0; $0.staleIfError = 0 }
        _ = try get(cache, "/a")
        clock.advance(by: 40)
        let stale = try get(cache, "/a")
        XCTAssertEqual(stale.status, .ok)
        XCTAssertEqual(stale.cacheStatus, "STALE")
        XCTAssertEqual(bodyText(stale), "good")
        clock.advance(by: 30)  // 70 s after storing: beyond 10 + 50
        let error = try get(cache, "/a")
        XCTAssertEqual(error.status, .badGateway)
        XCTAssertEqual(bodyText(error), "oops")
    }

    func testStaleWhileRevalidateServesStaleAtOnceWithOneBackgroundRefresh() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 30 }
        _ = try get(cache, "/a")
        clock.advance(by: 70)  // 10 s past max-age=60, inside the 30 s window
        upstream.setGated(true)
        let first = try get(cache, "/a")
        XCTAssertEqual(first.cacheStatus, "STALE")
        XCTAssertEqual(bodyText(first), "body 1")
        XCTAssertEqual(upstream.callCount, 2, "one background refresh started")
        for _ in 0..<5 {
            let during = try get(cache, "/a")
            XCTAssertEqual(during.cacheStatus, "UPDATING")
            XCTAssertEqual(bodyText(during), "body 1")
        }
        XCTAssertEqual(upstream.callCount, 2, "no second refresh while one is in flight")
        upstream.release()
        try drainLoop()
        let after = try get(cache, "/a")
        XCTAssertEqual(after.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(after), "body 2")
        XCTAssertEqual(upstream.callCount, 2)
        XCTAssertEqual(cache.metrics.snapshot().backgroundRefreshes, 1)
        XCTAssertEqual(cache.metrics.snapshot().staleServed, 6)
    }

    func testFailedBackgroundRefreshKeepsTheStaleCopy() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.staleWhileRevalidate = 30 }
        _ = try get(cache, "/a")
        clock.advance(by: 70)
        upstream.setGated(true)
        XCTAssertEqual(try get(cache, "/a").cacheStatus, "STALE")
        upstream.failPending(UpstreamDown())
        try drainLoop()
        upstream.setGated(true)
        let again = try get(cache, "/a")
        XCTAssertEqual(again.cacheStatus, "STALE", "a new refresh starts once the failed one ended")
        XCTAssertEqual(bodyText(again), "body 1")
        XCTAssertEqual(upstream.callCount, 3)
        upstream.release()
        try drainLoop()
        XCTAssertEqual(bodyText(try get(cache, "/a")), "body 3")
        let metrics = cache.metrics.snapshot()
        XCTAssertEqual(metrics.staleServed, 2, "the discarded background answer is not counted")
        XCTAssertEqual(metrics.upstreamErrors, 1)
    }

    func testCacheFillDropsConditionalAndRangeHeaders() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream)
        let response = try get(cache, "/a", headers: [("if-none-match", "\"x\""), ("range", "bytes=0-1"),
                                                      ("if-modified-since", "Sat, 01 Jan 2000 00:00:00 GMT"),
                                                      ("accept-language", "fr")])
        XCTAssertEqual(response.status, .ok)
        let sent = try XCTUnwrap(upstream.lastCall).head.headers
        XCTAssertFalse(sent.contains(name: "if-none-match"))
        XCTAssertFalse(sent.contains(name: "range"))
        XCTAssertFalse(sent.contains(name: "if-modified-since"))
        XCTAssertEqual(sent.first(name: "accept-language"), "fr")
    }

    func testMustRevalidateDisablesStaleServing() throws {
        let upstream = FakeUpstream { n, _ in FakeUpstream.page("p\(n)", headers: ["cache-control": "max-age=10, must-revalidate"]) }
        let cache = makeCache(upstream)
        _ = try get(cache, "/a")
        clock.advance(by: 11)
        upstream.setFailure(UpstreamDown())
        XCTAssertThrowsError(try get(cache, "/a"))
    }

    // MARK: Safety rules

    func testSetCookieIsNeverCachedNorShared() throws {
        let upstream = FakeUpstream { n, _ in
            FakeUpstream.page("p\(n)", headers: ["set-cookie": "csrftoken=\(n); Path=/", "cache-control": "public, max-age=600"])
        }
        let cache = makeCache(upstream) { $0.routes = [CacheRouteRule(prefix: "/", ttl: 600)] }
        let first = try get(cache, "/a")
        let second = try get(cache, "/a")
        XCTAssertEqual(first.headers.first(name: "set-cookie"), "csrftoken=1; Path=/")
        XCTAssertEqual(second.headers.first(name: "set-cookie"), "csrftoken=2; Path=/")
        XCTAssertEqual(first.cacheStatus, "MISS")
        XCTAssertEqual(second.cacheStatus, "MISS")
        XCTAssertEqual(upstream.callCount, 2)
        XCTAssertEqual(cache.store.count, 0)
    }

    func testSessionCookieAndAuthorizationBypassAndAreNeverStored() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream)
        XCTAssertEqual(try get(cache, "/a").cacheStatus, "MISS")
        let personal = try get(cache, "/a", headers: [("cookie", "csrftoken=x; sessionid=s3cret")])
        XCTAssertEqual(personal.cacheStatus, "BYPASS")
        XCTAssertEqual(bodyText(personal), "body 2")
        let authorised = try get(cache, "/a", headers: [("authorization", "Basic dTpw")])
        XCTAssertEqual(authorised.cacheStatus, "BYPASS")
        XCTAssertEqual(bodyText(authorised), "body 3")
        let anonymous = try get(cache, "/a", headers: [("cookie", "csrftoken=x")])
        XCTAssertEqual(anonymous.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(anonymous), "body 1", "bypassed responses were not stored")
        // A personalised first request stores nothing either.
        _ = try get(cache, "/b", headers: [("cookie", "sessionid=s")])
        XCTAssertEqual(try get(cache, "/b").cacheStatus, "MISS")
        XCTAssertEqual(cache.metrics.snapshot().bypasses, 3)
    }

    func testPrivateAndNoStoreAreNotCached() throws {
        for directive in ["private, max-age=600", "no-store", "no-cache"] {
            let upstream = FakeUpstream { n, _ in FakeUpstream.page("p\(n)", headers: ["cache-control": directive]) }
            let cache = makeCache(upstream) { $0.routes = [CacheRouteRule(prefix: "/", ttl: 600)] }
            XCTAssertEqual(try get(cache, "/a").cacheStatus, "MISS")
            XCTAssertEqual(try get(cache, "/a").cacheStatus, "MISS", directive)
            XCTAssertEqual(upstream.callCount, 2, directive)
        }
    }

    func testStoredCopyDropsHopByHopHeaders() throws {
        let upstream = FakeUpstream { _, _ in
            var response = FakeUpstream.page("hello", headers: [
                "cache-control": "max-age=60", "connection": "x-internal, keep-alive", "x-internal": "1",
                "keep-alive": "timeout=5", "x-cache-status": "FORGED", "age": "999", "x-app": "kept"])
            response.headers.add(name: "transfer-encoding", value: "chunked")
            response.headers.replaceOrAdd(name: "content-length", value: "999")
            return response
        }
        let cache = makeCache(upstream)
        _ = try get(cache, "/a")
        let hit = try get(cache, "/a")
        XCTAssertEqual(hit.cacheStatus, "HIT")
        XCTAssertEqual(hit.headers["x-cache-status"], ["HIT"])
        for name in ["connection", "x-internal", "keep-alive", "transfer-encoding"] {
            XCTAssertFalse(hit.headers.contains(name: name), name)
        }
        XCTAssertEqual(hit.headers["age"], ["0"])
        XCTAssertEqual(hit.headers["content-length"], ["5"])
        XCTAssertEqual(hit.headers["x-app"], ["kept"])
    }

    // MARK: Vary

    func testVaryAcceptEncodingKeepsOneEntryPerEncodingClassAndIgnoresCookie() throws {
        let upstream = FakeUpstream { n, request in
            let encoding = EncodingClass(acceptEncoding: request.head.headers).rawValue
            return FakeUpstream.page("\(encoding) \(n)", headers: ["vary": "Cookie, Accept-Encoding", "cache-control": "max-age=60"])
        }
        let cache = makeCache(upstream)
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-encoding", "gzip, deflate, br")])), "br 1")
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-encoding", "gzip")])), "gzip 2")
        let brAgain = try get(cache, "/a", headers: [("accept-encoding", "br;q=1, gzip;q=0.5"), ("cookie", "csrftoken=z")])
        XCTAssertEqual(brAgain.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(brAgain), "br 1")
        XCTAssertEqual(bodyText(try get(cache, "/a")), "identity 3")
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-encoding", "gzip;q=0.9")])), "gzip 2")
        XCTAssertEqual(upstream.callCount, 3)
    }

    func testVaryOnOtherHeaderAddsItsValueToTheKey() throws {
        let upstream = FakeUpstream { n, request in
            FakeUpstream.page("\(request.head.headers.first(name: "accept-language") ?? "-") \(n)",
                              headers: ["vary": "Accept-Language", "cache-control": "max-age=60"])
        }
        let cache = makeCache(upstream)
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-language", "fr")])), "fr 1")
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-language", "de")])), "de 2")
        XCTAssertEqual(bodyText(try get(cache, "/a", headers: [("accept-language", "fr")])), "fr 1")
        XCTAssertEqual(upstream.callCount, 2)
    }

    func testVaryCookieSplitsByCookieWhenConfigured() throws {
        let upstream = FakeUpstream { n, _ in FakeUpstream.page("p\(n)", headers: ["vary": "Cookie", "cache-control": "max-age=60"]) }
        let cache = makeCache(upstream) { $0.varyCookieBySessionRule = false }
        _ = try get(cache, "/a", headers: [("cookie", "theme=dark")])
        XCTAssertEqual(try get(cache, "/a", headers: [("cookie", "theme=light")]).cacheStatus, "MISS")
        XCTAssertEqual(try get(cache, "/a", headers: [("cookie", "theme=dark")]).cacheStatus, "HIT")
    }

    func testVaryStarIsNeverStored() throws {
        let upstream = FakeUpstream { n, _ in FakeUpstream.page("p\(n)", headers: ["vary": "*", "cache-control": "max-age=60"]) }
        let cache = makeCache(upstream)
        _ = try get(cache, "/a")
        XCTAssertEqual(try get(cache, "/a").cacheStatus, "MISS")
        XCTAssertEqual(upstream.callCount, 2)
    }

    // MARK: HEAD, purge, memory

    func testHeadIsServedFromGetEntryAndFetchedAsGet() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream)
        _ = try get(cache, "/a")
        let head = try get(cache, "/a", method: .HEAD)
        XCTAssertEqual(head.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(head), "")
        guard case .empty = head.body else { return XCTFail("HEAD must have no body") }
        XCTAssertEqual(head.headers.first(name: "content-length"), "6")

        let coldHead = try get(cache, "/b", method: .HEAD)
        XCTAssertEqual(upstream.lastCall?.head.method, .GET, "a cache fill is always a GET")
        XCTAssertEqual(coldHead.cacheStatus, "MISS")
        guard case .empty = coldHead.body else { return XCTFail("HEAD must have no body") }
        let getAfter = try get(cache, "/b")
        XCTAssertEqual(getAfter.cacheStatus, "HIT")
        XCTAssertEqual(bodyText(getAfter), "body 2")
    }

    func testPurgeExactAndPrefix() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream)
        for path in ["/posts/1", "/posts/2", "/about"] { _ = try get(cache, path) }
        XCTAssertEqual(cache.store.purge(url: "https://example.com/posts/1"), 1)
        XCTAssertEqual(try get(cache, "/posts/1").cacheStatus, "MISS")
        XCTAssertEqual(try get(cache, "/posts/2").cacheStatus, "HIT")
        XCTAssertEqual(cache.store.purge(prefix: "/posts/"), 2)
        XCTAssertEqual(try get(cache, "/posts/2").cacheStatus, "MISS")
        XCTAssertEqual(try get(cache, "/about").cacheStatus, "HIT")
    }

    func testMemoryCapEvictsLeastRecentlyUsedAndCountsEvictions() throws {
        let upstream = FakeUpstream { n, _ in
            FakeUpstream.page(String(repeating: "x", count: 3000) + "\(n)", headers: ["cache-control": "max-age=600"])
        }
        let cache = makeCache(upstream) { $0.maxBytes = 16 * 1024; $0.maxEntryBytes = 8 * 1024 }
        for i in 0..<20 { _ = try get(cache, "/page/\(i)") }
        let metrics = cache.metrics.snapshot()
        XCTAssertGreaterThan(metrics.evictions, 0)
        XCTAssertEqual(metrics.evictions, 20 - metrics.entries)
        XCTAssertLessThanOrEqual(metrics.bytesStored, 16 * 1024)
        XCTAssertEqual(try get(cache, "/page/19").cacheStatus, "HIT")
        XCTAssertEqual(try get(cache, "/page/0").cacheStatus, "MISS")
    }

    func testOversizedAndUnbufferedBodiesPassThroughUncached() throws {
        let upstream = FakeUpstream { n, request in
            if request.rawPath == "/file" {
                return GatewayResponse(status: .ok, headers: ["cache-control": "max-age=60", "content-length": "10"],
                                       body: .file(path: "/tmp/spool-\(n)", offset: 0, length: 10, deleteWhenDone: true))
            }
            return FakeUpstream.page(String(repeating: "y", count: 5000), headers: ["cache-control": "max-age=60"])
        }
        let cache = makeCache(upstream) { $0.maxEntryBytes = 4096 }
        let big = try get(cache, "/big")
        XCTAssertEqual(big.cacheStatus, "MISS")
        XCTAssertEqual(bodyText(big)?.count, 5000)
        XCTAssertEqual(try get(cache, "/big").cacheStatus, "MISS")
        let file = try get(cache, "/file")
        guard case .file(let path, _, _, true) = file.body else { return XCTFail("file body passed through") }
        XCTAssertEqual(path, "/tmp/spool-3")
        let metrics = cache.metrics.snapshot()
        XCTAssertEqual(metrics.oversizedEntries, 2)
        XCTAssertEqual(metrics.unbufferedBodies, 1)
        XCTAssertEqual(metrics.entries, 0)
    }

    func testDisabledCacheIsAPlainPassThrough() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.enabled = false }
        let first = try get(cache, "/a")
        _ = try get(cache, "/a")
        XCTAssertNil(first.cacheStatus)
        XCTAssertEqual(upstream.callCount, 2)
    }

    func testStatusHeaderCanBeRenamedOrTurnedOff() throws {
        let renamed = makeCache(FakeUpstream()) { $0.statusHeaderName = "X-Edge-Cache" }
        XCTAssertEqual(try get(renamed, "/a").headers.first(name: "x-edge-cache"), "MISS")
        let off = makeCache(FakeUpstream()) { $0.statusHeader = false }
        _ = try get(off, "/a")
        XCTAssertNil(try get(off, "/a").cacheStatus)
    }
}
