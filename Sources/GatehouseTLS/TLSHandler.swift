import GatehouseTimers
import NIOCore
import NIOTLS

/// Server-side TLS for one connection: a duplex handler with ciphertext `ByteBuffer`s on the network side and
/// plaintext `ByteBuffer`s on the application side, running OpenSSL over a `ByteBufferBIO`.
///
/// States (`State`): `idle` → `handshaking` → `active` → `closing` → `closed`.
/// - Handshake: starts when the channel is active; a timer closes the connection if it has not completed within
///   `handshakeTimeout` (the handshake and shutdown timeouts are one deadline watched by the loop's
///   `LoopDeadlines`: no NIO timer per connection; reported at most one grid tick late). On completion `TLSUserEvent.handshakeCompleted(negotiatedProtocol:)` is fired, then any
///   application data that arrived with the client's Finished is decoded at once, then writes buffered meanwhile go out.
/// - Reads: every record decrypted during one read cycle goes into one plaintext buffer, delivered once per
///   `channelReadComplete`. Ciphertext OpenSSL produced while reading (handshake flights, tickets, alerts) is written
///   and flushed once, at `channelReadComplete`.
/// - Writes: held until `flush` and until the handshake is complete; then small writes are packed into full-size
///   `SSL_write` calls (one record each) and the resulting ciphertext goes out in one `writeAndFlush`.
/// - Close: `close(mode: .all)` sends close_notify and waits up to `shutdownTimeout` for the peer's; a peer's
///   close_notify is answered and the channel closed. A transport that closes first (no close_notify) fires
///   `TLSError(.uncleanShutdown)` through `errorCaught` (routine for HTTP clients: log it at debug level).
/// - Errors: peer input never traps. A failed handshake or decryption flushes OpenSSL's alert, fires a `TLSError`
///   carrying OpenSSL's error queue, and closes the channel.
///
/// Not `Sendable`: like every channel handler it lives on its channel's event loop; read `connectionInfo` there.
public final class TLSHandler: ChannelDuplexHandler, RemovableChannelHandler, LoopDeadlineMember {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundIn = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    /// The connection's lifecycle; see the type's documentation.
    enum State: Equatable {
        /// Added to a channel that is not active yet.
        case idle
        /// Waiting for the client to complete the handshake.
        case handshaking
        /// Application data flows both ways.
        case active
        /// Our close_notify is sent; waiting for the peer's (or the timeout).
        case closing
        /// Done; everything further is refused or dropped.
        case closed
    }

    private let context: TLSServerContext
    private(set) var connection: TLSConnection?
    private(set) var state: State = .idle
    /// Writes waiting for `flush` (and for the handshake). Two slots: a response is usually one write, and every
    /// idle connection holds this buffer (NIO's ring buffer grows by doubling when more are queued).
    private var pendingWrites = MarkedCircularBuffer<(ByteBuffer, EventLoopPromise<Void>?)>(initialCapacity: 2)
    private var plaintext: ByteBuffer?
    /// The loop's timer registry, and the context a deadline acts on (set while a deadline may run).
    private var deadlines: LoopDeadlines?
    private var timerContext: ChannelHandlerContext?
    /// When the handshake (state `handshaking`) or the wait for the peer's close_notify (`closing`) times out.
    /// Bookkeeping for `LoopDeadlines`, like `deadlineSlot`.
    public private(set) var deadline: NIODeadline?
    public var deadlineSlot = -1
    private var closePromise: EventLoopPromise<Void>?
    private var peerSentCloseNotify = false
    private var downstreamWantsRead = false

    /// What the handshake negotiated (nil until it completes): SNI name, protocol version, cipher, ALPN, resumption.
    public private(set) var connectionInfo: TLSConnectionInfo?

    /// The SNI name of a completed handshake.
    public var serverName: String? { connectionInfo?.serverName }
    /// `TLSv1.2` / `TLSv1.3` once the handshake completed.
    public var protocolVersion: String? { connectionInfo?.protocolVersion }
    /// The negotiated cipher once the handshake completed.
    public var cipher: String? { connectionInfo?.cipher }
    /// The ALPN protocol chosen (nil: none; treat as HTTP/1.1).
    public var negotiatedProtocol: String? { connectionInfo?.negotiatedProtocol }
    /// Whether the handshake resumed an earlier session.
    public var sessionReused: Bool { connectionInfo?.sessionReused ?? false }

