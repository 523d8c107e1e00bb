@testable import GatehouseTLS
import XCTest

/// Pair validation outcomes and the per-name swap, over files held in memory.
final class CertificateReloaderTests: XCTestCase {
    var pki: TestPKI!
    var files: [String: [UInt8]] = [:]
    let localhost = CertificateSource(certificateFile: "local.pem", keyFile: "local-key.pem")

    override func setUpWithError() throws {
        pki = try TestPKI()
        files = [:]
    }

    func reloader(_ sources: [CertificateSource], defaultName: String? = nil) -> CertificateReloader {
        CertificateReloader(sources: sources, defaultName: defaultName) { [unowned self] path in
            guard let bytes = self.files[path] else { throw CertificateError(file: path, problem: "cannot open: No such file or directory") }
            return bytes
        }
    }

    @discardableResult
    func put(_ source: CertificateSource, _ names: [String], keyType: KeyType = .ecdsa, validDays: Int = 30,
             now: Int64? = nil) throws -> String {
        let pem = try pki.leafPEM(names, keyType: keyType, validDays: validDays, now: now)
        files[source.certificateFile] = pem.certificate
        files[source.keyFile] = pem.key
        return pem.serial
    }

    func serial(_ snapshot: CertificateSnapshot?, _ name: String) -> String? {
        guard case .selected(let pairs, _)? = snapshot?.select(serverName: name, rejectUnknownNames: true) else { return nil }
        return pairs.map(\.serialNumberHex).joined(separator: "+")
    }

    // MARK: - Start-up and unchanged files

    func testLoadAllValidatesEveryPairAndUnchangedFilesDoNothing() throws {
        let first = try put(localhost, ["localhost", "127.0.0.1"])
        let r = reloader([localhost])
        let snapshot = try r.loadAll()
        XCTAssertEqual(serial(snapshot, "localhost"), first)
        XCTAssertEqual(r.slots[0].names, ["localhost", "127.0.0.1"])  // pinned from the certificate
        let outcome = r.check(force: true)
        XCTAssertNil(outcome.snapshot)
        XCTAssertEqual(outcome.report, { var rep = CertificateReloadReport(); rep.unchanged = 1; return rep }())
        XCTAssertEqual(outcome.report.summary, "certificates: 1 unchanged")
    }

    func testLoadAllThrowsTheFirstBadPair() throws {
        try put(localhost, ["localhost"])
        files[localhost.keyFile] = try pki.leafPEM(["localhost"]).key
        XCTAssertThrowsError(try reloader([localhost]).loadAll()) { error in
            XCTAssertEqual("\(error)", "local-key.pem: private key does not match certificate local.pem")
        }
    }

    // MARK: - A good rotation

    func testGoodRotationIsSwappedIn() throws {
        try put(localhost, ["localhost"])
        let r = reloader([localhost])
        _ = try r.loadAll()
        let next = try put(localhost, ["localhost"], keyType: .rsa)
        let outcome = r.check(force: false)
        XCTAssertEqual(serial(outcome.snapshot, "localhost"), next)
        XCTAssertEqual(outcome.report.reloaded.map(\.serialNumberHex), [next])
        XCTAssertEqual(outcome.report.reloaded.first?.names, ["localhost"])
        XCTAssertTrue(outcome.report.summary.hasPrefix("certificates: reloaded localhost (serial \(next), expires "),
                      outcome.report.summary)
        XCTAssertNil(r.check(force: false).snapshot)   // now serving: nothing more to do
    }

    // MARK: - Each broken case keeps the previous pair

    /// Breaks the files after a good start and checks the one refusal (its message starts with `expected`).
    func assertRefused(_ expected: String, file: StaticString = #filePath, line: UInt = #line,
                       _ breakIt: () throws -> Void) throws {
        let old = try put(localhost, ["localhost", "127.0.0.1"])
        let r = reloader([localhost])
        _ = try r.loadAll()
        try breakIt()
        let outcome = r.check(force: false)
        XCTAssertNil(outcome.snapshot, file: file, line: line)
        XCTAssertEqual(outcome.report.failures.count, 1, file: file, line: line)
        let message = outcome.report.failures.first?.description ?? ""
        XCTAssertTrue(message.hasPrefix(expected), message, file: file, line: line)
        XCTAssertEqual(r.servingPairs.map(\.serialNumberHex), [old], file: file, line: line)
        XCTAssertEqual(outcome.report.summary, "certificates: refused \(message)", file: file, line: line)
    }

    func testKeyOfAnotherCertificateIsRefused() throws {
        try assertRefused("local-key.pem: private key does not match certificate local.pem") {
            files[localhost.keyFile] = try pki.leafPEM(["localhost"]).key
        }
    }

    func testTruncatedPEMIsRefused() throws {
        try assertRefused("local.pem: ") {
            let pem = try pki.leafPEM(["localhost", "127.0.0.1"])
            files[localhost.certificateFile] = Array(pem.certificate.prefix(pem.certificate.count / 2))
            files[localhost.keyFile] = pem.key
        }
    }

