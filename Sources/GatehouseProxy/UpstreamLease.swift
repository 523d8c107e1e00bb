import NIOConcurrencyHelpers

/// The right to send one request to one backend of an `UpstreamPool`. Release it exactly once (extra calls are
/// ignored) with the outcome, so the pool can count outstanding requests and mark failing backends down.
public final class UpstreamLease: Sendable {
    /// The backend's position in the pool's configuration.
    public let backendIndex: Int
    /// The backend to use.
    public let backend: BackendConfiguration
    private let pool: UpstreamPool
    private let released = NIOLockedValueBox(false)

    init(backendIndex: Int, backend: BackendConfiguration, pool: UpstreamPool) {
        self.backendIndex = backendIndex
        self.backend = backend
        self.pool = pool
    }

    /// Gives the slot back. `connectFailed` (refused or timed out) takes the backend out for `fail_timeout`.
    public func release(connectFailed: Bool = false) {
        let first = released.withLockedValue { done -> Bool in
            defer { done = true }
            return !done
        }
        if first { pool.release(backendIndex: backendIndex, connectFailed: connectFailed) }
    }
}
