import CGatehouseOpenSSL
@testable import GatehouseTLS
import GatehouseTimers
import NIOCore
import NIOEmbedded
import NIOTLS
import XCTest

final class TLSHandlerTests: XCTestCase {
    var pki: TestPKI!
    var localhost: CertifiedKey!

    override func setUpWithError() throws {
        pki = try TestPKI()
        localhost = try pki.pair(["localhost", "127.0.0.1"])
    }

    func makeContext(_ pairs: [CertifiedKey]? = nil, configure: (inout TLSConfiguration) -> Void = { _ in })
        throws -> TLSServerContext {
        var config = TLSConfiguration()
        configure(&config)
        return try TLSServerContext(configuration: config,
                                    certificates: CertificateStore(CertificateSnapshot(pairs: pairs ?? [localhost])))
    }

    func testTLS13HandshakeDataBothWaysAndEventOrder() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        // The request travels in the same flight as the client's Finished.
        XCTAssertEqual(client.handshake(), -SSL_ERROR_WANT_READ)
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))
        while let out = try harness.channel.readOutbound(as: ByteBuffer.self) { client.feed(out) }
        XCTAssertEqual(client.handshake(), 1)
        client.write(Array("GET / HTTP/1.1\r\n\r\n".utf8))
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))

        XCTAssertEqual(harness.recorder.events, [.handshakeCompleted("http/1.1"), .data("GET / HTTP/1.1\r\n\r\n")])
        let info = try XCTUnwrap(harness.handler.connectionInfo)
        XCTAssertEqual(info.protocolVersion, "TLSv1.3")
        XCTAssertEqual(info.serverName, "localhost")
        XCTAssertEqual(info.negotiatedProtocol, "http/1.1")
        XCTAssertFalse(info.sessionReused)
        XCTAssertEqual(info.certificateSerial, localhost.serialNumberHex)
        XCTAssertTrue(info.cipher.hasPrefix("TLS_"))

        try harness.channel.writeAndFlush(ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\nhello")).wait()
        try harness.pump(client)
        XCTAssertEqual(String(decoding: client.read().bytes, as: UTF8.self), "HTTP/1.1 200 OK\r\n\r\nhello")
        XCTAssertEqual(client.peerSerial, localhost.serialNumberHex)
    }

    func testPlaintextBufferIsSizedByTheCiphertextNotTheRecordLimit() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        let small = "GET /a HTTP/1.1\r\nHost: localhost\r\n\r\n"
        client.write(Array(small.utf8))
        try harness.pump(client)
        // Two full records in one read cycle still arrive whole, in one buffer.
        let large = String(repeating: "b", count: 20_000)
        client.write(Array(large.utf8))
        try harness.pump(client)

        XCTAssertEqual(harness.recorder.events.suffix(2), [.data(small), .data(large)])
        let capacities = harness.recorder.capacities.suffix(2)
        XCTAssertLessThan(try XCTUnwrap(capacities.first), 1024, "a small request must not cost a 16 KB buffer")
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(capacities.last), 20_000)
    }

    func testForcedTLS12Handshake() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: TLS1_2_VERSION)
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(harness.handler.protocolVersion, "TLSv1.2")
        XCTAssertEqual(harness.handler.cipher, "ECDHE-ECDSA-AES128-GCM-SHA256")
        client.write(Array("ping".utf8))
        try harness.pump(client)
        XCTAssertEqual(harness.recorder.text, "ping")
        try harness.channel.writeAndFlush(ByteBuffer(string: "pong")).wait()
        try harness.pump(client)
        XCTAssertEqual(String(decoding: client.read().bytes, as: UTF8.self), "pong")
    }

    func testMinimumVersion13RefusesTLS12Client() throws {
        let harness = try TLSTestHarness(context: try makeContext { $0.minimumVersion = .tls13 })
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost", maxVersion: TLS1_2_VERSION)
        try harness.pump(client)
        XCTAssertFalse(client.handshakeDone)
        _ = client.handshake()
        XCTAssertEqual(client.handshakeError, "tlsv1 alert protocol version")
        XCTAssertEqual(harness.recorder.events.first, .error(.handshakeFailed))
        XCTAssertFalse(harness.channel.isActive)
    }

    func testWritesBeforeHandshakeCompletesAreSentAfterIt() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let written = harness.channel.writeAndFlush(ByteBuffer(string: "early"))
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        try harness.pump(client)
        XCTAssertTrue(client.handshakeDone)
        XCTAssertNoThrow(try written.wait())
        XCTAssertEqual(String(decoding: client.read().bytes, as: UTF8.self), "early")
    }

    func testRecordsOfOneReadCycleAreDeliveredOnce() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        let before = harness.recorder.readCount
        for piece in ["one ", "two ", "three"] { client.write(Array(piece.utf8)) }
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))
        XCTAssertEqual(harness.recorder.readCount - before, 1)
        XCTAssertEqual(harness.recorder.text, "one two three")
        // A record split across two TCP reads is delivered when complete.
        client.write(Array(String(repeating: "s", count: 3000).utf8))
        var ciphertext = try XCTUnwrap(client.takeOutput())
        let head = try XCTUnwrap(ciphertext.readSlice(length: 1000))
        try harness.channel.writeInbound(head)
        XCTAssertEqual(harness.recorder.readCount - before, 1)
        try harness.channel.writeInbound(ciphertext)
        XCTAssertEqual(harness.recorder.readCount - before, 2)
        XCTAssertEqual(harness.recorder.text.count, 13 + 3000)
    }

    func testManySmallWritesArePackedAndArriveIntact() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        var expected = ""
        var futures: [EventLoopFuture<Void>] = []
        for i in 0..<500 {
            let piece = "line \(i) " + String(repeating: "x", count: i % 97) + "\n"
            expected += piece
            futures.append(harness.channel.write(ByteBuffer(string: piece)))
        }
        let big = String(repeating: "B", count: 40_000)
        expected += big
        futures.append(harness.channel.write(ByteBuffer(string: big)))
        harness.channel.flush()
        // One flush produces one ciphertext write.
        var outputs = 0
        var ciphertext = 0
        while let out = try harness.channel.readOutbound(as: ByteBuffer.self) {
            outputs += 1
            ciphertext += out.readableBytes
            client.feed(out)
        }
        XCTAssertEqual(outputs, 1)
        for future in futures { XCTAssertNoThrow(try future.wait()) }
        let records = (expected.utf8.count + 16_383) / 16_384
        // Full records: overhead of 22 bytes per record (AES-GCM, TLS 1.3), so no tiny records were made.
        XCTAssertEqual(ciphertext, expected.utf8.count + records * 22)
        XCTAssertEqual(String(decoding: client.read().bytes, as: UTF8.self), expected)
    }

    func testServerCloseSendsCloseNotifyAndCompletesOnPeerReply() throws {
        let harness = try TLSTestHarness(context: try makeContext { $0.awaitPeerCloseNotify = true })
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        let closed = harness.channel.close()
        while let out = try harness.channel.readOutbound(as: ByteBuffer.self) { client.feed(out) }
        XCTAssertTrue(client.read().closed)
        XCTAssertTrue(harness.channel.isActive, "waits for the peer's close_notify")
        XCTAssertEqual(client.shutdown(), 1)
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))
        XCTAssertNoThrow(try closed.wait())
        XCTAssertFalse(harness.channel.isActive)
        XCTAssertEqual(harness.recorder.events.suffix(2), [.shutdownCompleted, .inactive])
    }

    func testServerCloseTimesOutWithoutPeerReply() throws {
        let harness = try TLSTestHarness(context: try makeContext { $0.shutdownTimeout = .seconds(2); $0.awaitPeerCloseNotify = true })
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        let closed = harness.channel.close()
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertTrue(harness.channel.isActive)
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        XCTAssertNoThrow(try closed.wait())
        XCTAssertFalse(harness.channel.isActive)
        XCTAssertTrue(harness.recorder.events.contains(.error(.shutdownTimeout)))
        XCTAssertEqual(LoopDeadlines.current(on: harness.channel.embeddedEventLoop).count, 0, "closed, still watched")
    }

    func testServerCloseByDefaultSendsCloseNotifyAndDoesNotWait() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        let closed = harness.channel.close()
        XCTAssertNoThrow(try closed.wait())
        XCTAssertFalse(harness.channel.isActive)
    }

    func testClientCloseNotifyIsAnsweredAndClosesAfterDeliveringData() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        client.write(Array("last words".utf8))
        XCTAssertEqual(client.shutdown(), 0)
        try harness.channel.writeInbound(try XCTUnwrap(client.takeOutput()))
        XCTAssertEqual(Array(harness.recorder.events.suffix(3)), [.data("last words"), .shutdownCompleted, .inactive])
        while let out = try harness.channel.readOutbound(as: ByteBuffer.self) { client.feed(out) }
        XCTAssertEqual(client.shutdown(), 1, "the server's close_notify arrived")
    }

    func testTransportCloseWithoutCloseNotifyIsUnclean() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        harness.channel.pipeline.fireChannelInactive()
        XCTAssertEqual(Array(harness.recorder.events.suffix(2)), [.error(.uncleanShutdown), .inactive])
        _ = try? harness.channel.finish()
    }

    func testGarbageInsteadOfClientHelloClosesWithError() throws {
        let harness = try TLSTestHarness(context: try makeContext())
        try harness.channel.writeInbound(ByteBuffer(string: "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        XCTAssertFalse(harness.channel.isActive)
        XCTAssertEqual(harness.recorder.events, [.error(.handshakeFailed), .inactive])
        let error = try XCTUnwrap(harness.recorder.errors.first as? TLSError)
        XCTAssertFalse(error.openSSLErrors.isEmpty, "carries OpenSSL's error queue: \(error)")
        XCTAssertTrue(error.description.contains("http request") || error.description.contains("wrong version"),
                      error.description)
    }

    func testRandomBytesNeverTrap() throws {
        var generator = SystemRandomNumberGenerator()
        for length in [1, 5, 6, 100, 5000] {
            let harness = try TLSTestHarness(context: try makeContext())
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            bytes[0] = 0x16  // looks like a handshake record
            _ = try? harness.channel.writeInbound(ByteBuffer(bytes: bytes))
            if harness.channel.isActive {
                harness.channel.embeddedEventLoop.advanceTime(by: .seconds(11))
            }
            XCTAssertFalse(harness.channel.isActive)
        }
    }

    func testHandshakeTimeoutClosesTheConnection() throws {
        let harness = try TLSTestHarness(context: try makeContext { $0.handshakeTimeout = .seconds(3) })
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        _ = client.handshake()  // ClientHello is never delivered
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(2999))
        XCTAssertTrue(harness.channel.isActive)
        harness.channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        XCTAssertFalse(harness.channel.isActive)
        XCTAssertEqual(harness.recorder.events, [.error(.handshakeTimeout), .inactive])
        XCTAssertEqual(LoopDeadlines.current(on: harness.channel.embeddedEventLoop).count, 0, "closed, still watched")
    }

    func testCompletedHandshakeIsNotTimedOut() throws {
        let harness = try TLSTestHarness(context: try makeContext { $0.handshakeTimeout = .seconds(3) })
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        XCTAssertTrue(try harness.handshake(client))
        XCTAssertEqual(LoopDeadlines.current(on: harness.channel.embeddedEventLoop).count, 0,
                       "an established connection has no TLS deadline to watch")
        harness.channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        XCTAssertTrue(harness.channel.isActive)
    }
}

