import NIOCore

/// The pure bookkeeping of an upstream pool: outstanding requests per backend, limits, health marks and the FIFO
/// queue. Time is passed in, so tests drive it. `UpstreamPool` runs it under a lock and executes its actions.
///
/// Invariants: `outstanding[i] ≤ limit[i]` when a limit is set; a waiter is in the queue only while no backend it
/// may use has capacity; the queue never holds more than `queueCapacity` waiters.
struct UpstreamPoolStateMachine {
    /// A backend's live state.
    struct Backend {
        var limit: Int?
        var outstanding = 0
        /// Left out of the rotation until then (after a connect failure).
        var downUntil: NIODeadline?

        func isUp(at now: NIODeadline) -> Bool { downUntil.map { now >= $0 } ?? true }
        var hasCapacity: Bool { limit.map { outstanding < $0 } ?? true }
    }

    /// A request waiting for a backend.
    struct Waiter {
        var id: Int
        var excluded: Set<Int>
        var deadline: NIODeadline
    }

    /// The answer to `acquire`.
    enum AcquireAction: Equatable {
        /// Use this backend now.
        case lease(backend: Int)
        /// Wait; `UpstreamPool` arms a timer for `deadline`.
        case enqueue(waiterID: Int, deadline: NIODeadline)
        /// Refuse (`queue_full`).
        case reject(ProxyError.Reason)
    }

    /// A queued request that gets a backend.
    struct Handoff: Equatable {
        var waiterID: Int
        var backend: Int
    }

    private(set) var backends: [Backend]
    private(set) var queue: [Waiter] = []
    let queueCapacity: Int
    let queueTimeout: TimeAmount
    let failTimeout: TimeAmount
    private var nextWaiterID = 0
    /// Where the search for the least-loaded backend starts (rotates so ties are shared).
    private var cursor = 0

    init(limits: [Int?], queueCapacity: Int, queueTimeout: TimeAmount, failTimeout: TimeAmount) {
        self.backends = limits.map { Backend(limit: $0) }
        self.queueCapacity = queueCapacity
        self.queueTimeout = queueTimeout
        self.failTimeout = failTimeout
    }

    /// Picks a backend for a request that must avoid `excluded` (backends already tried).
    mutating func acquire(excluding excluded: Set<Int> = [], now: NIODeadline) -> AcquireAction {
        if let index = choose(excluding: excluded, now: now) {
            backends[index].outstanding += 1
            return .lease(backend: index)
        }
        guard queue.count < queueCapacity else { return .reject(.queueFull) }
        let waiter = Waiter(id: nextWaiterID, excluded: excluded, deadline: now + queueTimeout)
        nextWaiterID += 1
        queue.append(waiter)
        return .enqueue(waiterID: waiter.id, deadline: waiter.deadline)
    }

    /// Ends a request on `backend`. `connectFailed` marks the backend down for `failTimeout`. Returns the queued
    /// requests that now get a backend (each already counted as outstanding).
    mutating func release(backend: Int, connectFailed: Bool, now: NIODeadline) -> [Handoff] {
        guard backends.indices.contains(backend) else { return [] }
        backends[backend].outstanding = max(0, backends[backend].outstanding - 1)
        if connectFailed { backends[backend].downUntil = now + failTimeout }
        return drainQueue(now: now)
    }

    /// Marks `backend` as failing without ending a request (e.g. a probe); returns nothing to hand off.
    mutating func markDown(backend: Int, now: NIODeadline) {
        guard backends.indices.contains(backend) else { return }
        backends[backend].downUntil = now + failTimeout
    }

    /// Removes a waiter whose timer fired. Returns false when it was already served (the timer lost the race).
    mutating func timeout(waiterID: Int) -> Bool {
        guard let index = queue.firstIndex(where: { $0.id == waiterID }) else { return false }
        queue.remove(at: index)
        return true
    }

    /// Whether every backend is marked down at `now`.
    func allDown(at now: NIODeadline) -> Bool {
        backends.allSatisfy { !$0.isUp(at: now) }
    }

    /// Least outstanding among the allowed backends with capacity; healthy ones first, and the ones marked down
    /// only when no allowed backend is healthy (so a pool recovers instead of refusing forever).
    private mutating func choose(excluding excluded: Set<Int>, now: NIODeadline) -> Int? {
        let allowed = backends.indices.filter { !excluded.contains($0) }
        let healthy = allowed.filter { backends[$0].isUp(at: now) }
        let candidates = (healthy.isEmpty ? allowed : healthy).filter { backends[$0].hasCapacity }
        guard !candidates.isEmpty else { return nil }
        let count = backends.count
        var best: Int?
        for step in 0..<count {
            let index = (cursor + step) % count
            guard candidates.contains(index) else { continue }
            if best == nil || backends[index].outstanding < backends[best!].outstanding { best = index }
        }
        cursor = (cursor + 1) % max(1, count)
        return best
    }

    /// Serves waiters in FIFO order while some backend they may use has capacity.
    private mutating func drainQueue(now: NIODeadline) -> [Handoff] {
        var handoffs: [Handoff] = []
        var index = 0
        while index < queue.count {
            let waiter = queue[index]
            if let backend = choose(excluding: waiter.excluded, now: now) {
                backends[backend].outstanding += 1
                queue.remove(at: index)
                handoffs.append(Handoff(waiterID: waiter.id, backend: backend))
            } else {
                index += 1
            }
        }
        return handoffs
    }
}
