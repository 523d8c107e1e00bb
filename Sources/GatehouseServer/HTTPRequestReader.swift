import GatehouseHTTP
import GatehouseTimers
import NIOCore
import NIOHTTP1

/// Events the reader sends down the pipeline to the connection handler.
enum HTTPRequestReaderEvent {
    /// The request could not be parsed (or broke a size limit): answer `error.status` and close.
    case malformed(HTTPRequestParseError)
    /// A header block started but did not complete in time → 408.
    case headerTimeout
    /// Nothing arrived within the idle (keep-alive or first-request) timeout → close quietly.
    case idleTimeout
}

/// The connection's HTTP/1.1 front: turns decrypted bytes into request parts with `HTTP1RequestParser` and
/// enforces the limits that are about time — the header-read deadline (408) and the keep-alive idle timeout.
/// The size limits (414 for the request line, 431 for the header section) and the framing rules are the
/// parser's.
///
/// One handler instead of NIOHTTP1's `ByteToMessageHandler(HTTPRequestDecoder)` plus a guard in front of it: one
/// pipeline hop less per read, no llhttp state per connection, and no bytes held between requests (the
/// buffer is dropped as soon as it is consumed, so an idle keep-alive connection keeps nothing here and NIO can
/// reuse its receive buffer).
///
/// The connection handler tells the reader when a response finished (`awaitNextRequest`): from then the idle
/// timeout runs until the next head's first bytes, and the header deadline from those bytes until the head is
/// complete. Timers cost nothing per request: the connection has one deadline, watched by the loop's
/// `LoopDeadlines` (no scheduled task of its own); moving it later or clearing it touches nothing. The header
/// deadline is only set when a head is still incomplete after the read that started it. A deadline is acted on at
/// most one grid tick (50 ms) late.
///
/// Not Sendable: lives on its channel's event loop.
final class HTTPRequestReader: ChannelInboundHandler, LoopDeadlineMember {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = HTTPServerRequestPart

    private let headerTimeout: TimeAmount
    private let keepAliveTimeout: TimeAmount
    private var parser: HTTP1RequestParser
    /// Bytes received but not parsed yet (an incomplete head or chunk line); nil when everything was consumed.
    private var pending: ByteBuffer?
    /// Waiting for a request head (from the start, and again after each response) rather than handling one.
    private var waitingForHead = true
    /// Bytes that arrived while waiting for the current head.
    private var headBytesSeen = 0
    private var failed = false
    private var context: ChannelHandlerContext?
    /// When the current wait ends, and what it means then; nil while a request is handled.
    private(set) var deadline: NIODeadline?
    private var deadlineEvent = HTTPRequestReaderEvent.idleTimeout
    /// The loop's timer registry (the reader stays a member from `handlerAdded` to the end of the connection).
    private var deadlines: LoopDeadlines?
    var deadlineSlot = -1

    init(limits: HTTP1RequestParser.Limits, headerTimeout: TimeAmount, keepAliveTimeout: TimeAmount) {
        self.parser = HTTP1RequestParser(limits: limits)
        self.headerTimeout = headerTimeout
        self.keepAliveTimeout = keepAliveTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        deadlines = LoopDeadlines.current(on: context.eventLoop)
        // The first request gets the header timeout from the moment the connection opens.
        setDeadline(context.eventLoop.now + headerTimeout, event: .idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        pending = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        pending = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if failed { return }
        var incoming = unwrapInboundIn(data)
        let startsHead = waitingForHead && headBytesSeen == 0 && incoming.readableBytes > 0
        let startedAt = startsHead ? context.eventLoop.now : .distantPast
        if waitingForHead { headBytesSeen += incoming.readableBytes }
        var buffer: ByteBuffer
        if var held = pending, held.readableBytes > 0 {
            pending = nil
            held.writeBuffer(&incoming)
            buffer = held
        } else {
            buffer = incoming
        }
        while !failed {
            let part: HTTPServerRequestPart?
            do {
                part = try parser.next(&buffer)
            } catch let error as HTTPRequestParseError {
                fail(context, .malformed(error))
                return
            } catch {
                fail(context, .malformed(.malformedRequestLine("\(error)")))
                return
            }
            guard let part else { break }
            if case .head = part { headParsed() }
            context.fireChannelRead(wrapInboundOut(part))
        }
        if failed { return }
        if buffer.readableBytes > 0 {
            if buffer.readerIndex > 4096 { buffer.discardReadBytes() }
            pending = buffer
        }
        // First bytes of a head that did not complete in this read: from now on the header deadline applies.
        if startsHead, waitingForHead, headBytesSeen > 0 {
            setDeadline(startedAt + headerTimeout, event: .headerTimeout)
        }
    }

    /// A head was parsed: the request is being handled, no deadline of ours applies.
    private func headParsed() {
        waitingForHead = false
        headBytesSeen = 0
        deadline = nil
    }

    /// The response was written and the connection stays open: wait for the next head.
    func awaitNextRequest() {
        if failed { return }
        waitingForHead = true
        headBytesSeen = pending?.readableBytes ?? 0
        guard let context else { return }
        if headBytesSeen > 0 {
            // Part of the next head arrived while the response was produced: the header deadline runs from now.
            setDeadline(context.eventLoop.now + headerTimeout, event: .headerTimeout)
        } else {
            setDeadline(context.eventLoop.now + keepAliveTimeout, event: .idleTimeout)
        }
    }

    private func fail(_ context: ChannelHandlerContext, _ event: HTTPRequestReaderEvent) {
        failed = true
        pending = nil
        deadline = nil
        cancelTimer()
        context.fireUserInboundEventTriggered(event)
    }

    private func cancelTimer() {
        deadline = nil
        deadlines?.forget(self)
    }

    /// Sets the deadline and tells the registry, which reschedules only when it is earlier than its next firing.
    private func setDeadline(_ when: NIODeadline, event: HTTPRequestReaderEvent) {
        deadline = when
        deadlineEvent = event
        deadlines?.watch(self)
    }

    /// Called by `LoopDeadlines` once `deadline` has passed.
    func deadlineDue(now: NIODeadline) {
        deadline = nil
        guard let context, waitingForHead, !failed else { return }
        fail(context, headBytesSeen > 0 ? .headerTimeout : deadlineEvent)
    }
}
