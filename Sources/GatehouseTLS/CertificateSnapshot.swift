import Atomics

/// An immutable set of certificate pairs indexed by server name, published as a whole through `CertificateStore`.
///
/// Build it off the event loop from validated `CertifiedKey`s; once published it is never mutated, so handshakes on
/// any thread read it without locks.
public final class CertificateSnapshot: @unchecked Sendable, AtomicReference {
    /// Every pair, in configuration order.
    public let pairs: [CertifiedKey]
    /// The name → pairs index used by the certificate callback.
    public let index: ServerNameIndex<CertifiedKey>

    /// Indexes `pairs` by their names; `defaultName` picks the default set (otherwise the first pair's first name).
    public init(pairs: [CertifiedKey], defaultName: String? = nil) {
        self.pairs = pairs
        self.index = ServerNameIndex(
            entries: pairs.map { .init(names: $0.names, keyType: $0.keyType, value: $0) },
            defaultName: defaultName)
    }

    /// A snapshot with no certificates: every handshake fails until a real snapshot is swapped in.
    public static let empty = CertificateSnapshot(pairs: [])

    /// The pairs to present for `serverName`, or `.reject`.
    public func select(serverName: String?, rejectUnknownNames: Bool) -> ServerNameSelection<CertifiedKey> {
        index.select(serverName: serverName, rejectUnknownNames: rejectUnknownNames)
    }

    /// The earliest `notAfter` among the pairs (nil when empty), for expiry warnings.
    public var earliestExpiry: Int64? {
        pairs.map(\.notAfter).min()
    }
}

extension CertificateSnapshot {
    /// Loads and validates every pair (see `CertifiedKey.load`) and indexes them; the first failure is thrown and
    /// nothing is returned, so a bad pair never goes live. Blocking file I/O: call it off the event loop.
    /// - Throws: `CertificateError` naming the file and the problem.
    public static func load(_ sources: [CertificateSource], defaultName: String? = nil, now: Int64? = nil) throws
        -> CertificateSnapshot {
        let pairs = try sources.map { try CertifiedKey.load($0, now: now) }
        return CertificateSnapshot(pairs: pairs, defaultName: defaultName)
    }
}
