import CGatehouseOpenSSL

/// The bytes of one pair's files, read once so that what is hashed is exactly what is validated, and a
/// SHA-256 over all of it (or over the read error) to tell whether anything changed since the last look.
struct PairFiles: Sendable {
    /// Certificate, key and optional chain bytes, or the first read error.
    let contents: Result<(certificate: [UInt8], key: [UInt8], chain: [UInt8]?), CertificateError>
    /// Identifies the contents (equal hashes: nothing changed).
    let hash: [UInt8]

    /// Reads the files of `source` with `read` (blocking).
    init(source: CertificateSource, read: (String) throws -> [UInt8]) {
        do {
            let certificate = try Self.attempt(read, source.certificateFile)
            let key = try Self.attempt(read, source.keyFile)
            let chain = try source.chainFile.map { try Self.attempt(read, $0) }
            contents = .success((certificate, key, chain))
            hash = Self.sha256([certificate, key, chain ?? [], chain == nil ? [0] : [1]])
        } catch let error as CertificateError {
            contents = .failure(error)
            hash = Self.sha256([Array("unreadable: \(error)".utf8)])
        } catch {
            let wrapped = CertificateError(file: source.certificateFile, problem: "\(error)")
            contents = .failure(wrapped)
            hash = Self.sha256([Array("unreadable: \(wrapped)".utf8)])
        }
    }

    /// Validates the pair read (`CertifiedKey.validate`) against `source`'s names at `now`.
    func validate(source: CertificateSource, now: Int64?) -> Result<CertifiedKey, CertificateError> {
        switch contents {
        case .failure(let error):
            return .failure(error)
        case .success(let files):
            do {
                return .success(try CertifiedKey.validate(certificatePEM: files.certificate, keyPEM: files.key,
                                                          chainPEM: files.chain, source: source, now: now))
            } catch let error as CertificateError {
                return .failure(error)
            } catch {
                return .failure(CertificateError(file: source.certificateFile, problem: "\(error)"))
            }
        }
    }

    private static func attempt(_ read: (String) throws -> [UInt8], _ path: String) throws -> [UInt8] {
        do {
            return try read(path)
        } catch let error as CertificateError {
            throw error
        } catch {
            throw CertificateError(file: path, problem: "cannot read: \(error)")
        }
    }

    /// SHA-256 over length-prefixed parts (so moving bytes from one file to another changes the hash).
    static func sha256(_ parts: [[UInt8]]) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { return parts.flatMap { $0 } }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else { return parts.flatMap { $0 } }
        for part in parts {
            var length = UInt64(part.count).bigEndian
            withUnsafeBytes(of: &length) { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
            part.withUnsafeBytes { _ = EVP_DigestUpdate(context, $0.baseAddress, $0.count) }
        }
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var size: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &digest, &size) == 1 else { return parts.flatMap { $0 } }
        return Array(digest.prefix(Int(size)))
    }
}