    func testExpiredCertificateIsRefused() throws {
        let now = Int64(Date().timeIntervalSince1970)
        try assertRefused("local.pem: certificate expired on ") {
            try put(localhost, ["localhost", "127.0.0.1"], validDays: 5, now: now - 10 * 86_400)
        }
    }

    func testWrongNameIsRefusedEvenWithoutConfiguredNames() throws {
        try assertRefused("local.pem: certificate does not cover name 'localhost' (it covers: wrong.test)") {
            try put(localhost, ["wrong.test"])
        }
    }

    func testEmptyFileIsRefused() throws {
        try assertRefused("local.pem: file is empty") {
            files[localhost.certificateFile] = []
        }
    }

    func testMissingFileIsRefused() throws {
        try assertRefused("local-key.pem: cannot open: No such file or directory") {
            try put(localhost, ["localhost", "127.0.0.1"])
            files[localhost.keyFile] = nil
        }
    }

    // MARK: - Retrying

    func testCertificateAheadOfItsKeyIsRefusedOnceThenTakenWithTheKey() throws {
        try put(localhost, ["localhost"])
        let r = reloader([localhost])
        _ = try r.loadAll()
        let next = try pki.leafPEM(["localhost"])
        files[localhost.certificateFile] = next.certificate        // the key is still the old one
        XCTAssertEqual(r.check(force: false).report.failures.count, 1)
        let again = r.check(force: false)                          // the poll: same files, not retried
        XCTAssertEqual(again.report.failures, [])
        XCTAssertEqual(again.report.stillFailing, 1)
        XCTAssertEqual(again.report.summary, "certificates: 1 not retried (unchanged since refused)")
        XCTAssertEqual(r.check(force: true).report.failures.count, 1)   // a reload request retries
        files[localhost.keyFile] = next.key
        XCTAssertEqual(serial(r.check(force: false).snapshot, "localhost"), next.serial)
    }

    // MARK: - Per-name atomicity

    func testPairsOfOneNameGoLiveTogetherOrNotAtAll() throws {
        let ecdsa = CertificateSource(certificateFile: "ec.pem", keyFile: "ec-key.pem", names: ["localhost"])
        let rsa = CertificateSource(certificateFile: "rsa.pem", keyFile: "rsa-key.pem", names: ["localhost"])
        let oldEC = try put(ecdsa, ["localhost"])
        let oldRSA = try put(rsa, ["localhost"], keyType: .rsa)
        let r = reloader([ecdsa, rsa])
        _ = try r.loadAll()
        let newEC = try put(ecdsa, ["localhost"])
        files[rsa.keyFile] = try pki.leafPEM(["localhost"], keyType: .rsa).key   // RSA: new key, old cert
        let held = r.check(force: false)
        XCTAssertNil(held.snapshot)
        XCTAssertEqual(held.report.heldBack, ["ec.pem"])
        XCTAssertEqual(held.report.failures.map(\.file), ["rsa-key.pem"])
        XCTAssertEqual(r.servingPairs.map(\.serialNumberHex), [oldEC, oldRSA])
        XCTAssertEqual(r.check(force: false).report.stillFailing, 2)    // neither is retried until a file changes
        let newRSA = try put(rsa, ["localhost"], keyType: .rsa)
        let both = r.check(force: false)
        XCTAssertEqual(serial(both.snapshot, "localhost"), "\(newEC)+\(newRSA)")
        XCTAssertEqual(both.report.reloaded.count, 2)
    }

    func testAFailingNameDoesNotHoldBackAnotherName() throws {
        let other = CertificateSource(certificateFile: "other.pem", keyFile: "other-key.pem")
        let oldLocal = try put(localhost, ["localhost"])
        try put(other, ["other.test"])
        let r = reloader([localhost, other])
        let first = try r.loadAll()
        XCTAssertEqual(first.index.defaultName, "localhost")
        try put(localhost, ["wrong.test"])
        let newOther = try put(other, ["other.test"])
        let outcome = r.check(force: false)
        XCTAssertEqual(serial(outcome.snapshot, "localhost"), oldLocal)
        XCTAssertEqual(serial(outcome.snapshot, "other.test"), newOther)
        XCTAssertEqual(outcome.snapshot?.index.defaultName, "localhost")
        XCTAssertEqual(outcome.report.reloaded.count, 1)
        XCTAssertEqual(outcome.report.failures.count, 1)
        XCTAssertTrue(outcome.report.summary.contains("; refused local.pem: certificate does not cover name 'localhost'"),
                      outcome.report.summary)
    }

    func testReplacedPairsAreFreed() throws {
        try put(localhost, ["localhost"])
        let r = reloader([localhost])
        weak var old: CertifiedKey?
        do {
            let snapshot = try r.loadAll()
            old = snapshot.pairs.first
            XCTAssertNotNil(old)
            try put(localhost, ["localhost"])
            XCTAssertNotNil(r.check(force: false).snapshot)
        }
        XCTAssertNil(old, "the replaced pair is still referenced")
    }
}
