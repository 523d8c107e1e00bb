@testable import GatehouseTLS
import NIOCore
import NIOEmbedded
import NIOTLS
import XCTest

/// Records what the TLS handler passes up the pipeline, in order.
final class EventRecorder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    enum Event: Equatable {
        case handshakeCompleted(String?)
        case data(String)
        case shutdownCompleted
        case error(TLSError.Kind)
        case otherError
        case inactive
    }

    var events: [Event] = []
    var errors: [Error] = []
    var readCount = 0
    /// The storage capacity of each plaintext buffer delivered (memory per connection is a target).
    var capacities: [Int] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        readCount += 1
        let buffer = unwrapInboundIn(data)
        capacities.append(buffer.capacity)
        events.append(.data(String(buffer: buffer)))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event as? TLSUserEvent {
        case .handshakeCompleted(let proto): events.append(.handshakeCompleted(proto))
        case .shutdownCompleted: events.append(.shutdownCompleted)
        case nil: break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        errors.append(error)
        events.append((error as? TLSError).map { .error($0.kind) } ?? .otherError)
    }

    func channelInactive(context: ChannelHandlerContext) {
        events.append(.inactive)
    }

    /// All plaintext received, joined.
    var text: String {
        events.compactMap { if case .data(let s) = $0 { return s } else { return nil } }.joined()
    }
}

/// A server `TLSHandler` in an `EmbeddedChannel` wired to a `TestTLSClient`.
final class TLSTestHarness {
    let channel = EmbeddedChannel()
    let handler: TLSHandler
    let recorder = EventRecorder()

    init(context: TLSServerContext) throws {
        handler = context.makeHandler()
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.pipeline.syncOperations.addHandler(recorder)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).wait()
    }

    /// Moves bytes both ways until neither side has anything to send.
    func pump(_ client: TestTLSClient) throws {
        for _ in 0..<100 {
            var moved = false
            if !client.handshakeDone { _ = client.handshake() }
            if let out = client.takeOutput() {
                moved = true
                if channel.isActive { try channel.writeInbound(out) }
            }
            while let out = try channel.readOutbound(as: ByteBuffer.self) {
                moved = true
                client.feed(out)
            }
            if !moved { return }
        }
        XCTFail("pump did not settle")
    }

    /// Handshakes `client` and returns true when both sides completed.
    @discardableResult
    func handshake(_ client: TestTLSClient) throws -> Bool {
        try pump(client)
        _ = client.read()  // processes NewSessionTicket messages
        return client.handshakeDone && handler.connectionInfo != nil
    }
}
