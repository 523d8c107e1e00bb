import CGatehouseOpenSSL

extension CertifiedKey {
    /// Reads the files of `source` and validates the pair (see `validate`). Blocking file I/O and parsing:
    /// call it off the event loop (a thread pool or a detached task).
    ///
    /// - Throws: `CertificateError` naming the file at fault and the problem, in one line.
    public static func load(_ source: CertificateSource, now: Int64? = nil) throws -> CertifiedKey {
        let certificatePEM = try FileBytes.read(source.certificateFile)
        let keyPEM = try FileBytes.read(source.keyFile)
        let chainPEM = try source.chainFile.map { try FileBytes.read($0) }
        return try validate(certificatePEM: certificatePEM, keyPEM: keyPEM, chainPEM: chainPEM,
                            source: source, now: now)
    }

    /// Parses and validates a pair from PEM bytes. `source` names the files for messages and gives the names.
    ///
    /// Checks, in order: the certificate and key parse; the key is RSA, ECDSA or Ed25519; the key matches the
    /// certificate; each chain certificate issued the one before it (names, key identifiers, signature); every
    /// certificate is valid at `now` (default: the current time); the leaf covers every configured name.
    /// - Throws: `CertificateError`.
    public static func validate(certificatePEM: [UInt8], keyPEM: [UInt8], chainPEM: [UInt8]? = nil,
                                source: CertificateSource, now: Int64? = nil) throws -> CertifiedKey {
        let certFile = source.certificateFile
        let chainFile = source.chainFile ?? certFile
        let certificates = try PEMParser.certificates(certificatePEM, file: certFile)
        let extraChain = try chainPEM.map { try PEMParser.certificates($0, file: chainFile) } ?? []
        let leaf = certificates[0]
        let chain = Array(certificates.dropFirst()) + extraChain
        let key = try PEMParser.privateKey(keyPEM, file: source.keyFile)

        guard let keyType = key.keyType else {
            throw CertificateError(file: source.keyFile, problem: "unsupported private key type (use RSA, ECDSA or Ed25519)")
        }
        OpenSSLErrorQueue.clear()
        let matches = X509_check_private_key(leaf.ref, key.ref) == 1
        OpenSSLErrorQueue.clear()
        guard matches else {
            throw CertificateError(file: source.keyFile, problem: "private key does not match certificate \(certFile)")
        }
        try checkChainOrder(leaf: leaf, chain: chain, leafCount: certificates.count - 1,
                            certFile: certFile, chainFile: chainFile)
        let time = now ?? UTCDate.now()
        try checkValidity(leaf, at: time, file: certFile, label: "certificate")
        for (index, cert) in chain.enumerated() {
            let file = index < certificates.count - 1 ? certFile : chainFile
            try checkValidity(cert, at: time, file: file, label: "chain certificate \(index + 1) (\(cert.subjectSummary))")
        }
        let names = source.names.isEmpty ? leaf.subjectNames : source.names
        for name in names where !leaf.covers(name) {
            let covered = leaf.subjectNames.joined(separator: ", ")
            throw CertificateError(file: certFile, problem: "certificate does not cover name '\(name)' (it covers: \(covered))")
        }
        guard !names.isEmpty else {
            throw CertificateError(file: certFile, problem: "certificate has no subject names and none are configured")
        }
        return CertifiedKey(certificate: leaf, chain: chain, privateKey: key, keyType: keyType,
                            names: names.map(ServerNameIndex<Int>.normalize), source: source)
    }

    private static func checkChainOrder(leaf: Certificate, chain: [Certificate], leafCount: Int,
                                        certFile: String, chainFile: String) throws {
        var child = leaf
        for (index, issuer) in chain.enumerated() {
            guard issuer.issued(child) else {
                let file = index < leafCount ? certFile : chainFile
                let childLabel = index == 0 ? "the leaf certificate" : "chain certificate \(index)"
                throw CertificateError(file: file, problem: "chain certificate \(index + 1) (\(issuer.subjectSummary)) did not issue \(childLabel) (\(child.subjectSummary)); the chain must be in order, leaf first")
            }
            child = issuer
        }
    }

    private static func checkValidity(_ cert: Certificate, at now: Int64, file: String, label: String) throws {
        let notBefore = cert.notBefore
        let notAfter = cert.notAfter
        if notAfter <= now {
            throw CertificateError(file: file, problem: "\(label) expired on \(UTCDate.format(notAfter))")
        }
        if notBefore > now {
            throw CertificateError(file: file, problem: "\(label) is not valid before \(UTCDate.format(notBefore))")
        }
    }
}
