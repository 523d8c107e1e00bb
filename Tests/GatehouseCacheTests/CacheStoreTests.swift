import NIOCore
import NIOPosix
import NIOHTTP1
import XCTest
@testable import GatehouseCache

final class CacheStoreTests: XCTestCase {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    var loop: EventLoop { group.next() }

    override func tearDown() {
        try? group.syncShutdownGracefully()
    }
    let lifetime = CacheLifetime(ttl: 60, staleWhileRevalidate: 0, staleIfError: 0)

    func resource(_ path: String, query: String? = nil, host: String = "example.com", scheme: String = "https")
        -> CacheResourceKey
    {
        CacheResourceKey(methodClass: "GET", scheme: scheme, host: host, path: path, query: query)
    }

    /// Store a response for `resource` the way the responder does: lookup, then complete the flight.
    func put(_ store: CacheStore, _ r: CacheResourceKey, now: Double = 0) {
        guard case .fetch(let flight, _, _) = store.lookup(resource: r, requestHeaders: [:], now: now,
                                                           eventLoop: loop) else { return XCTFail("expected fetch") }
        let entry = CacheEntry(status: .ok, headers: [:], body: ByteBuffer(string: "x"), lifetime: lifetime, now: now)
        XCTAssertEqual(store.complete(flight, storing: (entry, CacheKey(resource: r), .none), passUntil: nil,
                                      now: now).result, .stored)
    }

    func isFresh(_ store: CacheStore, _ r: CacheResourceKey, now: Double = 1) -> Bool {
        switch store.lookup(resource: r, requestHeaders: [:], now: now, eventLoop: loop) {
        case .fresh: return true
        case .fetch(let flight, _, _):
            _ = store.complete(flight, storing: nil, passUntil: nil, now: now)
            return false
        default:
            XCTFail("unexpected lookup")
            return false
        }
    }

    func testPurgeExactURLRemovesBothSchemesAndOnlyThatQuery() {
        let store = CacheStore(configuration: CacheConfiguration())
        for r in [resource("/a", query: "x=1"), resource("/a", query: "x=1", scheme: "http"), resource("/a"),
                  resource("/a", query: "x=1", host: "other.example")] { put(store, r) }
        XCTAssertEqual(store.purge(url: "https://example.com/a?x=1"), 2)
        XCTAssertFalse(isFresh(store, resource("/a", query: "x=1")))
        XCTAssertTrue(isFresh(store, resource("/a")))
        XCTAssertTrue(isFresh(store, resource("/a", query: "x=1", host: "other.example")))
        XCTAssertEqual(store.purge(url: "/a?x=1"), 1)  // any host
        XCTAssertEqual(store.metrics.snapshot().purged, 3)
        XCTAssertEqual(store.metrics.snapshot().entries, 1)
    }

    func testPurgePrefix() {
        let store = CacheStore(configuration: CacheConfiguration())
        for path in ["/posts/1", "/posts/2", "/postscript", "/about"] { put(store, resource(path)) }
        put(store, resource("/posts/3", host: "other.example"))
        XCTAssertEqual(store.purge(prefix: "https://EXAMPLE.com:443/posts/"), 2)
        XCTAssertTrue(isFresh(store, resource("/postscript")))
        XCTAssertTrue(isFresh(store, resource("/posts/3", host: "other.example")))
        XCTAssertEqual(store.purge(prefix: "/posts"), 2)
        XCTAssertEqual(store.count, 1)
        XCTAssertEqual(store.purgeAll(), 1)
        XCTAssertEqual(store.bytes, 0)
    }

    func testAPurgeDuringAFetchPreventsStoringItsResult() {
        let store = CacheStore(configuration: CacheConfiguration())
        let r = resource("/a")
        guard case .fetch(let flight, _, _) = store.lookup(resource: r, requestHeaders: [:], now: 0, eventLoop: loop)
        else { return XCTFail("expected fetch") }
        store.purge(url: "/a")
        let entry = CacheEntry(status: .ok, headers: [:], body: ByteBuffer(), lifetime: lifetime, now: 0)
        XCTAssertEqual(store.complete(flight, storing: (entry, CacheKey(resource: r), .none), passUntil: nil,
                                      now: 0).result, .purgedMeanwhile)
        XCTAssertEqual(store.count, 0)
    }

