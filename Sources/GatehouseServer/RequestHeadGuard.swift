import NIOCore

/// Events the guard sends down the pipeline to the connection handler.
enum RequestHeadGuardEvent {
    /// The request line grew past the limit before its end → 414.
    case requestLineTooLong
    /// A header block started but did not complete in time → 408.
    case headerTimeout
    /// Nothing arrived within the idle (keep-alive or first-request) timeout → close quietly.
    case idleTimeout
}

/// Sits on the raw bytes in front of the HTTP decoder and enforces what the decoder cannot:
/// the request-line limit (414, distinct from the header-block limit the decoder enforces as 431), the
/// header-read deadline (408) and the keep-alive idle timeout.
///
/// The connection handler tells the guard when a head was parsed (`headReceived`) and when a response finished
/// (`awaitNextRequest`). Between those, the guard passes bytes through untouched.
///
/// Not Sendable: lives on its channel's event loop.
final class RequestHeadGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum State {
        /// Waiting for (the rest of) a request head.
        case awaitingHead(bytesSeen: Int, requestLineDone: Bool)
        /// A head was parsed; the request is being handled.
        case inRequest
        /// A limit fired; further bytes are dropped.
        case failed
    }

    private let maxRequestLine: Int
    private let headerTimeout: TimeAmount
    private let keepAliveTimeout: TimeAmount
    private var state: State = .awaitingHead(bytesSeen: 0, requestLineDone: false)
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?
    private var isFirstRequest = true

    init(maxRequestLine: Int, headerTimeout: TimeAmount, keepAliveTimeout: TimeAmount) {
        self.maxRequestLine = maxRequestLine
        self.headerTimeout = headerTimeout
        self.keepAliveTimeout = keepAliveTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // The first request gets the header timeout from the moment the connection opens.
        arm(headerTimeout, event: .idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch state {
        case .failed:
            return
        case .inRequest:
            context.fireChannelRead(data)
        case .awaitingHead(let seen, let lineDone):
            let buffer = unwrapInboundIn(data)
            if seen == 0 && buffer.readableBytes > 0 {
                // First byte of a head: from now on the header deadline applies.
                arm(headerTimeout, event: .headerTimeout)
            }
            var done = lineDone
            if !done {
                let view = buffer.readableBytesView
                if let nl = view.firstIndex(of: UInt8(ascii: "\n")) {
                    done = true
                    if seen + (nl - view.startIndex) > maxRequestLine { return fail(context, .requestLineTooLong) }
                } else if seen + view.count > maxRequestLine {
                    return fail(context, .requestLineTooLong)
                }
            }
            state = .awaitingHead(bytesSeen: seen + buffer.readableBytes, requestLineDone: done)
            context.fireChannelRead(data)
        }
    }

    /// The decoder produced a request head: stop the header deadline.
    func headReceived() {
        timer?.cancel()
        timer = nil
        isFirstRequest = false
        state = .inRequest
    }

    /// The response was written and the connection stays open: wait for the next head.
    func awaitNextRequest() {
        if case .failed = state { return }
        state = .awaitingHead(bytesSeen: 0, requestLineDone: false)
        arm(keepAliveTimeout, event: .idleTimeout)
    }

    private func fail(_ context: ChannelHandlerContext, _ event: RequestHeadGuardEvent) {
        state = .failed
        timer?.cancel()
        timer = nil
        context.fireUserInboundEventTriggered(event)
    }

    private func arm(_ amount: TimeAmount, event: RequestHeadGuardEvent) {
        timer?.cancel()
        guard let context else { return }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: amount) {
            let guardHandler = loopBound.value
            guard let ctx = guardHandler.context else { return }
            guardHandler.timer = nil
            switch guardHandler.state {
            case .awaitingHead(let seen, _):
                guardHandler.fail(ctx, seen > 0 ? .headerTimeout : event == .headerTimeout ? .headerTimeout : .idleTimeout)
            case .inRequest, .failed:
                break
            }
        }
    }
}
