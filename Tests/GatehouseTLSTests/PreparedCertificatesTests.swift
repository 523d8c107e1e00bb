import CGatehouseOpenSSL
@testable import GatehouseTLS
import NIOCore
import XCTest

/// The prepared per-slot `SSL_CTX`s: which exist, that handshakes switch to them, and that rotation and the
/// handshake paths that read the connection's `ctx` after the switch (ALPN in TLS 1.2, tickets, HelloRetryRequest)
/// still work.
final class PreparedCertificatesTests: XCTestCase {
    var pki: TestPKI!

    override func setUpWithError() throws {
        pki = try TestPKI()
    }

    func context(_ pairs: [CertifiedKey], configure: (inout TLSConfiguration) -> Void = { _ in }) throws -> TLSServerContext {
        try makeServerContext(pairs, configure: configure)
    }

    /// The `SSL_CTX` the server connection ended up on.
    func serverCTX(_ harness: TLSTestHarness) throws -> OpaquePointer {
        let ssl = try XCTUnwrap(harness.handler.connection?.ssl)
        return try XCTUnwrap(SSL_get_SSL_CTX(ssl))
    }

    func testOneContextPerSlotHoldingThatSlotsPairs() throws {
        let ecdsa = try pki.pair(["localhost"])
        let rsa = try pki.pair(["localhost"], keyType: .rsa)
        let other = try pki.pair(["other.test", "*.other.test"])
        let ctx = try context([ecdsa, rsa, other])
        let prepared = ctx.prepared.load(ordering: .acquiring)
        XCTAssertTrue(prepared.snapshot === ctx.certificates.snapshot)
        let slots = prepared.snapshot.index.slots
        XCTAssertEqual(slots.count, 2, "localhost (RSA+ECDSA) and other.test/*.other.test")
        XCTAssertEqual(prepared.contexts.count, 2)
        XCTAssertEqual(Set(prepared.contexts.compactMap { $0 }).count, 2)
        for (pairs, prepCtx) in zip(slots, prepared.contexts) {
            let prepCtx = try XCTUnwrap(prepCtx)
            // The context holds the slot's last-installed certificate as current; it is one of the slot's.
            let leaf = try XCTUnwrap(SSL_CTX_get0_certificate(prepCtx))
            XCTAssertTrue(pairs.contains { X509_cmp($0.certificate.ref, leaf) == 0 })
        }
    }

    func testHandshakeSwitchesToThePreparedContextOfTheName() throws {
        let local = try pki.pair(["localhost"])
        let other = try pki.pair(["other.test"])
        let ctx = try context([local, other])
        let prepared = ctx.prepared.load(ordering: .acquiring)
        for (name, expected) in [("other.test", other), ("localhost", local), ("unknown.test", local)] {
            let harness = try TLSTestHarness(context: ctx)
            let client = try TestTLSClient(trusting: pki.ca, serverName: name, verifyName: expected.names[0])
            XCTAssertTrue(try harness.handshake(client), name)
            XCTAssertEqual(client.peerSerial, expected.serialNumberHex, name)
            let slot = try XCTUnwrap(prepared.snapshot.index.selectSlot(serverName: name, rejectUnknownNames: false)).slot
            XCTAssertEqual(try serverCTX(harness), prepared.contexts[slot], name)
            XCTAssertNotEqual(try serverCTX(harness), ctx.ctx)
            XCTAssertEqual(harness.handler.connectionInfo?.certificateSerial, expected.serialNumberHex, name)
        }
    }

