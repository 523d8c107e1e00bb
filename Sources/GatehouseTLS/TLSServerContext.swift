import Atomics
import CGatehouseOpenSSL
import NIOCore

/// The one long-lived OpenSSL server context (`SSL_CTX`) of a listener: versions, ciphers, groups, ALPN, the
/// session cache and session-ticket keys. Certificates are not part of it: the certificate callback picks them per
/// handshake from `certificates` (a `CertificateStore`), so rotating certificates swaps only the snapshot and the
/// session cache and ticket keys survive.
///
/// Thread-safe: after `init` the `SSL_CTX` is never mutated; ticket keys and certificates are atomic references.
/// Every connection's `TLSHandler` keeps this object alive, so the C callbacks always find it.
public final class TLSServerContext: @unchecked Sendable {
    /// The policy this context was built from.
    public let configuration: TLSConfiguration
    /// The certificate snapshot holder read by every handshake; call `certificates.swap(_:)` to rotate.
    public let certificates: CertificateStore
    /// The `SSL_CTX*` (owned; freed in `deinit`).
    let ctx: OpaquePointer
    let alpn: ALPNSelector
    let ticketKeys: TicketKeyStore
    /// AES-256-CBC fetched once: fetching per handshake takes provider locks (TECH-NOTES §1.8).
    let ticketCipher: OpaquePointer
    /// The snapshot the callbacks select from, with one prepared `SSL_CTX` per slot; refreshed after every
    /// `certificates.swap` (see `PreparedCertificates`).
    let prepared: ManagedAtomic<PreparedCertificates>

    /// Index of this object's pointer in the `SSL_CTX` ex-data (for the ticket callback, which has no argument).
    static let exDataIndex: Int32 = gh_SSL_CTX_get_ex_new_index()

