import Dispatch

/// Runs indexed jobs on a fixed number of threads (Dispatch's `concurrentPerform`), largest-first order chosen by
/// the caller. The first error stops the remaining jobs and is rethrown.
enum WorkerPool {
    /// The number of workers for a configured parallelism (`0` = one per core).
    static func workerCount(_ configured: Int, jobs: Int) -> Int {
        let cores = max(1, System.coreCount)
        return max(1, min(jobs, configured == 0 ? cores : configured))
    }

    static func run(jobs: Int, workers: Int, _ body: @Sendable (Int) throws -> Void) throws {
        guard jobs > 0 else { return }
        let state = PoolState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs))) { _ in
            while let index = state.next(limit: jobs) {
                do { try body(index) } catch { state.fail(error) }
            }
        }
        if let error = state.firstError { throw error }
    }
}

private final class PoolState: @unchecked Sendable {
    private let lock = Lock()
    private var cursor = 0
    private var error: Error?

    func next(limit: Int) -> Int? {
        lock.withLock {
            guard error == nil, cursor < limit else { return nil }
            defer { cursor += 1 }
            return cursor
        }
    }

    func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var firstError: Error? { lock.withLock { error } }
}