    /// Creates the handler for one accepted connection using the long-lived `context`.
    public init(context: TLSServerContext) {
        self.context = context
    }

    // MARK: lifecycle

    public func handlerAdded(context: ChannelHandlerContext) {
        connection = TLSConnection(context: self.context, allocator: context.channel.allocator)
        if context.channel.isActive { startHandshake(context: context) }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        failPendingWrites(ChannelError.ioOnClosedChannel)
        connection = nil
    }

    public func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        startHandshake(context: context)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        let previous = state
        state = .closed
        cancelTimers()
        if previous == .handshaking || previous == .active {
            context.fireErrorCaught(TLSError(.uncleanShutdown))
        }
        failPendingWrites(ChannelError.ioOnClosedChannel)
        closePromise?.succeed(())
        closePromise = nil
        context.fireChannelInactive()
    }

    private func startHandshake(context: ChannelHandlerContext) {
        guard state == .idle else { return }
        guard connection != nil else {
            state = .closed
            context.fireErrorCaught(TLSError(.handshakeFailed, openSSLErrors: OpenSSLErrorQueue.drain(), detail: "SSL_new failed"))
            context.close(promise: nil)
            return
        }
        state = .handshaking
        startTimer(TimeAmount(self.context.configuration.handshakeTimeout), context: context)
    }

    private func handshakeTimedOut(context: ChannelHandlerContext) {
        guard state == .handshaking else { return }
        state = .closed
        context.fireErrorCaught(TLSError(.handshakeTimeout))
        context.close(promise: nil)
    }

    // MARK: inbound

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        guard let connection else { return }
        switch state {
        case .idle:
            startHandshake(context: context)
            connection.receive(buffer)
            handshakeStep(context: context)
        case .handshaking:
            connection.receive(buffer)
            handshakeStep(context: context)
        case .active:
            connection.receive(buffer)
            decode(context: context)
        case .closing:
            connection.receive(buffer)
            decode(context: context)
        case .closed:
            break
        }
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        var delivered = false
        if let buffer = plaintext, buffer.readableBytes > 0, state == .active {
            plaintext = nil
            delivered = true
            downstreamWantsRead = false
            context.fireChannelRead(wrapInboundOut(buffer))
        }
        plaintext = nil
        context.fireChannelReadComplete()
        writeCiphertext(context: context, promise: nil)
        if peerSentCloseNotify {
            peerSentCloseNotify = false
            answerPeerClose(context: context)
        } else if !delivered && downstreamWantsRead && state != .closed {
            context.read()
        }
    }

    private func handshakeStep(context: ChannelHandlerContext) {
        guard let connection else { return }
        switch connection.handshake() {
        case .done:
            handshakeCompleted(context: context, connection: connection)
        case .wantRead:
            break
        case .closed:
            fail(context: context, TLSError(.handshakeFailed, detail: "close_notify during handshake"))
        case .failed(let errors, let detail):
            fail(context: context, TLSError(.handshakeFailed, openSSLErrors: errors, detail: detail))
        }
    }

    private func handshakeCompleted(context: ChannelHandlerContext, connection: TLSConnection) {
        state = .active
        cancelTimers()
        let info = connection.info()
        connectionInfo = info
        context.fireUserInboundEventTriggered(TLSUserEvent.handshakeCompleted(negotiatedProtocol: info.negotiatedProtocol))
        // Clients often send their first request in the same flight as Finished: decode it now.
        decode(context: context)
        if pendingWrites.hasMark { flushPendingWrites(context: context) }
    }

    /// Decrypts everything available into the cycle's plaintext buffer (delivered at `channelReadComplete`).
    private func decode(context: ChannelHandlerContext) {
        guard let connection else { return }
        var buffer = plaintext
        defer {
            if state == .closing { buffer?.clear() }  // after our close_notify, the peer's data is discarded
            plaintext = (buffer?.readableBytes ?? 0) > 0 ? buffer : nil
        }
        while (state == .active || state == .closing) && connection.hasInput {
            // Plaintext is never longer than the ciphertext carrying it: size the buffer by the input, not by the
            // 16 KB record limit, so a small request costs a small allocation.
            let chunk = min(16_384, max(connection.unreadInputBytes, 256))
            if buffer == nil { buffer = context.channel.allocator.buffer(capacity: chunk) }
            switch connection.read(into: &buffer!, chunk: chunk) {
            case .done:
                continue
            case .wantRead:
                return
            case .closed:
                peerSentCloseNotify = true
                return
            case .failed(let errors, let detail):
                buffer = nil
                fail(context: context, TLSError(.readFailed, openSSLErrors: errors, detail: detail))
                return
            }
        }
    }

    /// The peer sent close_notify: answer with ours, then close (or finish our own pending close).
    private func answerPeerClose(context: ChannelHandlerContext) {
        guard state == .active || state == .closing, let connection else { return }
        _ = connection.shutdown()
        state = .closed
        cancelTimers()
        writeCiphertext(context: context, promise: nil)
        context.fireUserInboundEventTriggered(TLSUserEvent.shutdownCompleted)
        let promise = closePromise
        closePromise = nil
        context.close(promise: promise)
    }

    // MARK: outbound

    public func read(context: ChannelHandlerContext) {
        downstreamWantsRead = true
        context.read()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch state {
        case .closing, .closed:
            promise?.fail(ChannelError.ioOnClosedChannel)
        case .idle, .handshaking, .active:
            pendingWrites.append((unwrapOutboundIn(data), promise))
        }
    }

    public func flush(context: ChannelHandlerContext) {
        pendingWrites.mark()
        if state == .active { flushPendingWrites(context: context) }
    }

    public func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        guard mode == .all else {
            promise?.fail(ChannelError.operationUnsupported)
            return
        }
        switch state {
        case .idle, .handshaking:
            state = .closed
            cancelTimers()
            failPendingWrites(ChannelError.ioOnClosedChannel)
            context.close(mode: .all, promise: promise)
        case .active:
            startShutdown(context: context, promise: promise)
        case .closing:
            if let promise {
                if let closePromise { closePromise.futureResult.cascade(to: promise) } else { closePromise = promise }
            }
        case .closed:
            context.close(mode: .all, promise: promise)
        }
    }

    private func startShutdown(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        guard let connection else { return }
        state = .closing
        closePromise = promise
        failPendingWrites(ChannelError.ioOnClosedChannel)
        let outcome = connection.shutdown()
        writeCiphertext(context: context, promise: nil)
        switch outcome {
        case .done(count: 1):
            finishClose(context: context)
        case .done, .wantRead:
            guard self.context.configuration.awaitPeerCloseNotify else {
                // Our close_notify is written; the peer's is not needed.
                finishClose(context: context)
                return
            }
            startTimer(TimeAmount(self.context.configuration.shutdownTimeout), context: context)
        case .closed, .failed:
            finishClose(context: context)
        }
    }

    private func finishClose(context: ChannelHandlerContext) {
        state = .closed
        cancelTimers()
        let promise = closePromise
        closePromise = nil
        context.close(mode: .all, promise: promise)
    }

    /// Encrypts the flushed writes, packing small ones into full records, and sends the ciphertext in one write.
    private func flushPendingWrites(context: ChannelHandlerContext) {
        guard let connection, state == .active, let mark = pendingWrites.markedElementIndex else { return }
        // One promise is the common case (a response's last write): keep it without allocating an array.
        var firstPromise: EventLoopPromise<Void>?
        var morePromises: [EventLoopPromise<Void>] = []
        var staging: ByteBuffer?
        let chunk = self.context.configuration.maxWriteChunk
        var failure: TLSError?
        // The staging buffer never needs more than the flushed bytes (a small response is a small allocation).
        var flushedBytes = 0
        for element in pendingWrites[...mark] { flushedBytes += element.0.readableBytes }
        // Room for all of this flush's records at once: the outbound buffer is not regrown (and recopied) per record.
        connection.reserveCiphertext(forPlaintext: flushedBytes)

        func encrypt(_ bytes: ByteBuffer) {
            guard failure == nil else { return }
            if case .failed(let errors, let detail) = connection.write(bytes) {
                failure = TLSError(.writeFailed, openSSLErrors: errors, detail: detail)
            }
        }

        while pendingWrites.hasMark, let element = pendingWrites.popFirst() {
            let (buffer, promise) = element
            flushedBytes -= buffer.readableBytes
            let remainingBytes = flushedBytes
            if let promise {
                if firstPromise == nil { firstPromise = promise } else { morePromises.append(promise) }
            }
            var data = buffer
            if var stage = staging, stage.readableBytes > 0 {
                staging = nil  // keep `stage` uniquely referenced: appending must not copy the buffer
                let take = min(data.readableBytes, chunk - stage.readableBytes)
                if var slice = data.readSlice(length: take) { stage.writeBuffer(&slice) }
                if stage.readableBytes == chunk {
                    encrypt(stage)
                    stage.clear()
                }
                staging = stage
            }
            let whole = data.readableBytes / chunk * chunk
            if whole > 0, let slice = data.readSlice(length: whole) { encrypt(slice) }
            if data.readableBytes > 0 {
                if staging == nil {
                    // A lone tail goes out as is if nothing else follows in this flush; stage only when packing helps.
                    if !pendingWrites.hasMark {
                        encrypt(data)
                        continue
                    }
                    staging = context.channel.allocator.buffer(capacity: min(chunk, remainingBytes + data.readableBytes))
                }
                staging!.writeBuffer(&data)
            }
        }
        if let stage = staging, stage.readableBytes > 0 { encrypt(stage) }

        if let failure {
            firstPromise?.fail(failure)
            morePromises.forEach { $0.fail(failure) }
            fail(context: context, failure)
            return
        }
        var combined = firstPromise
        if let first = firstPromise, !morePromises.isEmpty {
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.cascade(to: first)
            for user in morePromises { promise.futureResult.cascade(to: user) }
            combined = promise
        }
        writeCiphertext(context: context, promise: combined, always: combined != nil)
    }

    /// Writes and flushes whatever ciphertext OpenSSL produced. With `always`, writes an empty buffer when there is
    /// none so that `promise` completes in order.
    private func writeCiphertext(context: ChannelHandlerContext, promise: EventLoopPromise<Void>?, always: Bool = false) {
        if let ciphertext = connection?.takeCiphertext() {
            context.writeAndFlush(wrapOutboundOut(ciphertext), promise: promise)
        } else if always {
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(capacity: 0)), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    // MARK: failure

    /// Sends any alert OpenSSL queued, reports `error` and closes the channel.
    private func fail(context: ChannelHandlerContext, _ error: TLSError) {
        guard state != .closed else { return }
        state = .closed
        cancelTimers()
        plaintext = nil
        writeCiphertext(context: context, promise: nil)
        failPendingWrites(error)
        context.fireErrorCaught(error)
        let promise = closePromise
        closePromise = nil
        context.close(mode: .all, promise: promise)
    }

    private func failPendingWrites(_ error: Error) {
        while let element = pendingWrites.popFirst() {
            element.1?.fail(error)
        }
    }

    // MARK: timers

    private func startTimer(_ timeout: TimeAmount, context: ChannelHandlerContext) {
        let registry = deadlines ?? LoopDeadlines.current(on: context.eventLoop)
        deadlines = registry
        timerContext = context
        deadline = context.eventLoop.now + timeout
        registry.watch(self)
    }

    private func cancelTimers() {
        deadline = nil
        timerContext = nil
        deadlines?.forget(self)
    }

    /// Called by `LoopDeadlines` once `deadline` has passed: the handshake or the close took too long.
    public func deadlineDue(now: NIODeadline) {
        let context = timerContext
        let phase = state
        cancelTimers()
        guard let context else { return }
        switch phase {
        case .handshaking:
            handshakeTimedOut(context: context)
        case .closing:
            context.fireErrorCaught(TLSError(.shutdownTimeout))
            finishClose(context: context)
        case .idle, .active, .closed:
            break
        }
    }
}

@available(*, unavailable)
extension TLSHandler: Sendable {}