    func testTLS12ALPNAndTicketsWorkAfterTheSwitch() throws {
        let ctx = try context([try pki.pair(["localhost"])]) { $0.applicationProtocols = ["h2", "http/1.1"] }
        let harness = try TLSTestHarness(context: ctx)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: TLS1_2_VERSION,
                                       alpn: ["http/1.1", "h2"])
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(harness.handler.negotiatedProtocol, "h2")
        XCTAssertNotEqual(try serverCTX(harness), ctx.ctx)
        // The ticket issued under the prepared context resumes against the policy context.
        let session = try XCTUnwrap(client.session())
        defer { SSL_SESSION_free(session) }
        XCTAssertEqual(SSL_SESSION_has_ticket(session), 1)
        let again = try TLSTestHarness(context: ctx)
        let resumed = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: TLS1_2_VERSION,
                                        alpn: ["h2"], session: session)
        XCTAssertTrue(try again.handshake(resumed))
        XCTAssertTrue(resumed.reused)
        XCTAssertEqual(again.handler.negotiatedProtocol, "h2")
    }

    func testHelloRetryRequestKeepsTheChosenCertificate() throws {
        let ecdsa = try pki.pair(["localhost"])
        let rsa = try pki.pair(["localhost"], keyType: .rsa)
        let ctx = try context([ecdsa, rsa])
        // The client's first key share is X448, which the server does not offer: it asks again for X25519.
        for (sigalgs, expected) in [(nil, KeyType.ecdsa), ("RSA-PSS+SHA256", .rsa)] as [(String?, KeyType)] {
            let harness = try TLSTestHarness(context: ctx)
            let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", signatureAlgorithms: sigalgs,
                                           groups: "X448:X25519")
            XCTAssertTrue(try harness.handshake(client), sigalgs ?? "default")
            XCTAssertEqual(client.peerKeyType, expected)
            XCTAssertEqual(SSL_ctrl(client.ssl, SSL_CTRL_GET_NEGOTIATED_GROUP, 0, nil), Int(NID_X25519))
        }
    }

    func testSwapPreparesNewPairsAndReusesUnchangedOnes() throws {
        let local = try pki.pair(["localhost"])
        let other = try pki.pair(["other.test"])
        let ctx = try context([local, other])
        let before = ctx.prepared.load(ordering: .acquiring)
        let otherSlotBefore = try XCTUnwrap(before.snapshot.index.selectSlot(serverName: "other.test", rejectUnknownNames: true)).slot
        let newLocal = try pki.pair(["localhost"])
        ctx.certificates.swap(CertificateSnapshot(pairs: [newLocal, other]))
        let after = ctx.prepared.load(ordering: .acquiring)
        XCTAssertTrue(after.snapshot === ctx.certificates.snapshot, "swap returns with the contexts prepared")
        let otherSlot = try XCTUnwrap(after.snapshot.index.selectSlot(serverName: "other.test", rejectUnknownNames: true)).slot
        let localSlot = try XCTUnwrap(after.snapshot.index.selectSlot(serverName: "localhost", rejectUnknownNames: true)).slot
        XCTAssertEqual(after.contexts[otherSlot], before.contexts[otherSlotBefore], "unchanged pairs keep their context")
        XCTAssertFalse(before.contexts.contains(after.contexts[localSlot]), "a new pair gets a new context")
        let harness = try TLSTestHarness(context: ctx)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(client.peerSerial, newLocal.serialNumberHex)
    }

    func testInFlightHandshakeKeepsItsContextAcrossASwap() throws {
        let old = try pki.pair(["localhost"])
        let ctx = try context([old])
        let harness = try TLSTestHarness(context: ctx)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        // ClientHello in; the server answers with its flight (certificate chosen) but the client has not finished.
        _ = client.handshake()
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))
        let chosen = try serverCTX(harness)
        XCTAssertNotEqual(chosen, ctx.ctx)
        // Rotate twice: the set that prepared `chosen` is dropped; the connection's reference keeps it alive.
        ctx.certificates.swap(CertificateSnapshot(pairs: [try pki.pair(["localhost"])]))
        let newest = try pki.pair(["localhost"])
        ctx.certificates.swap(CertificateSnapshot(pairs: [newest]))
        XCTAssertFalse(ctx.prepared.load(ordering: .acquiring).contexts.contains(chosen))
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(client.peerSerial, old.serialNumberHex)
        XCTAssertEqual(harness.handler.connectionInfo?.certificateSerial, old.serialNumberHex)
        XCTAssertEqual(try serverCTX(harness), chosen)
        // The next handshake gets the newest pair.
        let next = try TLSTestHarness(context: ctx)
        let fresh = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try next.handshake(fresh))
        XCTAssertEqual(fresh.peerSerial, newest.serialNumberHex)
    }

    func testContextsSharingAStoreEachPrepareTheirOwn() throws {
        let store = CertificateStore(CertificateSnapshot(pairs: [try pki.pair(["localhost"])]))
        let a = try TLSServerContext(configuration: TLSConfiguration(), certificates: store)
        var b: TLSServerContext? = try TLSServerContext(configuration: TLSConfiguration(), certificates: store)
        weak let weakB = b
        b = nil
        XCTAssertNil(weakB, "the store does not keep a context alive")
        let newPair = try pki.pair(["localhost"])
        store.swap(CertificateSnapshot(pairs: [newPair]))
        XCTAssertTrue(a.prepared.load(ordering: .acquiring).snapshot === store.snapshot)
        let harness = try TLSTestHarness(context: a)
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(client.peerSerial, newPair.serialNumberHex)
    }
}
