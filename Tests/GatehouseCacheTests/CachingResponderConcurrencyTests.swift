import GatehouseHTTP
import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest
@testable import GatehouseCache

/// Request coalescing on several event loops: one upstream fetch per key, waiters woken by its completion.
final class CachingResponderConcurrencyTests: XCTestCase {
    var group: MultiThreadedEventLoopGroup!
    let clock = ManualCacheClock()

    override func setUp() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 4)
    }

    override func tearDown() {
        try? group.syncShutdownGracefully()
    }

    func makeCache(_ upstream: FakeUpstream, _ change: (inout CacheConfiguration) -> Void = { _ in })
        -> CachingResponder
    {
        makeCachingResponder(upstream, clock: clock, change)
    }

    /// Start `count` requests spread over the group's loops, each `respond` called on its own loop. Returns once
    /// every `respond` call has run (each request has either joined a flight or started a fetch), with the
    /// response futures.
    func startConcurrently(_ cache: CachingResponder, count: Int, uri: String = "/hot",
                           headers: @escaping (Int) -> [(String, String)] = { _ in [] })
        throws -> [EventLoopFuture<GatewayResponse>]
    {
        let started = (0..<count).map { i -> EventLoopFuture<EventLoopFuture<GatewayResponse>> in
            let loop = group.next()
            return loop.submit {
                cache.respond(to: makeRequest(uri, headers: headers(i)), body: .none, eventLoop: loop,
                              logger: testLogger)
            }
        }
        return try started.map { try $0.wait() }
    }

    func test500ConcurrentRequestsForAColdKeyMakeOneUpstreamCall() throws {
        let upstream = FakeUpstream()
        upstream.setGated(true)
        let cache = makeCache(upstream) { $0.lockTimeout = 120 }  // a loaded machine never turns this into a timeout
        let futures = try startConcurrently(cache, count: 500)
        XCTAssertEqual(upstream.callCount, 1)
        upstream.release()
        let responses = try futures.map { try $0.wait() }
        XCTAssertEqual(upstream.callCount, 1)
        XCTAssertEqual(Set(responses.compactMap(bodyText)), ["body 1"])
        XCTAssertEqual(responses.filter { $0.status == .ok }.count, 500)
        XCTAssertEqual(responses.filter { $0.cacheStatus == "MISS" }.count, 1)
        XCTAssertEqual(responses.filter { $0.cacheStatus == "HIT" }.count, 499)
        let metrics = cache.metrics.snapshot()
        XCTAssertEqual(metrics.coalescedWaiters, 499)
        XCTAssertEqual(metrics.upstreamFetches, 1)
        XCTAssertEqual(metrics.lockTimeouts, 0)
    }

    func testConcurrentRequestsShareOneFailureWhenNothingIsCached() throws {
        let upstream = FakeUpstream()
        upstream.setGated(true)
        let cache = makeCache(upstream) { $0.lockTimeout = 120 }
        let futures = try startConcurrently(cache, count: 100)
        upstream.failPending(UpstreamDown())
        for future in futures {
            XCTAssertThrowsError(try future.wait()) { XCTAssertEqual($0 as? UpstreamDown, UpstreamDown()) }
        }
        XCTAssertEqual(upstream.callCount, 1, "a failing backend is not stampeded by the waiters")
    }

    func testWaitersNeverReceiveAnotherClientsSetCookieResponse() throws {
        let upstream = FakeUpstream { n, _ in
            FakeUpstream.page("p\(n)", headers: ["set-cookie": "csrftoken=\(n)", "cache-control": "max-age=60"])
        }
        upstream.setGated(true)
        let cache = makeCache(upstream)
        let futures = try startConcurrently(cache, count: 50)
        upstream.release()
        let responses = try futures.map { try $0.wait() }
        let cookies = responses.compactMap { $0.headers.first(name: "set-cookie") }
        XCTAssertEqual(cookies.count, 50)
        XCTAssertEqual(Set(cookies).count, 50, "every client got its own cookie")
        XCTAssertEqual(upstream.callCount, 50)
        XCTAssertEqual(cache.store.count, 0)
    }

    func testWaiterWithAnotherEncodingFetchesItsOwnVariant() throws {
        let upstream = FakeUpstream { n, request in
            let encoding = EncodingClass(acceptEncoding: request.head.headers).rawValue
            return FakeUpstream.page("\(encoding) \(n)", headers: ["vary": "Accept-Encoding", "cache-control": "max-age=60"])
        }
        upstream.setGated(true)
        let cache = makeCache(upstream) { $0.lockTimeout = 120 }
        let loop = group.next()
        let br = try loop.submit {
            cache.respond(to: makeRequest("/v", headers: [("accept-encoding", "br")]), body: .none, eventLoop: loop,
                          logger: testLogger)
        }.wait()
        let gzip = try loop.submit {
            cache.respond(to: makeRequest("/v", headers: [("accept-encoding", "gzip")]), body: .none, eventLoop: loop,
                          logger: testLogger)
        }.wait()
        XCTAssertEqual(upstream.callCount, 1, "the second request waits: the Vary of /v is not known yet")
        upstream.release()
        XCTAssertEqual(bodyText(try br.wait()), "br 1")
        XCTAssertEqual(bodyText(try gzip.wait()), "gzip 2")
        XCTAssertEqual(upstream.callCount, 2)
    }

    func testLockTimeoutSendsTheWaiterToTheBackendWhenNothingIsStale() throws {
        let upstream = FakeUpstream()
        upstream.setGated(true)
        let cache = makeCache(upstream) { $0.lockTimeout = 0.05 }
        let loop = group.next()
        let slow = try loop.submit {
            cache.respond(to: makeRequest("/slow"), body: .none, eventLoop: loop, logger: testLogger)
        }.wait()
        upstream.setGated(false)  // only the first call hangs
        let waiter = try cache.respond(to: makeRequest("/slow"), body: .none, eventLoop: loop, logger: testLogger).wait()
        XCTAssertEqual(waiter.cacheStatus, "MISS")
        XCTAssertEqual(bodyText(waiter), "body 2")
        XCTAssertEqual(cache.metrics.snapshot().lockTimeouts, 1)
        upstream.release()
        XCTAssertEqual(bodyText(try slow.wait()), "body 1")
    }

    func testLockTimeoutServesStaleWhenThereIsStale() throws {
        let upstream = FakeUpstream()
        let cache = makeCache(upstream) { $0.lockTimeout = 0.05; $0.staleWhileRevalidate = 0; $0.staleIfError = 600 }
        let loop = group.next()
        _ = try cache.respond(to: makeRequest("/p"), body: .none, eventLoop: loop, logger: testLogger).wait()
        clock.advance(by: 120)
        upstream.setGated(true)
        let refetch = try loop.submit {
            cache.respond(to: makeRequest("/p"), body: .none, eventLoop: loop, logger: testLogger)
        }.wait()
        let waiter = try cache.respond(to: makeRequest("/p"), body: .none, eventLoop: loop, logger: testLogger).wait()
        XCTAssertEqual(waiter.cacheStatus, "STALE")
        XCTAssertEqual(bodyText(waiter), "body 1")
        XCTAssertEqual(upstream.callCount, 2)
        upstream.release()
        let refreshed = try refetch.wait()
        XCTAssertEqual(refreshed.cacheStatus, "EXPIRED")
        XCTAssertEqual(bodyText(refreshed), "body 2")
    }
}
