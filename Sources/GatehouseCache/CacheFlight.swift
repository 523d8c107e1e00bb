import GatehouseHTTP
import NIOCore

/// A claim to fetch one key from the upstream. While a registered flight exists, other requests for the key wait
/// on it instead of fetching themselves. A detached flight (hit-for-miss, lock timeout) is not in the table.
struct CacheFlight: Sendable {
    /// The key the flight was registered under (computed with the Vary spec known at lookup time).
    let key: CacheKey
    /// Unique per flight, so a late timeout or completion never touches a newer flight of the same key.
    let id: UInt64
    /// The store's purge generation when the fetch started: if a purge ran since, the result is not stored.
    let generation: UInt64
}

/// What a waiter learns when the flight it waits on completes (or its own lock timeout fires).
enum CacheWaitOutcome: Sendable {
    /// The response was stored under `key`, varying by `vary`: serve it if the waiter's own key matches.
    case shared(CacheEntry, key: CacheKey, vary: CacheVary)
    /// The upstream answered 5xx (a buffered response without cookies, safe to share).
    case errorResponse(GatewayResponse)
    /// The upstream fetch failed.
    case failed(any Error)
    /// The response was not storable (or not shareable): each waiter goes to the upstream itself.
    case notShared
    /// The waiter's lock timeout ran out first.
    case timedOut
}

/// The result of a lookup, decided atomically with respect to stores and other lookups.
enum CacheLookup {
    /// A fresh entry: `HIT`.
    case fresh(CacheEntry)
    /// An expired entry within its stale-while-revalidate window, and a refresh is already in flight: `UPDATING`.
    case updating(CacheEntry)
    /// An expired entry within its stale-while-revalidate window: serve it (`STALE`) and run `flight` in the
    /// background.
    case revalidate(CacheEntry, CacheFlight)
    /// Another request is fetching this key: wait on `outcome`, completed by the flight or by the caller's timeout (bounded by the lock timeout, see `abandonWait`).
    case wait(CacheFlight, waiter: UInt64, outcome: EventLoopPromise<CacheWaitOutcome>, stale: CacheEntry?)
    /// The caller fetches (`MISS`, or `EXPIRED` when `expired`), owning `flight`; `stale` is a copy still within
    /// some stale window, for stale-if-error.
    case fetch(CacheFlight, stale: CacheEntry?, expired: Bool)
    /// The key recently produced an unstorable response: fetch without coalescing (`flight` is detached).
    case pass(CacheFlight, stale: CacheEntry?)
}

/// What happened to a response handed to `CacheStore.complete`.
enum CacheStoreResult: Sendable, Equatable {
    /// Nothing was offered for storing.
    case notOffered
    /// Stored.
    case stored
    /// Larger than the per-entry limit or the whole cache.
    case tooLarge
    /// A purge ran while the fetch was in flight: not stored, so a purge is never undone by an older fetch.
    case purgedMeanwhile
}
