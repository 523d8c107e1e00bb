import GatehouseHTTP
import NIOHTTP1
import XCTest
@testable import GatehouseCache

final class CachePolicyTests: XCTestCase {
    let now = 1_700_000_000.0

    func policy(_ change: (inout CacheConfiguration) -> Void = { _ in }) -> CachePolicy {
        var configuration = CacheConfiguration()
        change(&configuration)
        return CachePolicy(configuration: configuration)
    }

    func lifetime(_ verdict: CachePolicy.ResponseVerdict) -> CacheLifetime? {
        if case .store(let lifetime, _) = verdict { return lifetime }
        return nil
    }

    // MARK: Requests

    func testGetAndHeadAreCacheableOtherMethodsBypass() {
        let p = policy()
        XCTAssertEqual(p.classify(makeRequest("/a")), .cacheable(route: nil))
        XCTAssertEqual(p.classify(makeRequest("/a", method: .HEAD)), .cacheable(route: nil))
        XCTAssertEqual(p.classify(makeRequest("/a", method: .POST)), .bypass(.method))
        XCTAssertEqual(p.classify(makeRequest("/a", method: .PUT)), .bypass(.method))
        XCTAssertEqual(p.classify(makeRequest("/a", method: .DELETE)), .bypass(.method))
    }