    func testSecondLookupWaitsAndIsWokenByCompletion() throws {
        let store = CacheStore(configuration: CacheConfiguration())
        let r = resource("/a")
        guard case .fetch(let flight, nil, false) = store.lookup(resource: r, requestHeaders: [:], now: 0,
                                                                  eventLoop: loop) else { return XCTFail() }
        guard case .wait(_, let waiter, let outcome, nil) = store.lookup(resource: r, requestHeaders: [:], now: 0,
                                                                         eventLoop: loop) else { return XCTFail() }
        let (_, waiters) = store.complete(flight, storing: nil, passUntil: nil, now: 0)
        XCTAssertEqual(waiters.count, 1)
        waiters.forEach { $0.succeed(.notShared) }
        guard case .notShared = try outcome.futureResult.wait() else { return XCTFail() }
        XCTAssertFalse(store.abandonWait(flight: flight, waiter: waiter), "already woken")
    }

    func testAbandonedWaiterIsNotWokenAgain() throws {
        let store = CacheStore(configuration: CacheConfiguration())
        let r = resource("/a")
        guard case .fetch(let flight, _, _) = store.lookup(resource: r, requestHeaders: [:], now: 0, eventLoop: loop),
              case .wait(let joined, let waiter, let outcome, _) = store.lookup(resource: r, requestHeaders: [:],
                                                                              now: 0, eventLoop: loop)
        else { return XCTFail() }
        XCTAssertTrue(store.abandonWait(flight: joined, waiter: waiter))
        outcome.succeed(.timedOut)
        XCTAssertEqual(store.complete(flight, storing: nil, passUntil: nil, now: 0).waiters.count, 0)
    }

    func testUnstorableResponseMarksKeyForUncoalescedFetchesUntilMarkerExpires() {
        let store = CacheStore(configuration: CacheConfiguration())
        let r = resource("/a")
        guard case .fetch(let flight, _, _) = store.lookup(resource: r, requestHeaders: [:], now: 0, eventLoop: loop)
        else { return XCTFail() }
        _ = store.complete(flight, storing: nil, passUntil: 30, now: 0)
        guard case .pass = store.lookup(resource: r, requestHeaders: [:], now: 10, eventLoop: loop) else {
            return XCTFail("expected hit-for-miss pass")
        }
        // Pass lookups register nothing: a second one is not made to wait.
        guard case .pass = store.lookup(resource: r, requestHeaders: [:], now: 10, eventLoop: loop) else {
            return XCTFail("expected pass again")
        }
        guard case .fetch(let later, _, _) = store.lookup(resource: r, requestHeaders: [:], now: 31, eventLoop: loop)
        else { return XCTFail("marker should have expired") }
        _ = store.complete(later, storing: nil, passUntil: nil, now: 31)
    }

    func testRemoveExpiredDropsOnlyUselessEntries() {
        let store = CacheStore(configuration: CacheConfiguration())
        put(store, resource("/old"), now: 0)
        put(store, resource("/new"), now: 100)
        XCTAssertEqual(store.removeExpired(now: 120), 1)
        XCTAssertEqual(store.count, 1)
        XCTAssertTrue(isFresh(store, resource("/new"), now: 120))
    }

    func testEntryTooLargeForPerEntryLimitIsRefused() {
        var configuration = CacheConfiguration()
        configuration.maxEntryBytes = 1024
        let store = CacheStore(configuration: configuration)
        let r = resource("/big")
        guard case .fetch(let flight, _, _) = store.lookup(resource: r, requestHeaders: [:], now: 0, eventLoop: loop)
        else { return XCTFail() }
        let entry = CacheEntry(status: .ok, headers: [:], body: ByteBuffer(repeating: 1, count: 4096),
                               lifetime: lifetime, now: 0)
        XCTAssertEqual(store.complete(flight, storing: (entry, CacheKey(resource: r), .none), passUntil: nil,
                                      now: 0).result, .tooLarge)
        XCTAssertEqual(store.count, 0)
    }

    func testPurgeURLParsing() {
        XCTAssertEqual(CacheStore.parse("https://Example.com:8443/a?b=1").host, "example.com")
        XCTAssertEqual(CacheStore.parse("https://Example.com:8443/a?b=1").pathAndQuery, "/a?b=1")
        XCTAssertEqual(CacheStore.parse("https://[::1]:8443/x").host, "[::1]")
        XCTAssertEqual(CacheStore.parse("http://h").pathAndQuery, "/")
        XCTAssertNil(CacheStore.parse("/only/path").host)
    }
}
