import CGatehouseOpenSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A local development CA and the server certificates it signs, kept as PEM files in one directory:
/// `ca.pem`, `ca-key.pem`, `NAME.pem` (the leaf only: clients trust the CA directly, so no chain is needed) and
/// `NAME-key.pem`. Keys are written with mode 0600, every file atomically. An existing usable CA is reused so that
/// trusting it once is enough. Blocking file I/O: run it off any event loop (the CLI calls it directly).
public struct DevCertificateAuthority: Sendable {
    /// What `run()` did.
    public struct Outcome: Sendable {
        /// Path of the CA certificate (what clients must trust).
        public var caCertificateFile: String
        /// Path of the CA key.
        public var caKeyFile: String
        /// Whether an existing CA was reused (false: a new one was made).
        public var reusedCA: Bool
        /// Path of the leaf certificate.
        public var certificateFile: String
        /// Path of the leaf key.
        public var keyFile: String
        /// Whether an existing valid leaf was kept (false: a new one was written).
        public var keptCertificate: Bool
        /// The leaf's names.
        public var names: [String]
        /// The leaf's key type.
        public var keyType: KeyType
        /// The leaf's end of validity (epoch seconds).
        public var notAfter: Int64
        /// The leaf's serial (hex).
        public var serialNumberHex: String
    }

    /// Directory for all files (created if missing).
    public var directory: String
    /// Names of the leaf certificate (host names, `*.` wildcards, IP addresses).
    public var names: [String]
    /// Base name of the leaf files: `NAME.pem` and `NAME-key.pem`.
    public var fileName: String
    /// Key type of the leaf (the CA is always ECDSA P-256).
    public var keyType: KeyType
    /// Replace an existing leaf even if it is still valid and covers the names.
    public var force: Bool

    /// The default names: `localhost`, `127.0.0.1` and `::1`.
    public static let defaultNames = ["localhost", "127.0.0.1", "::1"]

    /// Describes the files to make; nothing happens until `run()`.
    public init(directory: String = "certs", names: [String] = DevCertificateAuthority.defaultNames,
                fileName: String = "localhost", keyType: KeyType = .ecdsa, force: Bool = false) {
        self.directory = directory
        self.names = names
        self.fileName = fileName
        self.keyType = keyType
        self.force = force
    }

    /// Path of the CA certificate.
    public var caCertificateFile: String { "\(directory)/ca.pem" }
    /// Path of the CA key.
    public var caKeyFile: String { "\(directory)/ca-key.pem" }
    /// Path of the leaf certificate.
    public var certificateFile: String { "\(directory)/\(fileName).pem" }
    /// Path of the leaf key.
    public var keyFile: String { "\(directory)/\(fileName)-key.pem" }

    /// Makes (or reuses) the CA and the leaf certificate and writes the files.
    /// - Throws: `CertificateError` (file problems) or `CertificateGenerationError`.
    public func run(now: Int64? = nil) throws -> Outcome {
        let time = now ?? UTCDate.now()
        guard !names.isEmpty else { throw CertificateError(file: certificateFile, problem: "no names given") }
        try makeDirectory()
        let (ca, reusedCA) = try loadOrMakeCA(now: time)

        if !force, reusedCA, let existing = try? existingLeaf(issuedBy: ca.certificate, now: time) {
            return outcome(reusedCA: true, kept: true, leaf: existing)
        }
        guard let key = keyType == .rsa ? PrivateKey.generateRSA(bits: 2048) : PrivateKey.generateECDSAP256() else {
            throw CertificateGenerationError(step: "generating the \(keyType.rawValue) key")
        }
        let builder = CertificateBuilder(commonName: names[0], subjectAlternativeNames: names, now: time)
        let leaf = try builder.issue(for: key, issuer: (ca.certificate, ca.privateKey))
        try AtomicFile.write(key.pemEncoded(), to: keyFile, mode: 0o600)
        try AtomicFile.write(Array(leaf.pemEncoded().utf8), to: certificateFile, mode: 0o644)
        let loaded = try CertifiedKey.load(CertificateSource(certificateFile: certificateFile, keyFile: keyFile,
                                                             names: names), now: time)
        return outcome(reusedCA: reusedCA, kept: false, leaf: loaded)
    }

