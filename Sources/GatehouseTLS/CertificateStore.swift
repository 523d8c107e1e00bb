import Atomics

/// The one atomic reference to the current `CertificateSnapshot`. Handshakes read it in the certificate callback;
/// rotation (issue 6) builds and validates a new snapshot off the loop, then calls `swap(_:)`. Connections already
/// set up keep the pairs they were given; the next handshake sees the new snapshot.
public final class CertificateStore: Sendable {
    private let current: ManagedAtomic<CertificateSnapshot>

    /// Creates a store publishing `snapshot`.
    public init(_ snapshot: CertificateSnapshot = .empty) {
        self.current = ManagedAtomic(snapshot)
    }

    /// The snapshot in force now.
    public var snapshot: CertificateSnapshot {
        current.load(ordering: .acquiring)
    }

    /// Publishes `snapshot` for every later handshake and returns the one it replaced.
    @discardableResult
    public func swap(_ snapshot: CertificateSnapshot) -> CertificateSnapshot {
        current.exchange(snapshot, ordering: .acquiringAndReleasing)
    }
}
