import Atomics
import CGatehouseOpenSSL

/// One `SSL_CTX` per slot of a `CertificateSnapshot` (a server name's RSA and/or ECDSA pairs), each holding those
/// pairs and a copy of the policy, so the certificate callback switches a connection to it with `SSL_set_SSL_CTX`
/// (~1 µs) instead of installing each pair with `SSL_use_cert_and_key` (~14 µs: that re-checks key against cert).
///
/// What stays with the policy context: OpenSSL 3.0's `SSL_set_SSL_CTX` replaces the connection's `ctx` and its
/// `CERT` (certificates, `dh_auto`, certificate callback), up-refs the new `ctx`, and keeps `session_ctx`, from which
/// the session cache and the session-ticket key callback are used. Version, options, ciphers and groups were copied
/// into the `SSL` by `SSL_new`. Some things are still read from the new `ctx` later in the handshake (the ALPN
/// callback in TLS 1.2, the session cache mode when TLS 1.2 decides to send a session ID, the ex-data the ticket
/// callback finds through `SSL_get_SSL_CTX`), so each prepared context gets the whole policy and every callback of
/// the policy context (`TLSServerContext.configurePrepared`); the session ID context is equal, so the connection's
/// stays "gatehouse".
///
/// Built off the event loop (at `TLSServerContext.init` and on the thread calling `CertificateStore.swap`). Each
/// `SSL` switched to a context up-refs it, so freeing this object never pulls a context from under a connection.
final class PreparedCertificates: AtomicReference, @unchecked Sendable {
    /// The snapshot these contexts serve; the callbacks select from it, so slots and contexts always agree.
    let snapshot: CertificateSnapshot
    /// `contexts[slot]` serves `snapshot.index.slots[slot]`; nil when OpenSSL refused it (then pairs are
    /// installed per handshake, the slow way).
    let contexts: [OpaquePointer?]
    /// The pairs of each slot, by identity, to reuse unchanged contexts on the next swap.
    private let keys: [[ObjectIdentifier]]
    /// Each leaf's serial by its `X509*` (the very object OpenSSL presents, as installing up-refs, never copies):
    /// saves formatting the serial per handshake for `TLSConnectionInfo`.
    private let serials: [OpaquePointer: String]

    private init(snapshot: CertificateSnapshot, contexts: [OpaquePointer?], keys: [[ObjectIdentifier]]) {
        self.snapshot = snapshot
        self.contexts = contexts
        self.keys = keys
        var serials: [OpaquePointer: String] = [:]
        for pair in snapshot.pairs { serials[pair.certificate.ref] = pair.serialNumberHex }
        self.serials = serials
    }

    /// The serial of a leaf of this snapshot, found by its `X509*` (nil if it is not one of them).
    func serial(of certificate: OpaquePointer) -> String? {
        serials[certificate]
    }

    deinit {
        for case let ctx? in contexts { SSL_CTX_free(ctx) }
    }

    /// Contexts for every slot of `snapshot`. Slots serving the same pairs as in `previous` reuse its context;
    /// `configure` applies the policy and callbacks to a new one (false: refused).
    static func make(for snapshot: CertificateSnapshot, reusing previous: PreparedCertificates?,
                     configure: (OpaquePointer) -> Bool) -> PreparedCertificates {
        var reusable: [[ObjectIdentifier]: OpaquePointer] = [:]
        if let previous {
            for (key, ctx) in zip(previous.keys, previous.contexts) { if let ctx { reusable[key] = ctx } }
        }
        var contexts: [OpaquePointer?] = []
        var keys: [[ObjectIdentifier]] = []
        for pairs in snapshot.index.slots {
            let key = pairs.map(ObjectIdentifier.init)
            keys.append(key)
            if let ctx = reusable[key], SSL_CTX_up_ref(ctx) == 1 {
                contexts.append(ctx)
            } else {
                contexts.append(prepare(pairs, configure: configure))
            }
        }
        return PreparedCertificates(snapshot: snapshot, contexts: contexts, keys: keys)
    }

    private static func prepare(_ pairs: [CertifiedKey], configure: (OpaquePointer) -> Bool) -> OpaquePointer? {
        OpenSSLErrorQueue.clear()
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { return nil }
        var ok = configure(ctx)
        for pair in pairs where ok {
            ok = SSL_CTX_use_cert_and_key(ctx, pair.certificate.ref, pair.privateKey.ref, pair.chainStack, 1) == 1
        }
        OpenSSLErrorQueue.clear()
        if ok { return ctx }
        SSL_CTX_free(ctx)
        return nil
    }
}