    /// How to make clients trust the CA, one instruction per line.
    public static func trustInstructions(caCertificateFile ca: String, port: Int = 8443) -> [String] {
        [
            "curl:      curl --cacert \(ca) https://localhost:\(port)/",
            "Debian:    sudo cp \(ca) /usr/local/share/ca-certificates/gatehouse-dev-ca.crt && sudo update-ca-certificates",
            "Chromium:  Settings > Privacy and security > Security > Manage certificates > Authorities > Import \(ca)",
            "           (or: certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n gatehouse-dev-ca -i \(ca), from libnss3-tools)",
            "Firefox:   Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import \(ca),",
            "           tick \"Trust this CA to identify websites\"",
        ]
    }

    private func outcome(reusedCA: Bool, kept: Bool, leaf: CertifiedKey) -> Outcome {
        Outcome(caCertificateFile: caCertificateFile, caKeyFile: caKeyFile, reusedCA: reusedCA,
                certificateFile: certificateFile, keyFile: keyFile, keptCertificate: kept, names: names,
                keyType: leaf.keyType, notAfter: leaf.notAfter, serialNumberHex: leaf.serialNumberHex)
    }

    private func makeDirectory() throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw CertificateError(file: directory, problem: "exists and is not a directory")
            }
            return
        }
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            throw CertificateError(file: directory, problem: "cannot create directory: \(FileBytes.errnoText())")
        }
    }

    /// Reuses `ca.pem` + `ca-key.pem` when both exist, match, and stay valid for 30 more days; otherwise makes a
    /// new CA (ECDSA P-256, ten years).
    private func loadOrMakeCA(now: Int64) throws -> (CertifiedKey, Bool) {
        if access(caCertificateFile, F_OK) == 0 || access(caKeyFile, F_OK) == 0 {
            let source = CertificateSource(certificateFile: caCertificateFile, keyFile: caKeyFile, names: ["ca"])
            if let existing = try? loadCA(source, now: now), existing.notAfter > now + 30 * 86_400 {
                return (existing, true)
            }
        }
        guard let key = PrivateKey.generateECDSAP256() else { throw CertificateGenerationError(step: "generating the CA key") }
        let builder = CertificateBuilder(commonName: "Gatehouse development CA", isCertificateAuthority: true,
                                         validDays: 3650, now: now)
        let certificate = try builder.issue(for: key)
        try AtomicFile.write(key.pemEncoded(), to: caKeyFile, mode: 0o600)
        try AtomicFile.write(Array(certificate.pemEncoded().utf8), to: caCertificateFile, mode: 0o644)
        let pair = CertifiedKey(certificate: certificate, chain: [], privateKey: key, keyType: .ecdsa,
                                names: [], source: CertificateSource(certificateFile: caCertificateFile, keyFile: caKeyFile))
        return (pair, false)
    }

    private func loadCA(_ source: CertificateSource, now: Int64) throws -> CertifiedKey {
        let certificates = try PEMParser.certificates(try FileBytes.read(source.certificateFile), file: source.certificateFile)
        let key = try PEMParser.privateKey(try FileBytes.read(source.keyFile), file: source.keyFile)
        let certificate = certificates[0]
        OpenSSLErrorQueue.clear()
        guard X509_check_private_key(certificate.ref, key.ref) == 1, X509_check_ca(certificate.ref) >= 1,
              certificate.notBefore <= now, let keyType = key.keyType else {
            OpenSSLErrorQueue.clear()
            throw CertificateError(file: source.certificateFile, problem: "not a usable CA")
        }
        return CertifiedKey(certificate: certificate, chain: [], privateKey: key, keyType: keyType, names: [], source: source)
    }

    /// The existing leaf if it is valid for 30 more days, covers the names, has the wanted key type and was signed
    /// by `ca`.
    private func existingLeaf(issuedBy ca: Certificate, now: Int64) throws -> CertifiedKey {
        let leaf = try CertifiedKey.load(CertificateSource(certificateFile: certificateFile, keyFile: keyFile,
                                                           names: names), now: now)
        guard leaf.keyType == keyType, leaf.notAfter > now + 30 * 86_400, ca.issued(leaf.certificate),
              Set(leaf.subjectNames.map(ServerNameIndex<Int>.normalize)) == Set(names.map(ServerNameIndex<Int>.normalize)) else {
            throw CertificateError(file: certificateFile, problem: "needs renewal")
        }
        return leaf
    }
}