    /// Builds the context. Cheap and free of I/O; certificates are loaded separately (`CertifiedKey.load`).
    /// - Throws: `TLSConfigurationError` when OpenSSL refuses a setting.
    public init(configuration: TLSConfiguration, certificates: CertificateStore) throws {
        if let problem = configuration.validate().first { throw TLSConfigurationError(problem: problem) }
        OpenSSLErrorQueue.clear()
        guard let ctx = SSL_CTX_new(TLS_server_method()) else {
            throw TLSConfigurationError(problem: "cannot create SSL_CTX", openSSLErrors: OpenSSLErrorQueue.drain())
        }
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-CBC", nil) else {
            SSL_CTX_free(ctx)
            throw TLSConfigurationError(problem: "AES-256-CBC is unavailable", openSSLErrors: OpenSSLErrorQueue.drain())
        }
        self.ctx = ctx
        self.ticketCipher = cipher
        self.configuration = configuration
        self.certificates = certificates
        self.alpn = ALPNSelector(protocols: configuration.applicationProtocols)
        self.ticketKeys = TicketKeyStore(kept: configuration.ticketKeysKept)
        self.prepared = ManagedAtomic(PreparedCertificates.make(for: .empty, reusing: nil) { _ in false })
        try Self.applyPolicy(configuration, to: ctx)  // on throw, deinit frees ctx and cipher
        installCallbacks(on: ctx)
        certificates.addObserver(self)
        refreshPreparedCertificates()
    }

    deinit {
        SSL_CTX_free(ctx)
        EVP_CIPHER_free(ticketCipher)
    }

    /// Replaces the current session-ticket key with a fresh one; older keys still decrypt (up to
    /// `configuration.ticketKeysKept` in all) and tickets made with them are renewed on use.
    public func rotateTicketKeys() {
        ticketKeys.rotate()
    }

    /// Calls `rotateTicketKeys()` every `configuration.ticketKeyRotationInterval` on `eventLoop`.
    /// Cancel the returned task on shutdown.
    @discardableResult
    public func scheduleTicketKeyRotation(on eventLoop: EventLoop) -> RepeatedTask {
        let interval = TimeAmount(configuration.ticketKeyRotationInterval)
        return eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [self] _ in
            self.rotateTicketKeys()
        }
    }

    /// A new handler for one accepted connection (add it first in the child channel's pipeline).
    public func makeHandler() -> TLSHandler {
        TLSHandler(context: self)
    }

    /// Number of sessions currently in the server-side session cache.
    public var cachedSessionCount: Int {
        Int(gh_SSL_CTX_sess_number(ctx))
    }

    /// Rebuilds the prepared contexts until they serve the store's current snapshot (concurrent swaps converge:
    /// whoever publishes a stale set sees the newer snapshot afterwards and goes round again).
    func refreshPreparedCertificates() {
        while true {
            let snapshot = certificates.snapshot
            let old = prepared.load(ordering: .acquiring)
            if old.snapshot === snapshot { return }
            let next = PreparedCertificates.make(for: snapshot, reusing: old) { self.configurePrepared($0) }
            prepared.store(next, ordering: .releasing)
            if certificates.snapshot === snapshot { return }
        }
    }

    /// A prepared context is a full copy of the policy context (same policy, same callbacks and ex-data) plus its
    /// certificates: OpenSSL reads some settings from the connection's current `ctx` after the certificate callback
    /// switched it (e.g. the session cache mode decides whether a TLS 1.2 ServerHello carries a session ID), others
    /// from `session_ctx` (the policy context: session cache, ticket keys).
    private func configurePrepared(_ prepared: OpaquePointer) -> Bool {
        do {
            try Self.applyPolicy(configuration, to: prepared)
        } catch {
            return false
        }
        installCallbacks(on: prepared)
        return true
    }

    private static func applyPolicy(_ config: TLSConfiguration, to ctx: OpaquePointer) throws {
        func check(_ ok: Bool, _ problem: @autoclosure () -> String) throws {
            if !ok { throw TLSConfigurationError(problem: problem(), openSSLErrors: OpenSSLErrorQueue.drain()) }
        }
        try check(gh_SSL_CTX_set_min_proto_version(ctx, config.minimumVersion.openSSLValue) == 1,
                  "cannot set minimum version \(config.minimumVersion.rawValue)")
        try check(gh_SSL_CTX_set_max_proto_version(ctx, config.maximumVersion.openSSLValue) == 1,
                  "cannot set maximum version \(config.maximumVersion.rawValue)")
        var options = gh_SSL_OP_NO_COMPRESSION | gh_SSL_OP_NO_RENEGOTIATION | gh_SSL_OP_CIPHER_SERVER_PREFERENCE
            | gh_SSL_OP_PRIORITIZE_CHACHA | gh_SSL_OP_NO_SSLv3 | gh_SSL_OP_NO_TLSv1 | gh_SSL_OP_NO_TLSv1_1
        if !config.sessionTicketsEnabled { options |= gh_SSL_OP_NO_TICKET }
        SSL_CTX_set_options(ctx, options)
        try check(SSL_CTX_set_cipher_list(ctx, config.tls12Ciphers) == 1,
                  "TLS 1.2 cipher list '\(config.tls12Ciphers)' is not usable")
        try check(SSL_CTX_set_ciphersuites(ctx, config.tls13Ciphersuites) == 1,
                  "TLS 1.3 ciphersuites '\(config.tls13Ciphersuites)' are not usable")
        let groups = config.groups.joined(separator: ":")
        try check(gh_SSL_CTX_set1_groups_list(ctx, groups) == 1, "groups '\(groups)' are not usable")
        _ = gh_SSL_CTX_set_dh_auto(ctx, 1)
        _ = gh_SSL_CTX_set_mode(ctx, Int(SSL_MODE_RELEASE_BUFFERS))
        if config.sessionCacheSize > 0 {
            _ = gh_SSL_CTX_set_session_cache_mode(ctx, gh_SSL_SESS_CACHE_SERVER)
            _ = gh_SSL_CTX_sess_set_cache_size(ctx, config.sessionCacheSize)
        } else {
            _ = gh_SSL_CTX_set_session_cache_mode(ctx, gh_SSL_SESS_CACHE_OFF)
        }
        SSL_CTX_set_timeout(ctx, config.sessionTimeoutSeconds)
        let sessionContext: [UInt8] = Array("gatehouse".utf8)
        _ = SSL_CTX_set_session_id_context(ctx, sessionContext, UInt32(sessionContext.count))
        _ = SSL_CTX_set_num_tickets(ctx, max(0, config.ticketsPerHandshake))
        OpenSSLErrorQueue.clear()
    }

    private func installCallbacks(on ctx: OpaquePointer) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        SSL_CTX_set_ex_data(ctx, TLSServerContext.exDataIndex, me)
        SSL_CTX_set_cert_cb(ctx, TLSServerContext.certificateCallback, me)
        _ = gh_SSL_CTX_set_tlsext_servername_callback(ctx, TLSServerContext.serverNameCallback)
        _ = gh_SSL_CTX_set_tlsext_servername_arg(ctx, me)
        SSL_CTX_set_alpn_select_cb(ctx, TLSServerContext.alpnCallback, me)
        if configuration.sessionTicketsEnabled {
            _ = SSL_CTX_set_tlsext_ticket_key_evp_cb(ctx, TLSServerContext.ticketKeyCallback)
        }
    }
}

extension TLSVersion {
    /// The OpenSSL constant (`TLS1_2_VERSION`, `TLS1_3_VERSION`).
    var openSSLValue: Int32 {
        switch self {
        case .tls12: return TLS1_2_VERSION
        case .tls13: return TLS1_3_VERSION
        }
    }
}

extension TimeAmount {
    /// Converts a Swift `Duration` (nanosecond precision).
    init(_ duration: Duration) {
        let parts = duration.components
        self = .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}

extension TLSServerContext: CertificateStoreObserver {
    func certificatesChanged(in store: CertificateStore) {
        refreshPreparedCertificates()
    }
}
