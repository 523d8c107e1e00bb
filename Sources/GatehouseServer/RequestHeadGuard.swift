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
/// Timers cost nothing per request: there is one deadline and at most one scheduled task per connection. Moving
/// the deadline later (the next keep-alive wait) or clearing it (a head arrived) does not touch the timer; when
/// the task fires early it re-arms itself for the current deadline. The header deadline is only set when a head
/// is still incomplete after the read that started it (the usual head arrives in one read).
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
    private var context: ChannelHandlerContext?
    /// When the current wait ends, and what it means then; nil while a request is handled.
    private var deadline: NIODeadline?
    private var deadlineEvent = RequestHeadGuardEvent.idleTimeout
    /// The one scheduled task and when it fires (never later than `deadline`).
    private var timer: Scheduled<Void>?
    private var timerFiresAt: NIODeadline = .distantPast
    /// Counts heads received, so a read can tell whether its head completed.
    private var heads = 0

    init(maxRequestLine: Int, headerTimeout: TimeAmount, keepAliveTimeout: TimeAmount) {
        self.maxRequestLine = maxRequestLine
        self.headerTimeout = headerTimeout
        self.keepAliveTimeout = keepAliveTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // The first request gets the header timeout from the moment the connection opens.
        setDeadline(context.eventLoop.now + headerTimeout, event: .idleTimeout)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
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
            let startsHead = seen == 0 && buffer.readableBytes > 0
            let startedAt = startsHead ? context.eventLoop.now : .distantPast
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
            let headsBefore = heads
            context.fireChannelRead(data)
            // First bytes of a head that did not complete in this read: from now on the header deadline applies.
            if startsHead, heads == headsBefore, case .awaitingHead = state {
                setDeadline(startedAt + headerTimeout, event: .headerTimeout)
            }
        }
    }

    /// The decoder produced a request head: stop the header deadline.
    func headReceived() {
        heads &+= 1
        deadline = nil
        state = .inRequest
    }

    /// The response was written and the connection stays open: wait for the next head.
    func awaitNextRequest() {
        if case .failed = state { return }
        state = .awaitingHead(bytesSeen: 0, requestLineDone: false)
        guard let context else { return }
        setDeadline(context.eventLoop.now + keepAliveTimeout, event: .idleTimeout)
    }

    private func fail(_ context: ChannelHandlerContext, _ event: RequestHeadGuardEvent) {
        state = .failed
        deadline = nil
        cancelTimer()
        context.fireUserInboundEventTriggered(event)
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    /// Sets the deadline; schedules a task only when none is pending that fires by then.
    private func setDeadline(_ when: NIODeadline, event: RequestHeadGuardEvent) {
        deadline = when
        deadlineEvent = event
        if timer != nil && timerFiresAt <= when { return }
        schedule(at: when)
    }

    private func schedule(at when: NIODeadline) {
        cancelTimer()
        guard let context else { return }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timerFiresAt = when
        timer = context.eventLoop.scheduleTask(deadline: when) { loopBound.value.timerFired() }
    }

    private func timerFired() {
        timer = nil
        guard let context, let deadline else { return }
        if context.eventLoop.now < deadline {
            schedule(at: deadline)  // the deadline moved later since this task was scheduled
            return
        }
        self.deadline = nil
        switch state {
        case .awaitingHead(let seen, _):
            fail(context, seen > 0 ? .headerTimeout : deadlineEvent)
        case .inRequest, .failed:
            break
        }
    }
}
