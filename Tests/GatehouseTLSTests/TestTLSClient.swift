import CGatehouseOpenSSL
@testable import GatehouseTLS
import NIOCore
import XCTest

/// A real OpenSSL TLS client over memory BIOs, driven by the test, that verifies the server against the test CA.
final class TestTLSClient {
    let ctx: OpaquePointer
    let ssl: OpaquePointer
    let readBIO: OpaquePointer
    let writeBIO: OpaquePointer

    init(trusting ca: Certificate, serverName: String?, verifyName: String? = nil, maxVersion: Int32? = nil,
         alpn: [String] = ["http/1.1"], signatureAlgorithms: String? = nil, session: OpaquePointer? = nil,
         groups: String? = nil) throws {
        ctx = try XCTUnwrap(SSL_CTX_new(TLS_client_method()))
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), ca.ref)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        if let maxVersion { _ = gh_SSL_CTX_set_max_proto_version(ctx, maxVersion) }
        // Allow the client to keep a session for resumption.
        _ = gh_SSL_CTX_set_session_cache_mode(ctx, 1 /* SSL_SESS_CACHE_CLIENT */)
        ssl = try XCTUnwrap(SSL_new(ctx))
        readBIO = BIO_new(BIO_s_mem())
        writeBIO = BIO_new(BIO_s_mem())
        SSL_set_bio(ssl, readBIO, writeBIO)
        SSL_set_connect_state(ssl)
        if let serverName { _ = gh_SSL_set_tlsext_host_name(ssl, serverName) }
        if let name = verifyName ?? serverName { SSL_set1_host(ssl, name) }
        if !alpn.isEmpty {
            let wire = ALPNSelector.wireFormat(alpn)
            _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
        }
        if let signatureAlgorithms { _ = gh_SSL_set1_sigalgs_list(ssl, signatureAlgorithms) }
        if let session { SSL_set_session(ssl, session) }
        if let groups { _ = gh_SSL_set1_groups_list(ssl, groups) }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(ctx)
    }

    /// Ciphertext the client wants to send.
    func takeOutput() -> ByteBuffer? {
        let pending = Int(BIO_ctrl_pending(writeBIO))
        guard pending > 0 else { return nil }
        var buffer = ByteBufferAllocator().buffer(capacity: pending)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: pending) { BIO_read(writeBIO, $0.baseAddress, Int32(pending)).asCount }
        return buffer
    }

    /// Feeds ciphertext from the server.
    func feed(_ buffer: ByteBuffer) {
        buffer.withUnsafeReadableBytes { _ = BIO_write(readBIO, $0.baseAddress, Int32($0.count)) }
    }

    /// One handshake step: 1 done, otherwise the `SSL_get_error` code.
    func handshake() -> Int32 {
        ERR_clear_error()
        let result = SSL_do_handshake(ssl)
        if result == 1 { return 1 }
        let code = SSL_get_error(ssl, result)
        if code == SSL_ERROR_SSL, let reason = ERR_reason_error_string(ERR_peek_last_error()) {
            handshakeError = String(cString: reason)
        }
        return -code
    }

    /// OpenSSL's reason for the client's handshake failure (e.g. `tlsv1 unrecognized name`).
    var handshakeError: String?

    var handshakeDone: Bool { SSL_is_init_finished(ssl) == 1 }

    /// Encrypts `text`.
    func write(_ bytes: [UInt8]) {
        var written = 0
        XCTAssertEqual(SSL_write_ex(ssl, bytes, bytes.count, &written), 1)
    }

    /// Decrypts everything available. `closed` is true if the server's close_notify was seen.
    func read() -> (bytes: [UInt8], closed: Bool, error: Int32?) {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            var count = 0
            ERR_clear_error()
            if SSL_read_ex(ssl, &chunk, chunk.count, &count) == 1 {
                result += chunk[0..<count]
                continue
            }
            let code = SSL_get_error(ssl, 0)
            if code == SSL_ERROR_WANT_READ { return (result, false, nil) }
            if code == SSL_ERROR_ZERO_RETURN { return (result, true, nil) }
            return (result, false, code)
        }
    }

    /// Sends close_notify (returns `SSL_shutdown`'s result).
    func shutdown() -> Int32 { SSL_shutdown(ssl) }

    /// The session to resume later (caller frees with `SSL_SESSION_free`).
    func session() -> OpaquePointer? { SSL_get1_session(ssl) }

    var reused: Bool { SSL_session_reused(ssl) == 1 }

    var version: String { String(cString: SSL_get_version(ssl)) }

    /// Serial of the certificate the server presented.
    var peerSerial: String? {
        guard let x509 = SSL_get1_peer_certificate(ssl) else { return nil }
        return Certificate(takingOwnershipOf: x509).serialNumberHex
    }

    var peerKeyType: KeyType? {
        guard let x509 = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(x509) }
        switch EVP_PKEY_get_base_id(X509_get0_pubkey(x509)) {
        case EVP_PKEY_RSA: return .rsa
        case EVP_PKEY_EC: return .ecdsa
        default: return nil
        }
    }
}

private extension Int32 {
    var asCount: Int { Int(Swift.max(0, self)) }
}
