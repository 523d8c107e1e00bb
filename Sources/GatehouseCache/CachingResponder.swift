import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1

/// The micro-cache as a `Responder` wrapped around another one (the uWSGI proxy).
///
/// Per request: `CachePolicy` decides whether the cache may be used (else `BYPASS`); `CacheStore.lookup` then
/// answers fresh (`HIT`), serves a stale copy while one background request refreshes it (`STALE` for the request
/// that starts the refresh, `UPDATING` for those during it), makes the request wait for another's in-flight fetch
/// of the same key (woken by the fetch's completion; bounded by `lockTimeout`), or lets it fetch (`MISS` /
/// `EXPIRED`). Upstream failures and 5xx answers are replaced by a stale copy within its stale-if-error window.
/// HEAD requests are answered from GET entries and fetched upstream as GET.
public final class CachingResponder: ImmediateResponder {
    /// The responder behind the cache.
    public let upstream: any Responder
    /// The rules.
    public let policy: CachePolicy
    /// The shared entries (purge through it).
    public let store: CacheStore
    /// The time source.
    public let clock: any CacheClock

    /// The counters and gauges (those of `store`).
    public var metrics: CacheMetrics { store.metrics }

    var configuration: CacheConfiguration { policy.configuration }

    /// A cache in front of `upstream`. Pass a `store` to share entries between several responders (or keep one
    /// across reloads); by default a new one sized by `configuration`.
    public init(upstream: any Responder, configuration: CacheConfiguration, store: CacheStore? = nil,
                clock: any CacheClock = SystemCacheClock()) {
        self.upstream = upstream
        self.policy = CachePolicy(configuration: configuration)
        self.store = store ?? CacheStore(configuration: configuration)
        self.clock = clock
    }

    /// Answer from the cache when allowed and possible, else from the upstream (see the type's documentation).
    public func respond(to request: GatewayRequest, body: RequestBody, eventLoop: EventLoop, logger: Logger)
        -> EventLoopFuture<GatewayResponse>
    {
        switch policy.classify(request, bodyLength: body.length) {
        case .bypass(.disabled):
            return upstream.respond(to: request, body: body, eventLoop: eventLoop, logger: logger)
        case .bypass(let reason):
            metrics.increment(\.bypasses)
            logger.trace("cache bypass", metadata: ["gatehouse.cache.reason": "\(reason.rawValue)"])
            return upstream.respond(to: request, body: body, eventLoop: eventLoop, logger: logger).map {
                self.passThrough($0, status: .bypass)
            }
        case .cacheable(let route):
            let context = RequestContext(request: request, route: route, resource: policy.resourceKey(for: request),
                                         eventLoop: eventLoop, logger: logger)
            return serve(context, attempt: 0)
        }
    }

    /// What every step of one cacheable request needs.
    struct RequestContext {
        let request: GatewayRequest
        let route: CacheRouteRule?
        let resource: CacheResourceKey
        let eventLoop: EventLoop
        let logger: Logger
        var isHead: Bool { request.head.method == .HEAD }
    }

    /// Look the request up and act on the answer. `attempt` counts re-lookups after a coalesced fetch stored a
    /// different variant than this request needs.
    /// Answers from the cache at once when the entry allows it (fresh, being updated, or stale while it is
    /// refreshed); otherwise the future of the fetch or of the wait.
    public func respondImmediately(to request: GatewayRequest, eventLoop: EventLoop, logger: Logger)
        -> ImmediateResponse
    {
        guard case .cacheable(let route) = policy.classify(request, bodyLength: 0) else {
            return .pending(respond(to: request, body: .none, eventLoop: eventLoop, logger: logger))
        }
        let context = RequestContext(request: request, route: route, resource: policy.resourceKey(for: request),
                                     eventLoop: eventLoop, logger: logger)
        return serveNow(context, attempt: 0)
    }

    func serve(_ context: RequestContext, attempt: Int) -> EventLoopFuture<GatewayResponse> {
        switch serveNow(context, attempt: attempt) {
        case .ready(let response, _): return context.eventLoop.makeSucceededFuture(response)
        case .pending(let future): return future
        }
    }

    /// One lookup and what follows from it.
    func serveNow(_ context: RequestContext, attempt: Int) -> ImmediateResponse {
        let now = clock.now()
        let lookup = store.lookup(resource: context.resource, requestHeaders: context.request.head.headers,
                                  now: now, eventLoop: context.eventLoop)
        switch lookup {
        case .fresh(let entry):
            metrics.increment(\.hits)
            return prepared(entry, .hit, context, now: now)
        case .updating(let entry):
            metrics.increment(\.staleServed)
            return prepared(entry, .updating, context, now: now)
        case .revalidate(let entry, let flight):
            metrics.record { $0.staleServed += 1; $0.backgroundRefreshes += 1 }
            context.logger.debug("cache refresh in background", metadata: ["gatehouse.cache.key": "\(flight.key)"])
            _ = fetch(context, flight: flight, stale: entry, status: .stale, background: true)
            return prepared(entry, .stale, context, now: now)
        case .wait(let flight, let waiter, let outcome, let stale):
            metrics.increment(\.coalescedWaiters)
            return .pending(wait(context, flight: flight, waiter: waiter, outcome: outcome, stale: stale, attempt: attempt))
        case .fetch(let flight, let stale, let expired):
            metrics.increment(expired ? \.expired : \.misses)
            return .pending(fetch(context, flight: flight, stale: stale, status: expired ? .expired : .miss))
        case .pass(let flight, let stale):
            metrics.increment(stale == nil ? \.misses : \.expired)
            return .pending(fetch(context, flight: flight, stale: stale, status: stale == nil ? .miss : .expired))
        }
    }

    @discardableResult
    public func removeExpired() -> Int { store.removeExpired(now: clock.now()) }

    /// A stored entry as this request's response (`Age` on everything served from the cache).
    func served(_ entry: CacheEntry, _ status: CacheStatus, _ context: RequestContext, now: Double)
        -> GatewayResponse
    {
        entry.response(status: status, now: now, head: context.isHead, withAge: true, configuration: configuration)
    }

    /// An upstream response passed on without storing: `X-Accel-Expires` removed, the status header set.
    func prepared(_ entry: CacheEntry, _ status: CacheStatus, _ context: RequestContext, now: Double)
        -> ImmediateResponse
    {
        let (response, block) = entry.preparedResponse(status: status, now: now, head: context.isHead, withAge: true,
                                                       configuration: configuration)
        return .ready(response, headerBlock: block)
    }

    func passThrough(_ response: GatewayResponse, status: CacheStatus) -> GatewayResponse {
        var response = response
        response.headers.remove(name: "x-accel-expires")
        if configuration.statusHeader {
            response.headers.replaceOrAdd(name: configuration.statusHeaderName, value: status.rawValue)
        }
        return response
    }
}
