@testable import GatehouseTLS
import XCTest

final class CertifiedKeyTests: XCTestCase {
    var pki: TestPKI!
    var dir: TemporaryDirectory!

    override func setUpWithError() throws {
        pki = try TestPKI()
        dir = TemporaryDirectory()
    }

    func files(_ pem: (certificate: [UInt8], key: [UInt8], serial: String), _ base: String = "x")
        throws -> (cert: String, key: String) {
        (try dir.write("\(base).pem", pem.certificate), try dir.write("\(base)-key.pem", pem.key))
    }

    func assertError(_ source: CertificateSource, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try CertifiedKey.load(source), file: file, line: line) { error in
            XCTAssertEqual("\(error)", expected, file: file, line: line)
        }
    }

    func testLoadsECDSAPairAndExposesMetadata() throws {
        let pem = try pki.leafPEM(["localhost", "127.0.0.1", "::1"], validDays: 20)
        let (cert, key) = try files(pem)
        let pair = try CertifiedKey.load(CertificateSource(certificateFile: cert, keyFile: key))
        XCTAssertEqual(pair.keyType, .ecdsa)
        XCTAssertEqual(pair.serialNumberHex, pem.serial)
        XCTAssertEqual(pair.serialNumberHex.count, 32)
        XCTAssertEqual(pair.subjectNames, ["localhost", "127.0.0.1", "::1"])
        XCTAssertEqual(pair.names, ["localhost", "127.0.0.1", "::1"])
        XCTAssertEqual(Double(pair.notAfter), Date().timeIntervalSince1970 + 20 * 86_400, accuracy: 60)
        XCTAssertTrue(pair.chain.isEmpty)
    }

    func testLoadsRSAPair() throws {
        let (cert, key) = try files(try pki.leafPEM(["rsa.test"], keyType: .rsa))
        let pair = try CertifiedKey.load(CertificateSource(certificateFile: cert, keyFile: key, names: ["RSA.test"]))
        XCTAssertEqual(pair.keyType, .rsa)
        XCTAssertEqual(pair.privateKey.bits, 2048)
        XCTAssertEqual(pair.names, ["rsa.test"])
    }

    func testMismatchedKeyNamesBothFiles() throws {
        let (cert, _) = try files(try pki.leafPEM(["localhost"]), "a")
        let (_, otherKey) = try files(try pki.leafPEM(["localhost"]), "b")
        assertError(CertificateSource(certificateFile: cert, keyFile: otherKey),
                    "\(otherKey): private key does not match certificate \(cert)")
    }

    func testExpiredCertificate() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let pem = try pki.leafPEM(["localhost"], validDays: 5, now: now - 10 * 86_400)
        let (cert, key) = try files(pem)
        let notAfter = try CertifiedKey.validate(certificatePEM: pem.certificate, keyPEM: pem.key,
                                                 source: .init(certificateFile: cert, keyFile: key), now: now - 8 * 86_400).notAfter
        assertError(CertificateSource(certificateFile: cert, keyFile: key),
                    "\(cert): certificate expired on \(UTCDate.format(notAfter))")
        XCTAssertTrue(UTCDate.format(notAfter).hasSuffix(" UTC"))
    }

    func testNotYetValidCertificate() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let (cert, key) = try files(try pki.leafPEM(["localhost"], now: now + 5 * 86_400))
        XCTAssertThrowsError(try CertifiedKey.load(CertificateSource(certificateFile: cert, keyFile: key))) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(cert): certificate is not valid before "), "\(error)")
        }
    }

    func testNamesMustBeCovered() throws {
        let (cert, key) = try files(try pki.leafPEM(["localhost", "127.0.0.1"]))
        assertError(CertificateSource(certificateFile: cert, keyFile: key, names: ["localhost", "other.test"]),
                    "\(cert): certificate does not cover name 'other.test' (it covers: localhost, 127.0.0.1)")
        assertError(CertificateSource(certificateFile: cert, keyFile: key, names: ["10.0.0.1"]),
                    "\(cert): certificate does not cover name '10.0.0.1' (it covers: localhost, 127.0.0.1)")
        XCTAssertNoThrow(try CertifiedKey.load(CertificateSource(certificateFile: cert, keyFile: key, names: ["127.0.0.1"])))
    }

    func testWildcardCertificateCoversWildcardAndSingleLabelNames() throws {
        let (cert, key) = try files(try pki.leafPEM(["*.example.test"]))
        let pair = try CertifiedKey.load(CertificateSource(certificateFile: cert, keyFile: key,
                                                           names: ["*.example.test", "a.example.test"]))
        XCTAssertEqual(pair.names, ["*.example.test", "a.example.test"])
        assertError(CertificateSource(certificateFile: cert, keyFile: key, names: ["example.test"]),
                    "\(cert): certificate does not cover name 'example.test' (it covers: *.example.test)")
    }

    func testChainInOrderIsAcceptedAndOutOfOrderIsRefused() throws {
        let intermediateKey = try XCTUnwrap(PrivateKey.generateECDSAP256())
        let intermediate = try CertificateBuilder(commonName: "Test Intermediate", isCertificateAuthority: true)
            .issue(for: intermediateKey, issuer: (pki.ca, pki.caKey))
        let leafKey = try XCTUnwrap(PrivateKey.generateECDSAP256())
        let leaf = try CertificateBuilder(commonName: "chain.test", subjectAlternativeNames: ["chain.test"])
            .issue(for: leafKey, issuer: (intermediate, intermediateKey))
        let key = try dir.write("chain-key.pem", leafKey.pemEncoded())

        let full = try dir.write("full.pem", Array((leaf.pemEncoded() + intermediate.pemEncoded()).utf8))
        let pair = try CertifiedKey.load(CertificateSource(certificateFile: full, keyFile: key))
        XCTAssertEqual(pair.chain.map(\.subjectSummary), ["CN=Test Intermediate"])

        let leafOnly = try dir.write("leaf.pem", Array(leaf.pemEncoded().utf8))
        let goodChain = try dir.write("chain.pem", Array((intermediate.pemEncoded() + pki.ca.pemEncoded()).utf8))
        XCTAssertEqual(try CertifiedKey.load(CertificateSource(certificateFile: leafOnly, keyFile: key, chainFile: goodChain))
            .chain.count, 2)

        let wrong = try dir.write("wrong.pem", Array((pki.ca.pemEncoded() + intermediate.pemEncoded()).utf8))
        assertError(CertificateSource(certificateFile: leafOnly, keyFile: key, chainFile: wrong),
                    "\(wrong): chain certificate 1 (CN=Test CA) did not issue the leaf certificate (CN=chain.test); the chain must be in order, leaf first")
    }

    func testUnreadableAndDamagedFiles() throws {
        let (cert, key) = try files(try pki.leafPEM(["localhost"]))
        let missing = "\(dir.path)/missing.pem"
        assertError(CertificateSource(certificateFile: missing, keyFile: key), "\(missing): cannot open: No such file or directory")
        let empty = try dir.write("empty.pem", [])
        assertError(CertificateSource(certificateFile: empty, keyFile: key), "\(empty): file is empty")
        assertError(CertificateSource(certificateFile: cert, keyFile: empty), "\(empty): file is empty")
        let text = try dir.write("text.pem", Array("hello\n".utf8))
        assertError(CertificateSource(certificateFile: text, keyFile: key), "\(text): no PEM certificate found")
        assertError(CertificateSource(certificateFile: cert, keyFile: cert), "\(cert): no PEM private key found")

        let full = try Data(contentsOf: URL(fileURLWithPath: cert))
        let truncated = try dir.write("truncated.pem", Array(full.prefix(full.count / 2)))
        XCTAssertThrowsError(try CertifiedKey.load(CertificateSource(certificateFile: truncated, keyFile: key))) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(truncated): cannot parse certificate 1: "), "\(error)")
        }
    }

    func testCombinedCertificateAndKeyFile() throws {
        let pem = try pki.leafPEM(["localhost"])
        let both = try dir.write("both.pem", pem.certificate + pem.key)
        XCTAssertNoThrow(try CertifiedKey.load(CertificateSource(certificateFile: both, keyFile: both)))
    }

    func testErrorQueueIsLeftClean() throws {
        let empty = try dir.write("junk.pem", Array("-----BEGIN CERTIFICATE-----\nAAAA\n".utf8))
        _ = try? CertifiedKey.load(CertificateSource(certificateFile: empty, keyFile: empty))
        XCTAssertTrue(OpenSSLErrorQueue.drain().isEmpty)
    }
}