    func testSessionCookieBypassesButOtherCookiesDoNot() {
        let p = policy()
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("cookie", "csrftoken=x; sessionid=abc")])),
                       .bypass(.sessionCookie))
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("cookie", "sessionid=abc")])), .bypass(.sessionCookie))
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("cookie", "csrftoken=x"), ("cookie", "sessionid=1")])),
                       .bypass(.sessionCookie))
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("cookie", "csrftoken=x; _ga=1")])),
                       .cacheable(route: nil))
        // Cookie names are case-sensitive and must match whole.
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("cookie", "SessionID=1; xsessionid=2")])),
                       .cacheable(route: nil))
        let custom = policy { $0.sessionCookieNames = ["session", "remember_me"] }
        XCTAssertEqual(custom.classify(makeRequest("/a", headers: [("cookie", "remember_me=1")])),
                       .bypass(.sessionCookie))
        XCTAssertEqual(custom.classify(makeRequest("/a", headers: [("cookie", "sessionid=1")])), .cacheable(route: nil))
    }

    func testAuthorizationAndBodyBypass() {
        let p = policy()
        XCTAssertEqual(p.classify(makeRequest("/a", headers: [("authorization", "Bearer t")])),
                       .bypass(.authorization))
        XCTAssertEqual(p.classify(makeRequest("/a"), bodyLength: 3), .bypass(.requestBody))
    }

    func testRouteRulesAndDisabledCache() {
        let posts = CacheRouteRule(prefix: "/posts/", ttl: 86_400)
        let admin = CacheRouteRule(prefix: "/admin/", ttl: 0)
        let root = CacheRouteRule(prefix: "/", ttl: 300)
        let p = policy { $0.routes = [posts, admin, root] }
        XCTAssertEqual(p.classify(makeRequest("/posts/1?x=1")), .cacheable(route: posts))
        XCTAssertEqual(p.classify(makeRequest("/admin/login")), .bypass(.route))
        XCTAssertEqual(p.classify(makeRequest("/about")), .cacheable(route: root))
        XCTAssertEqual(policy { $0.enabled = false }.classify(makeRequest("/a")), .bypass(.disabled))
    }

    // MARK: Responses

    func testNoLifetimeWithoutRouteIsNotStoredAndRouteTTLApplies() {
        let p = policy()
        XCTAssertEqual(p.evaluate(status: .ok, headers: [:], route: nil, now: now), .doNotStore(.noLifetime))
        let route = CacheRouteRule(prefix: "/", ttl: 300)
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: [:], route: route, now: now))?.ttl, 300)
    }

    func testSharedMaxAgeWinsOverMaxAgeAndAppTTLWinsOverRoute() {
        let p = policy()
        let route = CacheRouteRule(prefix: "/", ttl: 300)
        let both = headers([("cache-control", "public, max-age=60, s-maxage=120")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: both, route: route, now: now))?.ttl, 120)
        let maxAge = headers([("Cache-Control", "max-age=60")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: maxAge, route: route, now: now))?.ttl, 60)
        let zero = headers([("cache-control", "max-age=0")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: zero, route: route, now: now), .doNotStore(.zeroLifetime))
        let garbage = headers([("cache-control", "max-age=soon")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: garbage, route: route, now: now), .doNotStore(.zeroLifetime))
    }

    func testMaxTTLCapsEveryLifetime() {
        let p = policy()
        let capped = CacheRouteRule(prefix: "/", ttl: 300, maxTTL: 30)
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: [:], route: capped, now: now))?.ttl, 30)
        let app = headers([("cache-control", "max-age=3600")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: app, route: capped, now: now))?.ttl, 30)
        let accel = headers([("x-accel-expires", "3600")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: accel, route: capped, now: now))?.ttl, 30)
    }

    func testPrivateNoStoreNoCacheAreNotStored() {
        let p = policy()
        let route = CacheRouteRule(prefix: "/", ttl: 300)
        for (value, reason) in [("private, max-age=60", CachePolicy.NotStoredReason.private),
                                ("no-store", .noStore), ("no-cache", .noCache),
                                ("no-cache=\"Set-Cookie\", max-age=60", .noCache),
                                ("max-age=60, PRIVATE", .private)] {
            XCTAssertEqual(p.evaluate(status: .ok, headers: headers([("cache-control", value)]), route: route, now: now),
                           .doNotStore(reason), value)
        }
    }

    func testXAccelExpiresOverridesCacheControl() {
        let p = policy()
        let seconds = headers([("x-accel-expires", "90"), ("cache-control", "max-age=10")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: seconds, route: nil, now: now))?.ttl, 90)
        let absolute = headers([("x-accel-expires", "@\(Int(now) + 45)")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: absolute, route: nil, now: now))?.ttl, 45)
        let zero = headers([("x-accel-expires", "0"), ("cache-control", "max-age=600")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: zero, route: nil, now: now), .doNotStore(.accelExpires))
        let past = headers([("x-accel-expires", "@\(Int(now) - 1)")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: past, route: nil, now: now), .doNotStore(.accelExpires))
        let overridesPrivate = headers([("x-accel-expires", "30"), ("cache-control", "private")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: overridesPrivate, route: nil, now: now))?.ttl, 30)
        // Malformed: ignored, Cache-Control decides.
        let malformed = headers([("x-accel-expires", "soon"), ("cache-control", "max-age=20")])
        XCTAssertEqual(lifetime(p.evaluate(status: .ok, headers: malformed, route: nil, now: now))?.ttl, 20)
    }

    func testSetCookieAndVaryStarAreNeverStored() {
        let p = policy()
        let cookie = headers([("set-cookie", "csrftoken=abc; Path=/"), ("cache-control", "public, max-age=600")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: cookie, route: nil, now: now), .doNotStore(.setCookie))
        let accelCookie = headers([("set-cookie", "a=b"), ("x-accel-expires", "600")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: accelCookie, route: nil, now: now), .doNotStore(.setCookie))
        let star = headers([("vary", "Accept-Encoding, *"), ("cache-control", "max-age=600")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: star, route: nil, now: now), .doNotStore(.varyStar))
    }

    func testCacheableStatusesAndShortNotFoundTTL() {
        let p = policy()
        let route = CacheRouteRule(prefix: "/", ttl: 300)
        for status in [HTTPResponseStatus.ok, .movedPermanently, .permanentRedirect] {
            XCTAssertEqual(lifetime(p.evaluate(status: status, headers: [:], route: route, now: now))?.ttl, 300)
        }
        XCTAssertEqual(lifetime(p.evaluate(status: .notFound, headers: [:], route: route, now: now))?.ttl, 30)
        let appLong = headers([("cache-control", "max-age=3600")])
        XCTAssertEqual(lifetime(p.evaluate(status: .notFound, headers: appLong, route: nil, now: now))?.ttl, 30)
        let appShort = headers([("cache-control", "max-age=5")])
        XCTAssertEqual(lifetime(p.evaluate(status: .notFound, headers: appShort, route: nil, now: now))?.ttl, 5)
        for status in [HTTPResponseStatus.found, .internalServerError, .badGateway, .noContent, .forbidden] {
            XCTAssertEqual(p.evaluate(status: status, headers: [:], route: route, now: now), .doNotStore(.status))
        }
    }

    func testStaleWindowsFromResponseDirectivesOrDefaults() {
        let p = policy { $0.staleWhileRevalidate = 7; $0.staleIfError = 70 }
        let defaults = lifetime(p.evaluate(status: .ok, headers: headers([("cache-control", "max-age=5")]),
                                           route: nil, now: now))
        XCTAssertEqual(defaults, CacheLifetime(ttl: 5, staleWhileRevalidate: 7, staleIfError: 70))
        let own = lifetime(p.evaluate(status: .ok, headers: headers([
            ("cache-control", "max-age=5, stale-while-revalidate=30"), ("cache-control", "stale-if-error=3600")]),
                                      route: nil, now: now))
        XCTAssertEqual(own, CacheLifetime(ttl: 5, staleWhileRevalidate: 30, staleIfError: 3600))
        let strict = lifetime(p.evaluate(status: .ok, headers: headers([("cache-control", "max-age=5, must-revalidate")]),
                                         route: nil, now: now))
        XCTAssertEqual(strict, CacheLifetime(ttl: 5, staleWhileRevalidate: 0, staleIfError: 0))
    }

    func testVaryRulesInVerdict() {
        let p = policy()
        let django = headers([("vary", "Cookie"), ("vary", "Accept-Encoding"), ("cache-control", "max-age=5")])
        XCTAssertEqual(p.evaluate(status: .ok, headers: django, route: nil, now: now),
                       .store(CacheLifetime(ttl: 5, staleWhileRevalidate: 10, staleIfError: 3600),
                              vary: CacheVary(names: ["accept-encoding"])))
        let strictCookies = policy { $0.varyCookieBySessionRule = false }
        if case .store(_, let vary) = strictCookies.evaluate(status: .ok, headers: django, route: nil, now: now) {
            XCTAssertEqual(vary.names, ["accept-encoding", "cookie"])
        } else {
            XCTFail("expected store")
        }
    }
}
