import GatehouseHTTP
import Logging
import NIOCore
import NIOHTTP1

extension CachingResponder {
    /// Request headers a cache fill never forwards (as nginx does), so that what comes back is the complete
    /// representation that every client can be served, never a 304 or 206 tailored to one client.
    static let fillRequestDropsHeaders = ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since",
                                          "range", "if-range"]

    /// Fetch from the upstream for `flight`, store what may be stored, wake the flight's waiters, and produce this
    /// request's response (`status` for a fresh answer; `STALE` when a failure is replaced by `stale`). A
    /// `background` fetch (stale-while-revalidate) has no client: its own response is discarded.
    func fetch(_ context: RequestContext, flight: CacheFlight, stale: CacheEntry?, status: CacheStatus,
               background: Bool = false) -> EventLoopFuture<GatewayResponse> {
        metrics.increment(\.upstreamFetches)
        var upstreamRequest = context.request
        if context.isHead { upstreamRequest.head.method = .GET }
        for name in CachingResponder.fillRequestDropsHeaders { upstreamRequest.head.headers.remove(name: name) }
        let promise = context.eventLoop.makePromise(of: GatewayResponse.self)
        upstream.respond(to: upstreamRequest, body: .none, eventLoop: context.eventLoop, logger: context.logger)
            .whenComplete { result in
                promise.completeWith(self.finish(context, flight: flight, stale: background ? nil : stale,
                                                 status: status, result))
            }
        return promise.futureResult
    }

    /// Act on the upstream's answer (see `fetch`).
    private func finish(_ context: RequestContext, flight: CacheFlight, stale: CacheEntry?, status: CacheStatus,
                        _ result: Result<GatewayResponse, any Error>) -> Result<GatewayResponse, any Error> {
        let now = clock.now()
        let response: GatewayResponse
        switch result {
        case .failure(let error):
            metrics.increment(\.upstreamErrors)
            wake(flight, .failed(error), now: now)
            if let stale, stale.canServeOnError(at: now) {
                metrics.increment(\.staleServed)
                context.logger.info("upstream failed, serving stale copy", metadata: [
                    "gatehouse.cache.key": "\(flight.key)", "gatehouse.error": "\(error)"])
                return .success(served(stale, .stale, context, now: now))
            }
            return .failure(error)
        case .success(let upstreamResponse):
            response = upstreamResponse
        }

        if response.status.code >= 500 {
            metrics.increment(\.upstreamErrors)
            wake(flight, CachingResponder.isShareable(response) ? .errorResponse(response) : .notShared, now: now)
            if let stale, stale.canServeOnError(at: now) {
                metrics.increment(\.staleServed)
                context.logger.info("upstream answered \(response.status.code), serving stale copy", metadata: [
                    "gatehouse.cache.key": "\(flight.key)"])
                return .success(served(stale, .stale, context, now: now))
            }
            return .success(passThrough(response, status: status))
        }

        let passUntil = now + configuration.uncacheableMemory
        switch policy.evaluate(status: response.status, headers: response.headers, route: context.route, now: now) {
        case .doNotStore(let reason):
            context.logger.trace("response not stored", metadata: [
                "gatehouse.cache.key": "\(flight.key)", "gatehouse.cache.reason": "\(reason.rawValue)"])
            wake(flight, .notShared, passUntil: passUntil, now: now)
            return .success(passThrough(response, status: status))
        case .store(let lifetime, let vary):
            let body: ByteBuffer
            switch response.body {
            case .empty: body = ByteBuffer()
            case .buffer(let buffer): body = buffer
            case .file, .parts, .stream:
                metrics.increment(\.unbufferedBodies)
                wake(flight, .notShared, passUntil: passUntil, now: now)
                return .success(passThrough(response, status: status))
            }
            guard body.readableBytes <= configuration.maxEntryBytes else {
                metrics.increment(\.oversizedEntries)
                wake(flight, .notShared, passUntil: passUntil, now: now)
                return .success(passThrough(response, status: status))
            }
            let entry = CacheEntry(status: response.status, headers: response.headers, body: body, lifetime: lifetime,
                                   now: now, statusHeaderName: configuration.statusHeaderName)
            let key = policy.key(for: context.request, vary: vary)
            let (stored, waiters) = store.complete(flight, storing: (entry, key, vary), passUntil: nil, now: now)
            if stored == .tooLarge { metrics.increment(\.oversizedEntries) }
            for waiter in waiters { waiter.succeed(.shared(entry, key: key, vary: vary)) }
            return .success(entry.response(status: status, now: now, head: context.isHead, withAge: false,
                                           configuration: configuration))
        }
    }

    /// End `flight` without storing and hand `outcome` to its waiters.
    private func wake(_ flight: CacheFlight, _ outcome: CacheWaitOutcome, passUntil: Double? = nil, now: Double) {
        let (_, waiters) = store.complete(flight, storing: nil, passUntil: passUntil, now: now)
        for waiter in waiters { waiter.succeed(outcome) }
    }

    /// A 5xx answer may be handed to waiters when it sets no cookie and its body is in memory (a spool file or a
    /// stream can be consumed only once).
    static func isShareable(_ response: GatewayResponse) -> Bool {
        guard !response.headers.contains(name: "set-cookie") else { return false }
        switch response.body {
        case .empty, .buffer: return true
        case .file, .parts, .stream: return false
        }
    }
}
