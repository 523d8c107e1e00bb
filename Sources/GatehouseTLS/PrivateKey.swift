import CGatehouseOpenSSL

/// A private key (owns one `EVP_PKEY*` reference, freed in `deinit`). Immutable once made.
public final class PrivateKey: @unchecked Sendable {
    /// The `EVP_PKEY*`; this object owns one reference.
    let ref: OpaquePointer

    /// Takes over one reference to `pkey`.
    init(takingOwnershipOf pkey: OpaquePointer) {
        self.ref = pkey
    }

    deinit {
        EVP_PKEY_free(ref)
    }

    /// RSA, ECDSA or Ed25519; nil for any other algorithm (such keys are refused).
    public var keyType: KeyType? {
        switch EVP_PKEY_get_base_id(ref) {
        case EVP_PKEY_RSA: return .rsa
        case EVP_PKEY_EC: return .ecdsa
        case EVP_PKEY_ED25519: return .ed25519
        default: return nil
        }
    }

    /// Key size in bits (2048 for RSA-2048, 256 for P-256).
    public var bits: Int { Int(EVP_PKEY_get_bits(ref)) }

    /// Generates a fresh ECDSA P-256 key.
    public static func generateECDSAP256() -> PrivateKey? {
        guard let pkey = gh_EVP_EC_gen("P-256") else { return nil }
        return PrivateKey(takingOwnershipOf: pkey)
    }

    /// Generates a fresh RSA key of `bits` bits.
    public static func generateRSA(bits: Int = 2048) -> PrivateKey? {
        guard let pkey = gh_EVP_RSA_gen(UInt32(bits)) else { return nil }
        return PrivateKey(takingOwnershipOf: pkey)
    }

    /// The key as unencrypted PKCS#8 PEM (`BEGIN PRIVATE KEY`). Handle with care: write with mode 0600.
    public func pemEncoded() -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { return [] }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, ref, nil, nil, 0, nil, nil) == 1 else { return [] }
        return MemoryBIO.contents(bio)
    }
}
