import GatehouseHTTP
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The shared cache: entries (LRU by bytes), which Vary spec each resource uses, the in-flight fetches with their
/// waiters, and hit-for-miss markers — all behind one lock, so that "look up, else join or start a fetch" and
/// "store, then wake the waiters" are atomic and no request can slip between a store and a flight's end.
///
/// Thread-safe; shared by every event loop. Purges and the janitor's `removeExpired` are safe at any time.
public final class CacheStore: Sendable {
    private struct ResourceRecord {
        var vary: CacheVary
        var keys: Set<CacheKey>
    }

    private struct FlightState {
        var id: UInt64
        var waiters: [(id: UInt64, promise: EventLoopPromise<CacheWaitOutcome>)]
    }

    private struct State {
        var storage: CacheStorage
        var resources: [CacheResourceKey: ResourceRecord] = [:]
        var flights: [CacheKey: FlightState] = [:]
        var passUntil: [CacheKey: Double] = [:]
        var generation: UInt64 = 0
        var nextID: UInt64 = 0
    }

    /// Most hit-for-miss markers kept; beyond it expired ones are dropped, then all.
    static let maxPassMarkers = 10_000

    private let state: NIOLockedValueBox<State>
    private let maxEntryBytes: Int
    private let includeQueryInKey: Bool
    /// The metrics this store updates (entries, bytes, evictions, purges).
    public let metrics: CacheMetrics

    /// A store bounded by `configuration.maxBytes` and `maxEntryBytes`, reporting into `metrics`.
    public init(configuration: CacheConfiguration, metrics: CacheMetrics = CacheMetrics()) {
        self.state = NIOLockedValueBox(State(storage: CacheStorage(maxBytes: configuration.maxBytes)))
        self.maxEntryBytes = configuration.maxEntryBytes
        self.includeQueryInKey = configuration.includeQueryInKey
        self.metrics = metrics
    }

    // MARK: Lookup and flights

    /// Decide how to answer a request for `resource` at `now` (see `CacheLookup`). A waiter's promise is made on
    /// `eventLoop` only when the answer is `.wait`.
    func lookup(resource: CacheResourceKey, requestHeaders: HTTPHeaders, now: Double, eventLoop: EventLoop)
        -> CacheLookup
    {
        state.withLockedValue { state in
            let vary = state.resources[resource]?.vary ?? .none
            let key = CacheKey(resource: resource, variant: vary.dimensions(for: requestHeaders))
            var stale = state.storage.get(key)
            var expired = false
            if let entry = stale {
                if entry.isFresh(at: now) { return .fresh(entry) }
                expired = true
                if entry.isUseless(at: now) {
                    remove(key, from: &state)
                    stale = nil
                }
            }
            if let flightID = state.flights[key]?.id {
                if let entry = stale, entry.canServeWhileRevalidating(at: now) { return .updating(entry) }
                state.nextID += 1
                let waiterID = state.nextID
                let promise = eventLoop.makePromise(of: CacheWaitOutcome.self)
                state.flights[key]?.waiters.append((waiterID, promise))  // in place: no copy of the list
                let flight = CacheFlight(key: key, id: flightID, generation: state.generation)
                return .wait(flight, waiter: waiterID, outcome: promise, stale: stale)
            }
            if let entry = stale, entry.canServeWhileRevalidating(at: now) {
                return .revalidate(entry, register(key, in: &state))
            }
            if let until = state.passUntil[key] {
                if now < until { return .pass(detached(key, in: &state), stale: stale) }
                state.passUntil[key] = nil
            }
            return .fetch(register(key, in: &state), stale: stale, expired: expired)
        }
    }

    /// A flight for `key` that is not registered (nobody waits on it); its result is still stored.
    func detachedFlight(for key: CacheKey) -> CacheFlight {
        state.withLockedValue { detached(key, in: &$0) }
    }

    /// Remove a waiter whose lock timeout ran out. True when it was still waiting (the caller then completes its
    /// promise); false when the flight already completed and is waking it.
    func abandonWait(flight: CacheFlight, waiter: UInt64) -> Bool {
        state.withLockedValue { state in
            guard var flightState = state.flights[flight.key], flightState.id == flight.id,
                  let index = flightState.waiters.firstIndex(where: { $0.id == waiter }) else { return false }
            flightState.waiters.remove(at: index)
            state.flights[flight.key] = flightState
            return true
        }
    }

    /// End `flight`: store `entry` under `key` (when offered and allowed), remember `passUntil` as a hit-for-miss
    /// marker (when given), unregister the flight and return its waiters' promises for the caller to complete
    /// outside the lock.
    func complete(_ flight: CacheFlight, storing offer: (entry: CacheEntry, key: CacheKey, vary: CacheVary)?,
                  passUntil: Double?, now: Double) -> (result: CacheStoreResult, waiters: [EventLoopPromise<CacheWaitOutcome>]) {
        state.withLockedValue { state in
            var result = CacheStoreResult.notOffered
            if let offer {
                if state.generation != flight.generation {
                    result = .purgedMeanwhile
                } else if offer.entry.approximateSize > maxEntryBytes {
                    result = .tooLarge
                } else {
                    result = insert(offer.entry, key: offer.key, vary: offer.vary, into: &state) ? .stored : .tooLarge
                }
                if result == .stored {
                    state.passUntil[flight.key] = nil
                    state.passUntil[offer.key] = nil
                }
            }
            if let passUntil {
                if state.passUntil.count >= CacheStore.maxPassMarkers {
                    state.passUntil = state.passUntil.filter { $0.value > now }
                    if state.passUntil.count >= CacheStore.maxPassMarkers { state.passUntil.removeAll() }
                }
                state.passUntil[flight.key] = passUntil
            }
            var waiters: [EventLoopPromise<CacheWaitOutcome>] = []
            if let flightState = state.flights[flight.key], flightState.id == flight.id {
                waiters = flightState.waiters.map(\.promise)
                state.flights[flight.key] = nil
            }
            return (result, waiters)
        }
    }

