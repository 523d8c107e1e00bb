import Atomics
import CGatehouseOpenSSL

/// One session-ticket key: a 16-byte name sent in the ticket, an AES-256 key and an HMAC-SHA256 key.
/// Generated in memory from OpenSSL's CSPRNG; never written anywhere.
struct TicketKey: Sendable {
    let name: [UInt8]
    let aesKey: [UInt8]
    let hmacKey: [UInt8]

    /// A fresh random key, or nil if the random generator fails.
    static func random() -> TicketKey? {
        var bytes = [UInt8](repeating: 0, count: 16 + 32 + 32)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { return nil }
        return TicketKey(name: Array(bytes[0..<16]), aesKey: Array(bytes[16..<48]), hmacKey: Array(bytes[48..<80]))
    }
}

/// The ticket keys in force: the current one (encrypts new tickets) then older ones (decrypt only). Immutable.
final class TicketKeySet: AtomicReference, @unchecked Sendable {
    let keys: [TicketKey]

    init(keys: [TicketKey]) {
        self.keys = keys
    }

    /// The key that encrypts new tickets.
    var current: TicketKey? { keys.first }

    /// The key named `name` and whether it is the current one.
    func key(named name: UnsafePointer<UInt8>) -> (key: TicketKey, isCurrent: Bool)? {
        for (index, key) in keys.enumerated() where key.name.elementsEqual(UnsafeBufferPointer(start: name, count: 16)) {
            return (key, index == 0)
        }
        return nil
    }
}

/// Holds the ticket keys behind one atomic reference; `rotate()` publishes a new set with a fresh current key and
/// keeps up to `kept - 1` previous keys so tickets issued shortly before a rotation still resume.
final class TicketKeyStore: Sendable {
    private let current: ManagedAtomic<TicketKeySet>
    let kept: Int

    init(kept: Int) {
        self.kept = max(1, kept)
        self.current = ManagedAtomic(TicketKeySet(keys: TicketKey.random().map { [$0] } ?? []))
    }

    var keys: TicketKeySet { current.load(ordering: .acquiring) }

    /// Makes a fresh current key; the previous current key becomes decrypt-only; the oldest beyond `kept` is dropped.
    func rotate() {
        guard let fresh = TicketKey.random() else { return }
        while true {
            let old = current.load(ordering: .acquiring)
            let next = TicketKeySet(keys: Array(([fresh] + old.keys).prefix(kept)))
            if current.compareExchange(expected: old, desired: next, ordering: .acquiringAndReleasing).exchanged { return }
        }
    }
}