final class CertificateSnapshotLoadingTests: XCTestCase {
    func testLoadsAllPairsOrFailsWithTheBadOne() throws {
        let pki = try TestPKI()
        let dir = TemporaryDirectory()
        let a = try pki.leafPEM(["a.test"])
        let b = try pki.leafPEM(["b.test"], keyType: .rsa)
        let sources = [
            CertificateSource(certificateFile: try dir.write("a.pem", a.certificate), keyFile: try dir.write("a-key.pem", a.key)),
            CertificateSource(certificateFile: try dir.write("b.pem", b.certificate), keyFile: try dir.write("b-key.pem", b.key)),
        ]
        let snapshot = try CertificateSnapshot.load(sources, defaultName: "b.test")
        XCTAssertEqual(snapshot.pairs.map(\.serialNumberHex), [a.serial, b.serial])
        XCTAssertEqual(snapshot.index.defaultValues.map(\.serialNumberHex), [b.serial])
        XCTAssertEqual(snapshot.earliestExpiry, snapshot.pairs.map(\.notAfter).min())

        var broken = sources
        broken[1].keyFile = sources[0].keyFile
        XCTAssertThrowsError(try CertificateSnapshot.load(broken)) { error in
            XCTAssertEqual("\(error)", "\(sources[0].keyFile): private key does not match certificate \(sources[1].certificateFile)")
        }
    }

    func testStoreSwapPublishesNewSnapshot() throws {
        let pki = try TestPKI()
        let store = CertificateStore()
        XCTAssertTrue(store.snapshot.pairs.isEmpty)
        let next = CertificateSnapshot(pairs: [try pki.pair(["a.test"])])
        let old = store.swap(next)
        XCTAssertTrue(old.pairs.isEmpty)
        XCTAssertTrue(store.snapshot === next)
    }
}
