/// The kind of key a certificate carries; OpenSSL keeps one certificate slot per kind, so an RSA and an ECDSA
/// pair can serve the same name and the client's signature algorithms pick between them.
public enum KeyType: String, Sendable, Hashable, CaseIterable {
    /// RSA keys (signature algorithms `rsa_pss_*`, `rsa_pkcs1_*`).
    case rsa
    /// ECDSA keys on a named curve (P-256, P-384…).
    case ecdsa
    /// Ed25519 keys.
    case ed25519
}
