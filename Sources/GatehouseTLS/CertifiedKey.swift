import CGatehouseOpenSSL

/// A validated certificate pair: leaf, chain and private key, plus the names it serves. Immutable; the OpenSSL
/// objects are freed when the last snapshot or connection setup holding it is gone (OpenSSL up-refs what it installs
/// on a connection, so live connections never depend on this object).
///
/// Make one with `CertifiedKey.load(_:now:)` (reads files; blocking) or `CertifiedKey.validate(…)` (from bytes).
public final class CertifiedKey: @unchecked Sendable {
    /// The leaf certificate.
    public let certificate: Certificate
    /// Intermediates, leaf's issuer first.
    public let chain: [Certificate]
    /// The leaf's private key.
    public let privateKey: PrivateKey
    /// RSA, ECDSA or Ed25519.
    public let keyType: KeyType
    /// The names this pair serves (as configured, or the certificate's SAN names), lower-cased.
    public let names: [String]
    /// The files it came from (for logs and errors).
    public let source: CertificateSource
    /// The chain as a `STACK_OF(X509)` built once for `SSL_use_cert_and_key` (nil when there is no chain).
    let chainStack: OpaquePointer?

    init(certificate: Certificate, chain: [Certificate], privateKey: PrivateKey, keyType: KeyType,
         names: [String], source: CertificateSource) {
        self.certificate = certificate
        self.chain = chain
        self.privateKey = privateKey
        self.keyType = keyType
        self.names = names
        self.source = source
        self.serialNumberHex = certificate.serialNumberHex
        if chain.isEmpty {
            self.chainStack = nil
        } else {
            let stack = gh_sk_X509_new_null()
            for cert in chain where X509_up_ref(cert.ref) == 1 {
                if gh_sk_X509_push(stack, cert.ref) <= 0 { X509_free(cert.ref) }
            }
            self.chainStack = stack
        }
    }

    deinit {
        if let chainStack { gh_sk_X509_pop_free(chainStack) }
    }

    /// End of the leaf's validity, in epoch seconds (for the expiry metric and warnings).
    public var notAfter: Int64 { certificate.notAfter }
    /// The leaf's serial number in upper-case hex (computed once, off the event loop).
    public let serialNumberHex: String
    /// The leaf's SAN names (DNS and IP).
    public var subjectNames: [String] { certificate.subjectNames }

    /// Installs this pair on a connection (from the certificate callback). Returns false if OpenSSL refuses.
    func install(on ssl: OpaquePointer) -> Bool {
        SSL_use_cert_and_key(ssl, certificate.ref, privateKey.ref, chainStack, 1) == 1
    }
}
