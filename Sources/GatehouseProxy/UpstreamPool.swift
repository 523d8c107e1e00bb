import NIOConcurrencyHelpers
import NIOCore

/// A named pool of uWSGI backends shared by all event loops: least-outstanding choice among healthy backends,
/// per-backend concurrency limits, a bounded FIFO queue with a timeout (→ 503 `queue_full` / `queue_timeout`), and
/// passive health (a connect failure takes a backend out for `fail_timeout`).
///
/// The logic is `UpstreamPoolStateMachine`; this class runs it under a lock and completes promises and timers
/// outside the lock.
public final class UpstreamPool: Sendable {
    /// The pool's configuration.
    public let configuration: UpstreamConfiguration

    /// What a request waiting in the queue is told, on its event loop.
    public typealias Completion = @Sendable (Result<UpstreamLease, ProxyError>) -> Void

    private struct Waiting {
        var eventLoop: EventLoop
        var completion: Completion
        var timer: Scheduled<Void>?
    }

    private struct State {
        var machine: UpstreamPoolStateMachine
        var waiting: [Int: Waiting] = [:]
    }

    private let state: NIOLockedValueBox<State>

    /// Creates a pool.
    ///
    /// - Throws: `ProxyConfigurationError` when the configuration is invalid.
    public init(configuration: UpstreamConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        let machine = UpstreamPoolStateMachine(limits: configuration.backends.map(\.maxConnections),
                                               queueCapacity: configuration.queueSize,
                                               queueTimeout: configuration.queueTimeout,
                                               failTimeout: configuration.failTimeout)
        self.state = NIOLockedValueBox(State(machine: machine))
    }

    /// The pool's name.
    public var name: String { configuration.name }

    /// Gets a backend for one request, waiting in the queue if every allowed backend is at its limit.
    ///
    /// - Parameters:
    ///   - excluded: backend indexes already tried for this request.
    ///   - eventLoop: where the returned future completes and the queue timer runs.
    /// - Returns: a lease, or a failed future with `ProxyError` (`queue_full`, `queue_timeout`).
    public func acquire(excluding excluded: Set<Int> = [], eventLoop: EventLoop) -> EventLoopFuture<UpstreamLease> {
        let promise = eventLoop.makePromise(of: UpstreamLease.self)
        acquire(excluding: excluded, eventLoop: eventLoop) { promise.completeWith($0.mapError { $0 }) }
        return promise.futureResult
    }

    /// Gets a backend as `acquire(excluding:eventLoop:)` does, without a future: `completion` runs at once (on the
    /// caller's thread) when a backend is free or the queue is full, and later on `eventLoop` after a wait in the
    /// queue. Call it on `eventLoop`.
    public func acquire(excluding excluded: Set<Int> = [], eventLoop: EventLoop, completion: @escaping Completion) {
        let now = NIODeadline.now()
        let action = state.withLockedValue { state -> UpstreamPoolStateMachine.AcquireAction in
            let action = state.machine.acquire(excluding: excluded, now: now)
            if case .enqueue(let id, _) = action {
                state.waiting[id] = Waiting(eventLoop: eventLoop, completion: completion, timer: nil)
            }
            return action
        }
        switch action {
        case .lease(let index):
            completion(.success(makeLease(index)))
        case .reject(let reason):
            completion(.failure(ProxyError(reason, detail: "upstream '\(name)': all backends busy and the queue is full",
                                           retryAfterSeconds: configuration.retryAfterSeconds)))
        case .enqueue(let id, let deadline):
            let timer = eventLoop.scheduleTask(deadline: deadline) { [self] in self.expire(waiterID: id) }
            let stillWaiting = state.withLockedValue { state -> Bool in
                guard state.waiting[id] != nil else { return false }
                state.waiting[id]?.timer = timer
                return true
            }
            if !stillWaiting { timer.cancel() }
        }
    }

    /// Per-backend status for metrics and the status page.
    public func status() -> [(address: BackendAddress, outstanding: Int, up: Bool)] {
        let now = NIODeadline.now()
        return state.withLockedValue { state in
            zip(configuration.backends, state.machine.backends).map { config, live in
                (config.address, live.outstanding, live.isUp(at: now))
            }
        }
    }

    /// Requests waiting for a backend.
    public var queueLength: Int { state.withLockedValue { $0.machine.queue.count } }

    func release(backendIndex: Int, connectFailed: Bool) {
        let now = NIODeadline.now()
        let served = state.withLockedValue { state -> [(Waiting, Int)] in
            state.machine.release(backend: backendIndex, connectFailed: connectFailed, now: now).compactMap { handoff in
                guard let waiting = state.waiting.removeValue(forKey: handoff.waiterID) else { return nil }
                return (waiting, handoff.backend)
            }
        }
        for (waiting, backend) in served {
            waiting.timer?.cancel()
            let lease = makeLease(backend)
            // Never run the waiter inside the releasing exchange's code, even on the same loop.
            waiting.eventLoop.execute { waiting.completion(.success(lease)) }
        }
    }

    private func expire(waiterID: Int) {
        let waiting = state.withLockedValue { state -> Waiting? in
            guard state.machine.timeout(waiterID: waiterID) else { return nil }
            return state.waiting.removeValue(forKey: waiterID)
        }
        waiting?.completion(.failure(ProxyError(.queueTimeout,
                                                detail: "upstream '\(name)': waited \(configuration.queueTimeout.nanoseconds / 1_000_000) ms in the queue",
                                                retryAfterSeconds: configuration.retryAfterSeconds)))
    }

    private func makeLease(_ index: Int) -> UpstreamLease {
        UpstreamLease(backendIndex: index, backend: configuration.backends[index], pool: self)
    }
}
