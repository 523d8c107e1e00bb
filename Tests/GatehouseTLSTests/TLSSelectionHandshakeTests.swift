import CGatehouseOpenSSL
@testable import GatehouseTLS
import NIOCore
import XCTest

/// SNI, ALPN, RSA/ECDSA choice and session resumption through real handshakes.
final class TLSSelectionHandshakeTests: XCTestCase {
    var pki: TestPKI!

    override func setUpWithError() throws {
        pki = try TestPKI()
    }

    func context(_ pairs: [CertifiedKey], configure: (inout TLSConfiguration) -> Void = { _ in }) throws -> TLSServerContext {
        try makeServerContext(pairs, configure: configure)
    }

    func testSNIChoosesExactWildcardAndDefault() throws {
        let local = try pki.pair(["localhost"])
        let other = try pki.pair(["other.test"])
        let wild = try pki.pair(["*.example.test"])
        let ctx = try context([local, other, wild])
        for (name, expected) in [("other.test", other), ("a.example.test", wild), ("LOCALHOST", local),
                                 ("unknown.test", local)] {
            let harness = try TLSTestHarness(context: ctx)
            let client = try TestTLSClient(trusting: pki.ca, serverName: name, verifyName: expected.names[0] == "*.example.test" ? name : expected.names[0])
            XCTAssertTrue(try harness.handshake(client), name)
            XCTAssertEqual(client.peerSerial, expected.serialNumberHex, name)
            XCTAssertEqual(harness.handler.serverName, name)
        }
        let harness = try TLSTestHarness(context: ctx)
        let noSNI = try TestTLSClient(trusting: pki.ca, serverName: nil, verifyName: "localhost")
        XCTAssertTrue(try harness.handshake(noSNI))
        XCTAssertEqual(noSNI.peerSerial, local.serialNumberHex)
        XCTAssertNil(harness.handler.serverName)
    }

