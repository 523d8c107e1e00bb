import NIOConcurrencyHelpers

/// The cache's counters and gauges, shared by all event loops (one lock, held for an increment).
public final class CacheMetrics: Sendable {
    /// A consistent copy of every counter and gauge.
    public struct Snapshot: Sendable, Equatable {
        /// Responses served fresh from the cache (`HIT`, including coalesced waiters served from the new entry).
        public var hits = 0
        /// Lookups that found nothing (`MISS`).
        public var misses = 0
        /// Lookups that found only an expired entry and fetched (`EXPIRED`).
        public var expired = 0
        /// Stale copies served (`STALE` and `UPDATING`).
        public var staleServed = 0
        /// Requests that bypassed the cache (`BYPASS`).
        public var bypasses = 0
        /// Requests that waited on another request's in-flight fetch instead of going to the backend.
        public var coalescedWaiters = 0
        /// Waiters whose lock timeout ran out before the fetch completed.
        public var lockTimeouts = 0
        /// Requests the cache sent to its upstream (foreground, background and uncoalesced).
        public var upstreamFetches = 0
        /// Background refreshes started by stale-while-revalidate.
        public var backgroundRefreshes = 0
        /// Upstream failures and 5xx answers seen by cache fetches.
        public var upstreamErrors = 0
        /// Responses stored.
        public var stores = 0
        /// Storable responses passed through because their body was not an in-memory buffer (file, stream).
        public var unbufferedBodies = 0
        /// Storable responses passed through because they exceed the per-entry or total size limit.
        public var oversizedEntries = 0
        /// Entries evicted by the LRU to make room.
        public var evictions = 0
        /// Entries removed by purges.
        public var purged = 0
        /// Entries currently held.
        public var entries = 0
        /// Bytes currently held (bodies, headers, keys).
        public var bytesStored = 0

        /// All zero.
        public init() {}

        /// The snapshot in the Prometheus text exposition format, names prefixed with `prefix`
        /// (`gatehouse_cache_hits_total`, …).
        public func prometheusText(prefix: String = "gatehouse_cache") -> String {
            let rows: [(String, String, String, Int)] = [
                ("hits_total", "counter", "Responses served fresh from the cache.", hits),
                ("misses_total", "counter", "Lookups that found no entry.", misses),
                ("expired_total", "counter", "Lookups that found only an expired entry.", expired),
                ("stale_served_total", "counter", "Stale copies served (STALE and UPDATING).", staleServed),
                ("bypasses_total", "counter", "Requests that bypassed the cache.", bypasses),
                ("coalesced_waiters_total", "counter", "Requests that waited on an in-flight fetch.", coalescedWaiters),
                ("lock_timeouts_total", "counter", "Waiters whose lock timeout ran out.", lockTimeouts),
                ("upstream_fetches_total", "counter", "Requests sent upstream by the cache.", upstreamFetches),
                ("background_refreshes_total", "counter", "Stale-while-revalidate refreshes.", backgroundRefreshes),
                ("upstream_errors_total", "counter", "Upstream failures and 5xx seen by cache fetches.", upstreamErrors),
                ("stores_total", "counter", "Responses stored.", stores),
                ("unbuffered_bodies_total", "counter", "Storable responses not stored: body not in memory.",
                 unbufferedBodies),
                ("oversized_entries_total", "counter", "Storable responses not stored: too large.", oversizedEntries),
                ("evictions_total", "counter", "Entries evicted to make room.", evictions),
                ("purged_total", "counter", "Entries removed by purges.", purged),
                ("entries", "gauge", "Entries held.", entries),
                ("bytes", "gauge", "Bytes held by entries.", bytesStored),
            ]
            var text = ""
            for (name, type, help, value) in rows {
                let full = prefix + "_" + name
                text += "# HELP \(full) \(help)\n# TYPE \(full) \(type)\n\(full) \(value)\n"
            }
            return text
        }
    }

    private let state = NIOLockedValueBox(Snapshot())

    /// Zeroed metrics.
    public init() {}

    /// A consistent copy of all values.
    public func snapshot() -> Snapshot { state.withLockedValue { $0 } }

    /// Apply `change` atomically (used by the cache's components).
    func record(_ change: (inout Snapshot) -> Void) { state.withLockedValue { change(&$0) } }

    /// Add one to the counter at `counter`.
    func increment(_ counter: WritableKeyPath<Snapshot, Int>, by amount: Int = 1) {
        state.withLockedValue { $0[keyPath: counter] += amount }
    }
}
