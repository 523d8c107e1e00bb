@testable import GatehouseTLS
import XCTest

final class DevCertificateAuthorityTests: XCTestCase {
    func mode(_ path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func testMakesCAAndLocalhostCertificateWithPrivateKeys() throws {
        let dir = TemporaryDirectory()
        let authority = DevCertificateAuthority(directory: "\(dir.path)/certs")
        let outcome = try authority.run()
        XCTAssertFalse(outcome.reusedCA)
        XCTAssertFalse(outcome.keptCertificate)
        XCTAssertEqual(outcome.certificateFile, "\(dir.path)/certs/localhost.pem")
        XCTAssertEqual(outcome.keyFile, "\(dir.path)/certs/localhost-key.pem")
        XCTAssertEqual(try mode(outcome.caKeyFile), 0o600)
        XCTAssertEqual(try mode(outcome.keyFile), 0o600)
        XCTAssertEqual(try mode(outcome.caCertificateFile), 0o644)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(dir.path)/certs").sorted(),
                       ["ca-key.pem", "ca.pem", "localhost-key.pem", "localhost.pem"])

        let leaf = try CertifiedKey.load(CertificateSource(certificateFile: outcome.certificateFile, keyFile: outcome.keyFile,
                                                           names: ["localhost", "127.0.0.1", "::1"]))
        XCTAssertEqual(leaf.keyType, .ecdsa)
        XCTAssertEqual(leaf.privateKey.bits, 256)
        XCTAssertEqual(leaf.subjectNames, ["localhost", "127.0.0.1", "::1"])
        let ca = try PEMParser.certificates(try FileBytes.read(outcome.caCertificateFile), file: "ca")[0]
        XCTAssertTrue(ca.issued(leaf.certificate))
        XCTAssertGreaterThan(ca.notAfter, leaf.notAfter)
    }

    func testReusesCAKeepsValidLeafAndForceReplacesOnlyTheLeaf() throws {
        let dir = TemporaryDirectory()
        var authority = DevCertificateAuthority(directory: dir.path)
        let first = try authority.run()
        let caBytes = try FileBytes.read(first.caCertificateFile)
        let second = try authority.run()
        XCTAssertTrue(second.reusedCA)
        XCTAssertTrue(second.keptCertificate)
        XCTAssertEqual(second.serialNumberHex, first.serialNumberHex)
        authority.force = true
        let third = try authority.run()
        XCTAssertTrue(third.reusedCA)
        XCTAssertFalse(third.keptCertificate)
        XCTAssertNotEqual(third.serialNumberHex, first.serialNumberHex)
        XCTAssertEqual(try FileBytes.read(first.caCertificateFile), caBytes)
    }

    func testExtraNamesWildcardsAndRSAInTheirOwnFiles() throws {
        let dir = TemporaryDirectory()
        _ = try DevCertificateAuthority(directory: dir.path).run()
        let other = try DevCertificateAuthority(directory: dir.path, names: ["other.test", "*.example.test"],
                                                fileName: "other", keyType: .rsa).run()
        XCTAssertTrue(other.reusedCA)
        let pair = try CertifiedKey.load(CertificateSource(certificateFile: "\(dir.path)/other.pem",
                                                           keyFile: "\(dir.path)/other-key.pem",
                                                           names: ["other.test", "*.example.test", "x.example.test"]))
        XCTAssertEqual(pair.keyType, .rsa)
        // Asking for different names replaces the leaf without --force.
        let changed = try DevCertificateAuthority(directory: dir.path, names: ["third.test"], fileName: "other").run()
        XCTAssertFalse(changed.keptCertificate)
    }

    func testBrokenCAIsReplaced() throws {
        let dir = TemporaryDirectory()
        _ = try dir.write("ca.pem", Array("garbage".utf8))
        let outcome = try DevCertificateAuthority(directory: dir.path).run()
        XCTAssertFalse(outcome.reusedCA)
    }

    func testTrustInstructionsCoverCurlDebianAndBrowsers() {
        let text = DevCertificateAuthority.trustInstructions(caCertificateFile: "certs/ca.pem").joined(separator: "\n")
        XCTAssertTrue(text.contains("curl --cacert certs/ca.pem"))
        XCTAssertTrue(text.contains("update-ca-certificates"))
        XCTAssertTrue(text.contains("Firefox"))
        XCTAssertTrue(text.contains("Chromium"))
    }
}
