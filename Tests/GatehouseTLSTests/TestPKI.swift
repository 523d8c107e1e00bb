import CGatehouseOpenSSL
@testable import GatehouseTLS
import XCTest

/// Certificates made in memory for tests (no key material is ever committed).
final class TestPKI {
    let caKey: PrivateKey
    let ca: Certificate

    init() throws {
        caKey = try XCTUnwrap(PrivateKey.generateECDSAP256())
        ca = try CertificateBuilder(commonName: "Test CA", isCertificateAuthority: true, validDays: 30).issue(for: caKey)
    }

    /// A leaf pair for `names`, signed by the CA, as PEM bytes.
    func leafPEM(_ names: [String], keyType: KeyType = .ecdsa, validDays: Int = 30, now: Int64? = nil)
        throws -> (certificate: [UInt8], key: [UInt8], serial: String) {
        let key = try XCTUnwrap(keyType == .rsa ? PrivateKey.generateRSA(bits: 2048) : PrivateKey.generateECDSAP256())
        let cert = try CertificateBuilder(commonName: names[0], subjectAlternativeNames: names, validDays: validDays, now: now)
            .issue(for: key, issuer: (ca, caKey))
        return (Array(cert.pemEncoded().utf8), key.pemEncoded(), cert.serialNumberHex)
    }

    /// A validated pair for `names`.
    func pair(_ names: [String], keyType: KeyType = .ecdsa) throws -> CertifiedKey {
        let pem = try leafPEM(names, keyType: keyType)
        return try CertifiedKey.validate(certificatePEM: pem.certificate, keyPEM: pem.key,
                                         source: CertificateSource(certificateFile: "\(names[0]).pem",
                                                                   keyFile: "\(names[0])-key.pem", names: names))
    }
}

/// A scratch directory removed on deinit.
final class TemporaryDirectory {
    let path: String

    init() {
        var template = Array("/tmp/gatehouse-tls-test-XXXXXX".utf8CString)
        path = String(cString: mkdtemp(&template))
    }

    deinit {
        _ = try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = "\(path)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// A server context over `pairs`, with the default configuration changed by `configure` (the handshake tests).
func makeServerContext(_ pairs: [CertifiedKey], configure: (inout TLSConfiguration) -> Void = { _ in })
    throws -> TLSServerContext {
    var config = TLSConfiguration()
    configure(&config)
    return try TLSServerContext(configuration: config, certificates: CertificateStore(CertificateSnapshot(pairs: pairs)))
}