    func testUnknownNameIsRejectedWhenConfigured() throws {
        let ctx = try context([try pki.pair(["localhost"])]) { $0.rejectUnknownServerNames = true }
        let harness = try TLSTestHarness(context: ctx)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "unknown.test")
        try harness.pump(client)
        XCTAssertFalse(client.handshakeDone)
        _ = client.handshake()
        XCTAssertEqual(client.handshakeError, "tlsv1 unrecognized name")
        XCTAssertFalse(harness.channel.isActive)
        let error = try XCTUnwrap(harness.recorder.errors.first as? TLSError)
        XCTAssertEqual(error.kind, .handshakeFailed)
        XCTAssertTrue(error.description.contains("callback failed") || error.description.contains("servername"),
                      error.description)
        // Known names still work.
        let ok = try TLSTestHarness(context: ctx)
        XCTAssertTrue(try ok.handshake(try TestTLSClient(trusting: pki.ca, serverName: "localhost")))
    }

    func testRSAAndECDSAForOneNameFollowClientSignatureAlgorithms() throws {
        let ecdsa = try pki.pair(["localhost"])
        let rsa = try pki.pair(["localhost"], keyType: .rsa)
        let ctx = try context([ecdsa, rsa])
        for (sigalgs, version, expected) in [
            (nil, nil, KeyType.ecdsa),
            ("RSA-PSS+SHA256:RSA+SHA256", nil, .rsa),
            ("RSA+SHA256", TLS1_2_VERSION, .rsa),
            ("ECDSA+SHA256", TLS1_2_VERSION, .ecdsa),
        ] as [(String?, Int32?, KeyType)] {
            let harness = try TLSTestHarness(context: ctx)
            let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: version,
                                           signatureAlgorithms: sigalgs)
            XCTAssertTrue(try harness.handshake(client), sigalgs ?? "default")
            XCTAssertEqual(client.peerKeyType, expected, sigalgs ?? "default")
        }
    }

    func testALPNServerPreferenceAndNoOverlap() throws {
        let ctx = try context([try pki.pair(["localhost"])]) { $0.applicationProtocols = ["h2", "http/1.1"] }
        let cases: [([String], String?)] = [(["http/1.1", "h2"], "h2"), (["http/1.1"], "http/1.1"), (["spdy/3"], nil), ([], nil)]
        for (offer, expected) in cases {
            let harness = try TLSTestHarness(context: ctx)
            let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", alpn: offer)
            XCTAssertTrue(try harness.handshake(client))
            XCTAssertEqual(harness.handler.negotiatedProtocol, expected, "\(offer)")
            XCTAssertEqual(harness.recorder.events.first, .handshakeCompleted(expected))
        }
    }

    /// A full handshake, then a second connection offering the first session.
    func resume(_ ctx: TLSServerContext, maxVersion: Int32? = nil, between: () -> Void = {}) throws -> (TLSTestHarness, TestTLSClient) {
        let first = try TLSTestHarness(context: ctx)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: maxVersion)
        XCTAssertTrue(try first.handshake(client))
        XCTAssertFalse(first.handler.sessionReused)
        let session = try XCTUnwrap(client.session())
        defer { SSL_SESSION_free(session) }
        between()
        let second = try TLSTestHarness(context: ctx)
        let again = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: maxVersion, session: session)
        XCTAssertTrue(try second.handshake(again))
        return (second, again)
    }

    func testTLS13TicketResumption() throws {
        let (server, client) = try resume(try context([try pki.pair(["localhost"])]))
        XCTAssertTrue(client.reused)
        XCTAssertTrue(server.handler.sessionReused)
        XCTAssertNil(server.handler.connectionInfo?.certificateSerial)
    }

    func testTLS12TicketResumption() throws {
        let (server, client) = try resume(try context([try pki.pair(["localhost"])]), maxVersion: TLS1_2_VERSION)
        XCTAssertTrue(client.reused)
        XCTAssertTrue(server.handler.sessionReused)
    }

    func testSessionCacheResumptionWithTicketsOff() throws {
        let ctx = try context([try pki.pair(["localhost"])]) { $0.sessionTicketsEnabled = false }
        for version in [TLS1_2_VERSION, TLS1_3_VERSION] {
            let (server, client) = try resume(ctx, maxVersion: version)
            XCTAssertTrue(client.reused, "\(version)")
            XCTAssertTrue(server.handler.sessionReused)
        }
        XCTAssertGreaterThan(ctx.cachedSessionCount, 0)
    }

    func testTicketsSurviveKeyRotationAndCertificateSwap() throws {
        let ctx = try context([try pki.pair(["localhost"])])
        let (_, rotated) = try resume(ctx) { ctx.rotateTicketKeys() }
        XCTAssertTrue(rotated.reused, "a previous ticket key still decrypts")
        let newPair = try pki.pair(["localhost"])
        let (_, swapped) = try resume(ctx) { ctx.certificates.swap(CertificateSnapshot(pairs: [newPair])) }
        XCTAssertTrue(swapped.reused, "swapping the certificate snapshot keeps tickets valid")
        // New full handshakes see the new certificate at once.
        let harness = try TLSTestHarness(context: ctx)
        let fresh = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(fresh))
        XCTAssertEqual(fresh.peerSerial, newPair.serialNumberHex)
    }

    func testTicketsFromDroppedKeysStartAFullHandshake() throws {
        let ctx = try context([try pki.pair(["localhost"])]) { $0.ticketKeysKept = 2 }
        let (server, client) = try resume(ctx) {
            ctx.rotateTicketKeys()
            ctx.rotateTicketKeys()
        }
        XCTAssertFalse(client.reused)
        XCTAssertFalse(server.handler.sessionReused)
    }

    func testEmptySnapshotFailsHandshakesUntilSwapped() throws {
        let ctx = try context([])
        let harness = try TLSTestHarness(context: ctx)
        try harness.pump(try TestTLSClient(trusting: pki.ca, serverName: "localhost"))
        XCTAssertFalse(harness.channel.isActive)
        ctx.certificates.swap(CertificateSnapshot(pairs: [try pki.pair(["localhost"])]))
        XCTAssertTrue(try TLSTestHarness(context: ctx).handshake(try TestTLSClient(trusting: pki.ca, serverName: "localhost")))
    }
}