    // MARK: Purge and maintenance

    /// Remove the entries (every variant, both schemes) of one URL. `url` is `scheme://host/path?query` or
    /// `/path?query` (any host). Returns how many entries were removed.
    @discardableResult
    public func purge(url: String) -> Int {
        let target = CacheStore.parse(url)
        let query = target.pathAndQuery.firstIndex(of: "?").map { String(target.pathAndQuery[$0...].dropFirst()) }
        let path = query == nil ? target.pathAndQuery : String(target.pathAndQuery.prefix { $0 != "?" })
        return purge { resource in
            (target.host == nil || resource.host == target.host) && resource.path == path
                && (!self.includeQueryInKey || resource.query == query)
        }
    }

    /// Remove every entry whose `path?query` starts with the prefix. `urlPrefix` is `scheme://host/prefix` or
    /// `/prefix` (any host). Returns how many entries were removed.
    @discardableResult
    public func purge(prefix urlPrefix: String) -> Int {
        let target = CacheStore.parse(urlPrefix)
        return purge { resource in
            (target.host == nil || resource.host == target.host) && resource.pathAndQuery.hasPrefix(target.pathAndQuery)
        }
    }

    /// Remove every entry. Returns how many were removed.
    @discardableResult
    public func purgeAll() -> Int { purge { _ in true } }

    /// Remove entries past all their windows (for a periodic janitor; O(entries) under the lock).
    @discardableResult
    public func removeExpired(now: Double) -> Int {
        state.withLockedValue { state in
            let useless = state.storage.allKeys.filter { state.storage.peek($0)?.isUseless(at: now) ?? false }
            for key in useless { remove(key, from: &state) }
            state.passUntil = state.passUntil.filter { $0.value > now }
            publishGauges(state)
            return useless.count
        }
    }

    /// Number of entries held.
    public var count: Int { state.withLockedValue { $0.storage.count } }

    /// Bytes held.
    public var bytes: Int { state.withLockedValue { $0.storage.bytes } }

    /// The entry stored under `key`, without touching recency (for tests and diagnostics).
    public func peek(_ key: CacheKey) -> CacheEntry? { state.withLockedValue { $0.storage.peek(key) } }

    // MARK: Private (helpers taking `inout State` run with the lock held)

    private func purge(where matches: (CacheResourceKey) -> Bool) -> Int {
        state.withLockedValue { state in
            state.generation &+= 1
            var removed = 0
            for (resource, record) in state.resources where matches(resource) {
                for key in record.keys where state.storage.remove(key) != nil { removed += 1 }
                state.resources[resource] = nil
            }
            metrics.record { $0.purged += removed }
            publishGauges(state)
            return removed
        }
    }

    private func register(_ key: CacheKey, in state: inout State) -> CacheFlight {
        state.nextID += 1
        state.flights[key] = FlightState(id: state.nextID, waiters: [])
        return CacheFlight(key: key, id: state.nextID, generation: state.generation)
    }

    private func detached(_ key: CacheKey, in state: inout State) -> CacheFlight {
        state.nextID += 1
        return CacheFlight(key: key, id: state.nextID, generation: state.generation)
    }

    private func insert(_ entry: CacheEntry, key: CacheKey, vary: CacheVary, into state: inout State) -> Bool {
        let resource = key.resource
        if let record = state.resources[resource], record.vary != vary {
            for old in record.keys { state.storage.remove(old) }
            state.resources[resource] = nil
        }
        let evictionsBefore = state.storage.evictions
        guard let evicted = state.storage.insert(entry, for: key) else { return false }
        for victim in evicted { forget(victim, in: &state) }
        state.resources[resource, default: ResourceRecord(vary: vary, keys: [])].keys.insert(key)
        let newEvictions = state.storage.evictions - evictionsBefore
        metrics.record { $0.stores += 1; $0.evictions += newEvictions }
        publishGauges(state)
        return true
    }

    private func remove(_ key: CacheKey, from state: inout State) {
        state.storage.remove(key)
        forget(key, in: &state)
        publishGauges(state)
    }

    private func forget(_ key: CacheKey, in state: inout State) {
        guard var record = state.resources[key.resource] else { return }
        record.keys.remove(key)
        state.resources[key.resource] = record.keys.isEmpty ? nil : record
    }

    private func publishGauges(_ state: State) {
        let entries = state.storage.count
        let bytes = state.storage.bytes
        metrics.record { $0.entries = entries; $0.bytesStored = bytes }
    }

    /// Split `scheme://host/rest` or `/rest` into a lower-cased host (nil for any) and the path-and-query.
    static func parse(_ url: String) -> (host: String?, pathAndQuery: String) {
        let separator = Array("://".utf8)
        let bytes = Array(url.utf8)
        guard let offset = (0..<max(0, bytes.count - 2)).first(where: { Array(bytes[$0..<$0 + 3]) == separator })
        else { return (nil, url) }
        let afterScheme = Substring(url.utf8.dropFirst(offset + 3))
        let slash = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        var host = afterScheme[..<slash]
        if host.hasPrefix("[") {
            if let end = host.firstIndex(of: "]") { host = host[...end] }
        } else if let colon = host.lastIndex(of: ":") {
            host = host[..<colon]
        }
        var rest = String(afterScheme[slash...])
        if !rest.hasPrefix("/") { rest = "/" + rest }
        return (host.lowercased(), rest)
    }
}
