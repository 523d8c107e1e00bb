import CGatehouseOpenSSL
import NIOCore

/// One server-side `SSL*` over a `ByteBufferBIO`, with each OpenSSL call's outcome as a Swift value.
///
/// Owns the `SSL*` (freed in `deinit`) and keeps its `TLSServerContext` alive so the context's C callbacks never
/// see a freed object. Not thread-safe: used only on its channel's event loop.
final class TLSConnection {
    /// The outcome of one OpenSSL I/O call.
    enum Outcome: Equatable {
        /// The call did its work (`SSL_read_ex`: `count` bytes).
        case done(count: Int)
        /// OpenSSL needs more ciphertext from the peer.
        case wantRead
        /// The peer sent close_notify.
        case closed
        /// A failure: OpenSSL's error queue and the `SSL_ERROR_*` name.
        case failed([OpenSSLErrorEntry], String)
    }

    let context: TLSServerContext
    let ssl: OpaquePointer
    let bio: ByteBufferBIO

    init?(context: TLSServerContext, allocator: ByteBufferAllocator) {
        guard let ssl = SSL_new(context.ctx) else { return nil }
        guard let bio = ByteBufferBIO(allocator: allocator) else {
            SSL_free(ssl)
            return nil
        }
        self.context = context
        self.ssl = ssl
        self.bio = bio
        bio.attach(to: ssl)
        SSL_set_accept_state(ssl)
    }

    deinit {
        SSL_free(ssl)
    }

    /// Runs one handshake step.
    func handshake() -> Outcome {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        return result == 1 ? .done(count: 0) : outcome(result)
    }

    /// Decrypts one record's worth of plaintext into `buffer` (which grows to hold at least `chunk` bytes).
    func read(into buffer: inout ByteBuffer, chunk: Int) -> Outcome {
        OpenSSLErrorQueue.clear()
        var result: Int32 = 0
        let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: chunk) { space -> Int in
            var read = 0
            result = SSL_read_ex(ssl, space.baseAddress, space.count, &read)
            return result == 1 ? read : 0
        }
        return result == 1 ? .done(count: count) : outcome(result)
    }

    /// Encrypts all of `bytes` (one or more records; our BIO never refuses a write, so it is never partial).
    func write(_ bytes: ByteBuffer) -> Outcome {
        guard bytes.readableBytes > 0 else { return .done(count: 0) }
        OpenSSLErrorQueue.clear()
        var result: Int32 = 0
        var written = 0
        bytes.withUnsafeReadableBytes { raw in
            result = SSL_write_ex(ssl, raw.baseAddress, raw.count, &written)
        }
        return result == 1 ? .done(count: written) : outcome(result)
    }

    /// Sends close_notify (first call) or checks for the peer's: `.done(count: 1)` when both sides are done,
    /// `.done(count: 0)` when ours is sent and the peer's is still awaited.
    func shutdown() -> Outcome {
        OpenSSLErrorQueue.clear()
        let result = SSL_shutdown(ssl)
        if result >= 0 { return .done(count: Int(result)) }
        return outcome(result)
    }

    /// The ciphertext produced since the last call.
    /// Reserves outbound room for the records that will carry `plaintextBytes` (at most 29 bytes of record
    /// overhead per 16 KiB: TLS 1.2 GCM's header, explicit nonce and tag; TLS 1.3 needs less).
    func reserveCiphertext(forPlaintext plaintextBytes: Int) {
        bio.reserveOutbound(plaintextBytes + (plaintextBytes / 16_384 + 1) * 29)
    }

    func takeCiphertext() -> ByteBuffer? {
        bio.takeOutbound()
    }

    /// Whether `SSL_read` could make progress: unread ciphertext, or bytes OpenSSL already holds.
    var hasInput: Bool {
        bio.unreadInboundBytes > 0 || SSL_has_pending(ssl) == 1
    }

    /// Ciphertext bytes received and not yet read by OpenSSL (an upper bound on the plaintext they carry).
    var unreadInputBytes: Int {
        bio.unreadInboundBytes
    }

    /// Queues received ciphertext.
    func receive(_ buffer: ByteBuffer) {
        bio.receive(buffer)
    }

    /// What the handshake negotiated.
    func info() -> TLSConnectionInfo {
        var alpnPointer: UnsafePointer<UInt8>?
        var alpnLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &alpnPointer, &alpnLength)
        let alpn = alpnPointer.flatMap { alpnLength == 0 ? nil :
            String(decoding: UnsafeBufferPointer(start: $0, count: Int(alpnLength)), as: UTF8.self) }
        let cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map(Self.cipherName)
        let reused = SSL_session_reused(ssl) == 1
        var serial: String?
        if !reused, let x509 = SSL_get_certificate(ssl) {
            serial = context.prepared.load(ordering: .acquiring).serial(of: x509)
            if serial == nil, X509_up_ref(x509) == 1 {  // the snapshot was swapped since this handshake chose
                serial = Certificate(takingOwnershipOf: x509).serialNumberHex
            }
        }
        return TLSConnectionInfo(
            serverName: TLSServerContext.serverName(of: ssl),
            protocolVersion: String(cString: SSL_get_version(ssl)),
            cipher: cipher ?? "",
            negotiatedProtocol: alpn,
            sessionReused: reused,
            certificateSerial: serial)
    }

    /// The usual cipher names as string literals: every connection keeps its `TLSConnectionInfo`, and a name
    /// copied out of OpenSSL (22–29 bytes, too long for an inline string) would be one allocation per connection.
    private static let knownCipherNames: [String] = [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ]

    static func cipherName(_ name: UnsafePointer<CChar>) -> String {
        for known in knownCipherNames where known.withCString({ strcmp($0, name) }) == 0 {
            return known  // a literal: copying it allocates nothing
        }
        return String(cString: name)
    }

    private func outcome(_ result: Int32) -> Outcome {
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return .wantRead
        case SSL_ERROR_ZERO_RETURN: return .closed
        case SSL_ERROR_SYSCALL: return .failed(OpenSSLErrorQueue.drain(), "SSL_ERROR_SYSCALL")
        case SSL_ERROR_SSL: return .failed(OpenSSLErrorQueue.drain(), "SSL_ERROR_SSL")
        default: return .failed(OpenSSLErrorQueue.drain(), "SSL_ERROR \(code)")
        }
    }
}
