import GatehouseHTTP
import NIOCore

extension CachingResponder {
    /// Wait for another request's fetch of the same key: woken by its completion, or by `lockTimeout`, whichever
    /// comes first (the store's lock decides which, so the promise is completed exactly once).
    func wait(_ context: RequestContext, flight: CacheFlight, waiter: UInt64,
              outcome: EventLoopPromise<CacheWaitOutcome>, stale: CacheEntry?, attempt: Int)
        -> EventLoopFuture<GatewayResponse>
    {
        let nanoseconds = Int64(min(max(configuration.lockTimeout, 0), 86_400) * 1_000_000_000)
        let timeout = context.eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
            if self.store.abandonWait(flight: flight, waiter: waiter) { outcome.succeed(.timedOut) }
        }
        outcome.futureResult.whenComplete { _ in timeout.cancel() }
        return outcome.futureResult.hop(to: context.eventLoop).flatMap { result in
            self.afterWait(context, flight: flight, result, stale: stale, attempt: attempt)
        }
    }

    private func afterWait(_ context: RequestContext, flight: CacheFlight, _ outcome: CacheWaitOutcome,
                           stale: CacheEntry?, attempt: Int) -> EventLoopFuture<GatewayResponse> {
        let now = clock.now()
        switch outcome {
        case .shared(let entry, let key, let vary):
            if policy.key(for: context.request, vary: vary) == key {
                metrics.increment(\.hits)
                return context.eventLoop.makeSucceededFuture(served(entry, .hit, context, now: now))
            }
            // The fetch stored another variant (its Vary was unknown when we joined): look up again.
            if attempt < 2 { return serve(context, attempt: attempt + 1) }
            return uncoalesced(context, flight: flight, stale: stale)
        case .errorResponse(let response):
            if let stale, stale.canServeOnError(at: now) { return servedStale(stale, context, now: now) }
            return context.eventLoop.makeSucceededFuture(passThrough(response, status: .miss))
        case .failed(let error):
            if let stale, stale.canServeOnError(at: now) { return servedStale(stale, context, now: now) }
            return context.eventLoop.makeFailedFuture(error)
        case .notShared:
            return uncoalesced(context, flight: flight, stale: stale)
        case .timedOut:
            metrics.increment(\.lockTimeouts)
            context.logger.debug("cache lock timeout", metadata: ["gatehouse.cache.key": "\(flight.key)"])
            if let stale, stale.canServeOnError(at: now) { return servedStale(stale, context, now: now) }
            return uncoalesced(context, flight: flight, stale: stale)
        }
    }

    /// Fetch for this request alone (its result is still stored when storable).
    private func uncoalesced(_ context: RequestContext, flight: CacheFlight, stale: CacheEntry?)
        -> EventLoopFuture<GatewayResponse>
    {
        fetch(context, flight: store.detachedFlight(for: flight.key), stale: stale, status: stale == nil ? .miss : .expired)
    }

    private func servedStale(_ stale: CacheEntry, _ context: RequestContext, now: Double)
        -> EventLoopFuture<GatewayResponse>
    {
        metrics.increment(\.staleServed)
        return context.eventLoop.makeSucceededFuture(served(stale, .stale, context, now: now))
    }
}
