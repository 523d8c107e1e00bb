import Foundation

/// A mount and its current ``AssetIndex`` behind a lock: readers take the reference (a retain under an
/// uncontended lock), a reload replaces it. A reader keeps the snapshot it took for the whole request.
final class IndexReference: @unchecked Sendable {
    let mount: StaticMount
    private let lock = NSLock()
    private var current: AssetIndex

    init(_ index: AssetIndex) {
        self.mount = index.mount
        self.current = index
    }

    /// The current snapshot.
    var index: AssetIndex {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Publishes `index`; returns the one it replaces.
    @discardableResult
    func swap(_ index: AssetIndex) -> AssetIndex {
        lock.lock()
        defer { lock.unlock() }
        let old = current
        current = index
        return old
    }
}
