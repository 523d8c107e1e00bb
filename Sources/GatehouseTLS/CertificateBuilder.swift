import CGatehouseOpenSSL

/// Issues X.509 certificates with OpenSSL: the dev CA and its leaf certificates, and test certificates (expired,
/// RSA, chains, other names). Not for production PKI: no CRL, no policy, SHA-256 signatures only.
public struct CertificateBuilder: Sendable {
    /// Subject common name.
    public var commonName: String
    /// Subject alternative names: host names (`*.` wildcards allowed) and IP addresses, detected by form.
    public var subjectAlternativeNames: [String] = []
    /// Whether this is a CA certificate (`CA:TRUE`, keyCertSign) rather than a TLS server certificate.
    public var isCertificateAuthority = false
    /// Start of validity, epoch seconds.
    public var notBefore: Int64
    /// End of validity, epoch seconds.
    public var notAfter: Int64

    /// A builder for `commonName` valid from one hour ago for `validDays` days.
    public init(commonName: String, subjectAlternativeNames: [String] = [], isCertificateAuthority: Bool = false,
                validDays: Int = 397, now: Int64? = nil) {
        let start = (now ?? UTCDate.now()) - 3600
        self.commonName = commonName
        self.subjectAlternativeNames = subjectAlternativeNames
        self.isCertificateAuthority = isCertificateAuthority
        self.notBefore = start
        self.notAfter = start + 3600 + Int64(validDays) * 86_400
    }

    /// Issues a certificate for `key`'s public half, signed by `issuer` (certificate and key) or self-signed.
    /// - Throws: `CertificateGenerationError`.
    public func issue(for key: PrivateKey, issuer: (certificate: Certificate, key: PrivateKey)? = nil) throws -> Certificate {
        OpenSSLErrorQueue.clear()
        guard let x509 = X509_new() else { throw CertificateGenerationError(step: "X509_new") }
        let certificate = Certificate(takingOwnershipOf: x509)
        guard X509_set_version(x509, 2) == 1 else { throw CertificateGenerationError(step: "setting the version") }
        try setSerial(x509)
        guard ASN1_TIME_set(X509_getm_notBefore(x509), time_t(notBefore)) != nil,
              ASN1_TIME_set(X509_getm_notAfter(x509), time_t(notAfter)) != nil else {
            throw CertificateGenerationError(step: "setting the validity")
        }
        guard X509_set_pubkey(x509, key.ref) == 1 else { throw CertificateGenerationError(step: "setting the public key") }
        guard let name = X509_NAME_new() else { throw CertificateGenerationError(step: "X509_NAME_new") }
        defer { X509_NAME_free(name) }
        guard X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0) == 1,
              X509_set_subject_name(x509, name) == 1,
              X509_set_issuer_name(x509, issuer.map { X509_get_subject_name($0.certificate.ref) } ?? name) == 1 else {
            throw CertificateGenerationError(step: "setting the subject")
        }
        try addExtensions(x509, issuer: issuer?.certificate.ref ?? x509, keyType: key.keyType)
        let signer = issuer?.key ?? key
        let digest = signer.keyType == .ed25519 ? nil : EVP_sha256()
        guard X509_sign(x509, signer.ref, digest) > 0 else { throw CertificateGenerationError(step: "signing the certificate") }
        return certificate
    }

    private func setSerial(_ x509: OpaquePointer) throws {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&bytes, Int32(bytes.count)) == 1 else { throw CertificateGenerationError(step: "random serial") }
        bytes[0] = (bytes[0] & 0x7F) | 0x10  // positive, and 16 bytes long in hex
        guard let bn = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw CertificateGenerationError(step: "BN_bin2bn") }
        defer { BN_free(bn) }
        guard let serial = BN_to_ASN1_INTEGER(bn, nil) else { throw CertificateGenerationError(step: "BN_to_ASN1_INTEGER") }
        defer { ASN1_INTEGER_free(serial) }
        guard X509_set_serialNumber(x509, serial) == 1 else { throw CertificateGenerationError(step: "setting the serial") }
    }

    private func addExtensions(_ x509: OpaquePointer, issuer: OpaquePointer, keyType: KeyType?) throws {
        var v3 = X509V3_CTX()
        gh_X509V3_set_ctx_nodb(&v3)
        X509V3_set_ctx(&v3, issuer, x509, nil, nil, 0)
        var extensions: [(Int32, String)] = [(NID_subject_key_identifier, "hash")]
        if isCertificateAuthority {
            extensions += [(NID_basic_constraints, "critical,CA:TRUE"), (NID_key_usage, "critical,keyCertSign,cRLSign")]
        } else {
            let usage = keyType == .rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"
            extensions += [(NID_basic_constraints, "critical,CA:FALSE"), (NID_key_usage, usage),
                           (NID_ext_key_usage, "serverAuth")]
        }
        if issuer != x509 { extensions.append((NID_authority_key_identifier, "keyid:always")) }
        if !subjectAlternativeNames.isEmpty {
            let san = subjectAlternativeNames.map {
                ServerNameIndex<Int>.isIPAddress($0) ? "IP:\($0)" : "DNS:\($0)"
            }.joined(separator: ",")
            extensions.append((NID_subject_alt_name, san))
        }
        for (nid, value) in extensions {
            guard let ext = X509V3_EXT_conf_nid(nil, &v3, nid, value) else {
                throw CertificateGenerationError(step: "extension \(value)")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw CertificateGenerationError(step: "adding \(value)") }
        }
    }
}
