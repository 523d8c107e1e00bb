import Atomics

/// The one atomic reference to the current `CertificateSnapshot`. Rotation builds and validates a new snapshot off
/// the loop, then calls `swap(_:)`. Connections already set up keep the pairs they were given; every handshake that
/// starts after `swap` returns sees the new snapshot.
///
/// Each `TLSServerContext` using the store prepares one `SSL_CTX` per selectable group of pairs
/// (`PreparedCertificates`); `swap` has it do so on the calling thread before returning, so that work never runs on an
/// event loop.
public final class CertificateStore: Sendable {
    private let current: ManagedAtomic<CertificateSnapshot>
    private let observers = ManagedAtomic(CertificateStoreObservers(entries: []))

    /// Creates a store publishing `snapshot`.
    public init(_ snapshot: CertificateSnapshot = .empty) {
        self.current = ManagedAtomic(snapshot)
    }

    /// The snapshot in force now.
    public var snapshot: CertificateSnapshot {
        current.load(ordering: .acquiring)
    }

    /// Publishes `snapshot` for every later handshake and returns the one it replaced. Blocks while each context
    /// using the store prepares its `SSL_CTX`s for the new pairs: call it off the event loop.
    @discardableResult
    public func swap(_ snapshot: CertificateSnapshot) -> CertificateSnapshot {
        let previous = current.exchange(snapshot, ordering: .acquiringAndReleasing)
        for entry in observers.load(ordering: .acquiring).entries {
            entry.observer?.certificatesChanged(in: self)
        }
        return previous
    }

    /// Registers `observer` (held weakly) to be told after every `swap`, on the swapping thread.
    func addObserver(_ observer: CertificateStoreObserver) {
        while true {
            let old = observers.load(ordering: .acquiring)
            let next = CertificateStoreObservers(
                entries: old.entries.filter { $0.observer != nil } + [WeakCertificateStoreObserver(observer: observer)])
            if observers.compareExchange(expected: old, desired: next, ordering: .acquiringAndReleasing).exchanged {
                return
            }
        }
    }
}

/// Told when a `CertificateStore` publishes a new snapshot (see `CertificateStore.addObserver`).
protocol CertificateStoreObserver: AnyObject, Sendable {
    /// Called on the thread that called `swap`, after the new snapshot is published.
    func certificatesChanged(in store: CertificateStore)
}

/// A weak reference to an observer, so a store never keeps a dropped context alive.
struct WeakCertificateStoreObserver: @unchecked Sendable {
    weak var observer: CertificateStoreObserver?
}

/// An immutable observer list, replaced as a whole.
final class CertificateStoreObservers: AtomicReference, Sendable {
    let entries: [WeakCertificateStoreObserver]

    init(entries: [WeakCertificateStoreObserver]) {
        self.entries = entries
    }
}
