import GatehouseHTTP
import GatehouseUWSGI
import NIOCore
import NIOHTTP1
import NIOPosix

/// Reads one uWSGI response (decoded by `UWSGIResponseDecoder` in front of it) and completes `promise` with a
/// `GatewayResponse`: fully buffered (memory, then a spool file), or — for `X-Accel-Buffering: no` — as soon as
/// the head arrives, with a stream body. Enforces the read timeout (silence while waiting for the backend) and
/// maps every failure to a `ProxyError`.
///
/// Not Sendable: it lives in one channel's pipeline; `UWSGIExchange` calls `noteProgress` on the channel's loop.
final class UWSGIExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State {
        case waitingForHead
        case buffering(HTTPResponseHead, SpoolingBuffer)
        case finishing
        case streaming(UpstreamBodyStream)
        case done
    }

    private let configuration: ProxyConfiguration
    private let threadPool: NIOThreadPool
    private let promise: EventLoopPromise<GatewayResponse>
    private let upstream: String
    private let isHeadRequest: Bool
    /// Set as `X-Request-ID` on the response (the client's or ours), so the caller does not chain a future for it.
    private let requestID: String?
    private var state = State.waitingForHead
    private var context: ChannelHandlerContext?
    /// The silence timer: one scheduled task at a time, re-armed only when the deadline moves earlier (progress
    /// moves it later without touching the timer heap; an early firing re-arms itself for the current deadline).
    private var timer: Scheduled<Void>?
    private var timerFiresAt: NIODeadline = .distantPast
    private var deadline: NIODeadline?
    /// Reads are held while the spool catches up.
    private var paused = false
    private var readPending = false

    init(configuration: ProxyConfiguration, threadPool: NIOThreadPool, promise: EventLoopPromise<GatewayResponse>,
         upstream: String, isHeadRequest: Bool, requestID: String? = nil) {
        self.configuration = configuration
        self.threadPool = threadPool
        self.promise = promise
        self.upstream = upstream
        self.isHeadRequest = isHeadRequest
        self.requestID = requestID
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        armTimer()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
        self.context = nil
    }

    /// The request is making progress (a write completed): restart the silence timer.
    func noteProgress() {
        if case .waitingForHead = state { armTimer() }
    }

    /// Sending the request failed on our side (e.g. the spooled body could not be read): fail with `error`.
    func abort(_ error: ProxyError) {
        fail(error)
    }

    // MARK: - Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            guard case .waitingForHead = state else { return }
            armTimer()
            receivedHead(head, context: context)
        case .body(let chunk):
            switch state {
            case .buffering(_, let spool):
                armTimer()
                appendToSpool(spool, chunk, context: context)
            case .streaming(let stream):
                stream.push(chunk)
                if !stream.hasDemand { stopTimer() }
            default:
                break
            }
        case .end:
            switch state {
            case .buffering(let head, let spool):
                stopTimer()
                state = .finishing
                context.close(promise: nil)
                finishBuffered(head: head, spool: spool)
            case .streaming(let stream):
                stopTimer()
                state = .done
                stream.finish()
                context.close(promise: nil)
            default:
                break
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(mapError(error))
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .waitingForHead:
            fail(ProxyError(.resetBeforeHeaders, upstream: upstream, detail: "connection closed before the response"))
        case .buffering, .streaming:
            fail(ProxyError(.truncatedResponse, upstream: upstream, detail: "connection closed inside the body"))
        case .finishing, .done:
            break
        }
        context.fireChannelInactive()
    }

    // MARK: - Outbound (read backpressure)

    func read(context: ChannelHandlerContext) {
        if paused {
            readPending = true
        } else {
            context.read()
        }
    }

    // MARK: - Steps

    private func receivedHead(_ head: HTTPResponseHead, context: ChannelHandlerContext) {
        if UpstreamResponseHeaders.wantsStreaming(head.headers) && !isHeadRequest {
            let stream = UpstreamBodyStream(eventLoop: context.eventLoop)
            stream.onDemand = { [weak self] in self?.streamDemand() }
            stream.onCancel = { [weak self] in self?.streamCancelled() }
            state = .streaming(stream)
            _ = context.channel.setOption(ChannelOptions.autoRead, value: false)
            stopTimer()
            var headers = UpstreamResponseHeaders.clean(head.headers)
            headers.remove(name: "content-length")
            if let requestID { headers.replaceOrAdd(name: "X-Request-ID", value: requestID) }
            promise.succeed(GatewayResponse(status: head.status, headers: headers, body: .stream(stream)))
            return
        }
        let spool = SpoolingBuffer(memoryThreshold: configuration.responseMemoryThreshold,
                                   maxSize: configuration.maxResponseSize,
                                   directory: configuration.responseSpoolDirectory, prefix: "gatehouse-resp-",
                                   threadPool: threadPool, eventLoop: context.eventLoop)
        state = .buffering(head, spool)
    }

    private func appendToSpool(_ spool: SpoolingBuffer, _ chunk: ByteBuffer, context: ChannelHandlerContext) {
        let written: EventLoopFuture<Void>
        do {
            written = try spool.append(chunk)
        } catch {
            fail(ProxyError(.responseTooLarge, upstream: upstream,
                            detail: "response exceeds max_response_size \(configuration.maxResponseSize)"))
            return
        }
        guard spool.isBackpressured else {
            written.whenFailure { [weak self] error in
                guard let self else { return }
                self.fail(ProxyError(.spoolError, upstream: self.upstream, detail: "response spool: \(error)"))
            }
            return
        }
        paused = true
        stopTimer()
        written.whenComplete { [weak self] result in
            guard let self else { return }
            switch result {
            case .success:
                self.paused = false
                self.armTimer()
                if self.readPending, let context = self.context {
                    self.readPending = false
                    context.read()
                }
            case .failure(let error):
                self.fail(ProxyError(.spoolError, upstream: self.upstream, detail: "response spool: \(error)"))
            }
        }
    }

    private func finishBuffered(head: HTTPResponseHead, spool: SpoolingBuffer) {
        spool.finish().whenComplete { [self] result in
            guard case .finishing = state else { return }
            state = .done
            switch result {
            case .failure(let error):
                spool.discard()
                promise.fail(ProxyError(.spoolError, upstream: upstream, detail: "response spool: \(error)"))
            case .success(let contents):
                var headers = UpstreamResponseHeaders.clean(head.headers)
                let body: GatewayResponseBody
                let length: Int64
                switch contents {
                case .memory(let buffer):
                    length = Int64(buffer.readableBytes)
                    body = length == 0 ? .empty : .buffer(buffer)
                case .file(let path, let fileLength):
                    spool.relinquish()
                    length = fileLength
                    body = .file(path: path, offset: 0, length: fileLength, deleteWhenDone: true)
                }
                let code = head.status.code
                if !isHeadRequest && code != 204 && code != 304 {
                    headers.replaceOrAdd(name: "content-length", value: String(length))
                }
                if let requestID { headers.replaceOrAdd(name: "X-Request-ID", value: requestID) }
                promise.succeed(GatewayResponse(status: head.status, headers: headers, body: body))
            }
        }
    }

    private func streamDemand() {
        guard let context, case .streaming = state else { return }
        armTimer()
        context.read()
    }

    private func streamCancelled() {
        guard case .streaming = state else { return }
        state = .done
        stopTimer()
        context?.close(promise: nil)
    }

    /// Fails the exchange once, whatever state it is in, and closes the connection.
    private func fail(_ error: ProxyError) {
        stopTimer()
        let previous = state
        state = .done
        switch previous {
        case .waitingForHead:
            promise.fail(error)
        case .buffering(_, let spool):
            spool.discard()
            promise.fail(error)
        case .streaming(let stream):
            stream.fail(error)
        case .finishing, .done:
            return
        }
        context?.close(promise: nil)
    }

    private func armTimer() {
        guard let context else { return }
        let when = context.eventLoop.now + configuration.readTimeout
        deadline = when
        if timer != nil && timerFiresAt <= when { return }
        schedule(at: when, on: context.eventLoop)
    }

    private func schedule(at when: NIODeadline, on eventLoop: EventLoop) {
        timer?.cancel()
        timerFiresAt = when
        timer = eventLoop.scheduleTask(deadline: when) { [weak self] in self?.timerFired() }
    }

    private func timerFired() {
        timer = nil
        guard let deadline, let context else { return }
        if context.eventLoop.now < deadline {
            schedule(at: deadline, on: context.eventLoop)  // progress moved the deadline since this was scheduled
            return
        }
        self.deadline = nil
        let timeout = configuration.readTimeout
        fail(ProxyError(.readTimeout, upstream: upstream,
                        detail: "no data from the backend for \(timeout.nanoseconds / 1_000_000) ms"))
    }

    private func stopTimer() {
        deadline = nil
        timer?.cancel()
        timer = nil
    }

    private func mapError(_ error: Error) -> ProxyError {
        let headSeen: Bool
        if case .waitingForHead = state { headSeen = false } else { headSeen = true }
        if let error = error as? UWSGIResponseError {
            if error.code == .truncatedBody {
                return ProxyError(.truncatedResponse, upstream: upstream, detail: error.description)
            }
            if error.isPrematureClose {
                return ProxyError(.resetBeforeHeaders, upstream: upstream, detail: error.description)
            }
            return ProxyError(.invalidHeader, upstream: upstream, detail: error.description)
        }
        return ProxyError(headSeen ? .truncatedResponse : .resetBeforeHeaders, upstream: upstream,
                          detail: "\(error)")
    }
}
