import CGatehouseOpenSSL

/// Parses PEM bytes into certificates and keys, turning OpenSSL failures into `CertificateError`s that name the file.
enum PEMParser {
    /// Every certificate in `pem`, in file order. Fails when there is none or when a block is damaged.
    static func certificates(_ pem: [UInt8], file: String) throws -> [Certificate] {
        if pem.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw CertificateError(file: file, problem: "file is empty")
        }
        OpenSSLErrorQueue.clear()
        var parsed: [Certificate] = []
        var failure: String?
        MemoryBIO.withReadOnly(pem) { bio in
            while true {
                guard let x509 = PEM_read_bio_X509(bio, nil, nil, nil) else {
                    let code = ERR_peek_last_error()
                    let endOfInput = ERR_GET_LIB(code) == ERR_LIB_PEM && ERR_GET_REASON(code) == PEM_R_NO_START_LINE
                    if !endOfInput || parsed.isEmpty {
                        failure = endOfInput ? "no PEM certificate found" :
                            "cannot parse certificate \(parsed.count + 1): \(OpenSSLErrorQueue.drainReason() ?? "unknown error")"
                    }
                    break
                }
                parsed.append(Certificate(takingOwnershipOf: x509))
            }
        }
        OpenSSLErrorQueue.clear()
        if let failure { throw CertificateError(file: file, problem: failure) }
        return parsed
    }

    /// The first private key in `pem`. Encrypted keys are refused (no passphrase prompt ever appears).
    static func privateKey(_ pem: [UInt8], file: String) throws -> PrivateKey {
        if pem.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw CertificateError(file: file, problem: "file is empty")
        }
        OpenSSLErrorQueue.clear()
        let key = MemoryBIO.withReadOnly(pem) { bio -> OpaquePointer? in
            // A password callback that refuses keeps OpenSSL from prompting on the terminal.
            PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        } ?? nil
        guard let key else {
            let reason = OpenSSLErrorQueue.drainReason() ?? "unknown error"
            let text = String(decoding: pem, as: UTF8.self)
            if text.contains("ENCRYPTED") {
                throw CertificateError(file: file, problem: "private key is encrypted (passphrases are not supported)")
            }
            if !text.contains("PRIVATE KEY-----") {
                throw CertificateError(file: file, problem: "no PEM private key found")
            }
            throw CertificateError(file: file, problem: "cannot parse private key: \(reason)")
        }
        OpenSSLErrorQueue.clear()
        return PrivateKey(takingOwnershipOf: key)
    }
}