final class TLSChannelInstallTests: XCTestCase {
    func testAddHandlerPutsTLSFirstAndExposesTheSNIName() throws {
        let pki = try TestPKI()
        let context = try TLSServerContext(configuration: TLSConfiguration(),
                                           certificates: CertificateStore(CertificateSnapshot(pairs: [try pki.pair(["localhost"])])))
        let channel = EmbeddedChannel()
        let recorder = EventRecorder()
        try channel.pipeline.syncOperations.addHandler(recorder)
        let handle = try context.addHandler(to: channel)
        XCTAssertNil(handle.serverName)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).wait()
        let client = try TestTLSClient(trusting: pki.ca, serverName: "localhost")
        for _ in 0..<10 {
            _ = client.handshake()
            if let out = client.takeOutput() { try channel.writeInbound(out) }
            while let out = try channel.readOutbound(as: ByteBuffer.self) { client.feed(out) }
        }
        XCTAssertTrue(client.handshakeDone)
        XCTAssertEqual(handle.serverName, "localhost")
        XCTAssertEqual(handle.connectionInfo?.negotiatedProtocol, "http/1.1")
        XCTAssertEqual(recorder.events.first, .handshakeCompleted("http/1.1"))
    }
}

final class TLSCipherNameTests: XCTestCase {
    func testKnownCipherNamesComeBackEqualAndUnknownOnesAreCopied() {
        for name in ["TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                     "SOME-FUTURE-CIPHER", ""] {
            XCTAssertEqual(name.withCString { TLSConnection.cipherName($0) }, name)
        }
    }
}
