import CGatehouseEpoll
import Glibc
import GatehouseHTTP
import GatehouseTimers
import GatehouseUWSGI
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// One uwsgi exchange on a raw non-blocking socket, driven on one event loop: connect, send the packet and the
/// body (from memory or the spool file, as fast as the socket takes it), read and decode the response, close.
/// Calls `completion` once with a `GatewayResponse` — fully buffered (memory, then a spool file) or, for
/// `X-Accel-Buffering: no`, as soon as the head arrives, with a stream body read at the client's pace — or with a
/// `ProxyError`. Readiness comes from `UpstreamPoller` (see there for why this is not a NIO channel).
///
/// Timers: `connect_timeout` while connecting, then the read timeout — silence from the backend while we wait for
/// it (request writes count as progress until the head arrives). Both are one deadline watched by the loop's
/// `LoopDeadlines` (no NIO timer per exchange; reported at most one tick late). The lease is released when the socket closes:
/// for a buffered response when its last byte arrived, for a stream when the stream ends.
///
/// Not Sendable: every method runs on `eventLoop` (the poller hands reports there).
final class UWSGIConnection: LoopDeadlineMember {
    private enum Phase {
        case idle
        case connecting
        case open
        case closed
    }

    private enum State {
        case waitingForHead
        case buffering(HTTPResponseHead, SpoolingBuffer)
        case finishing
        case streaming(UpstreamBodyStream)
        case done
    }

    let eventLoop: EventLoop
    private let configuration: ProxyConfiguration
    private let threadPool: NIOThreadPool
    /// Called once, on `eventLoop`.
    private var completion: ((Result<GatewayResponse, ProxyError>) -> Void)?
    private let lease: UpstreamLease
    private let upstream: String
    private let isHeadRequest: Bool
    private let requestID: String?
    private let logger: Logger
    private let poller: UpstreamPoller

    private var phase = Phase.idle
    private var state = State.waitingForHead
    private var socket: UpstreamSocket?
    private var token: UInt64?
    private var armedEvents: UInt32 = 0

    /// Addresses not tried yet (a host name may have several).
    private var pendingAddresses: ArraySlice<SocketAddress> = []
    /// Bytes to send, in order.
    private var outbound = CircularBuffer<ByteBuffer>(initialCapacity: 2)
    /// A spooled request body still being sent.
    private var bodyFile: BodyFile?
    /// Set when a send failed: stop sending, read what the backend may still have said.
    private var sendFailed = false

    private var decoder: UWSGIResponseDecoder
    private var inbound: ByteBuffer
    /// The size of the next read; doubles (to 64 KiB) while reads fill it.
    private var readSize = 4096
    /// The response spool is behind: stop reading until it catches up.
    private var paused = false

    /// When the connect (phase `.connecting`) or the silence (phase `.open`) times out; nil while no timer runs.
    private(set) var deadline: NIODeadline?
    var deadlineSlot = -1
    private let deadlines: LoopDeadlines

    private static let readEvents = EPOLLIN.rawValue | EPOLLRDHUP.rawValue
    private static let writeEvents = EPOLLOUT.rawValue
    private static let maxReadSize = 64 * 1024
    /// Reads in one go before giving other connections on the loop a turn.
    private static let readsPerTurn = 16
    /// A request body up to this size is copied behind the packet head and sent with it.
    static let coalesceLimit = 64 * 1024

    /// The spool file a request body is sent from, one chunk in flight at a time.
    private struct BodyFile {
        var path: String
        var length: Int64
        var offset: Int64 = 0
        var file: SpoolFile?
        var reading = false
    }

    init(configuration: ProxyConfiguration, threadPool: NIOThreadPool, lease: UpstreamLease, upstream: String,
         isHeadRequest: Bool, requestID: String?, logger: Logger, eventLoop: EventLoop,
         poller: UpstreamPoller,
         completion: @escaping (Result<GatewayResponse, ProxyError>) -> Void) {
        self.completion = completion
        self.configuration = configuration
        self.threadPool = threadPool
        self.lease = lease
        self.upstream = upstream
        self.isHeadRequest = isHeadRequest
        self.requestID = requestID
        self.logger = logger
        self.eventLoop = eventLoop
        self.poller = poller
        self.decoder = UWSGIResponseDecoder(isHeadRequest: isHeadRequest,
                                            maxHeadSize: configuration.maxResponseHeadSize)
        self.inbound = ByteBuffer()
        self.deadlines = LoopDeadlines.current(on: eventLoop)
    }

    // MARK: - Connecting

    /// Connects to the first of `addresses` that accepts (a host name's addresses, in the resolver's order: a
    /// refused or failed connect moves on to the next, as nginx does) and sends `packetHead` followed by `body`.
    /// `connect_timeout` covers all attempts together.
    func start(addresses: [SocketAddress], packetHead: ByteBuffer, body: RequestBody) {
        eventLoop.preconditionInEventLoop()
        var packet = packetHead
        switch body {
        case .none:
            break
        case .buffer(let buffer) where buffer.readableBytes <= Self.coalesceLimit:
            packet.writeImmutableBuffer(buffer)
        case .buffer(let buffer):
            outbound.append(buffer)
        case .file(let path, let length):
            bodyFile = BodyFile(path: path, length: length)
        }
        outbound.prepend(packet)
        pendingAddresses = addresses[...]
        connectNext(lastError: ProxyError(.connectRefused, upstream: upstream, detail: "no address to connect to"))
    }

    /// Tries the next address; when none is left, fails with `lastError`.
    private func connectNext(lastError: Error) {
        var lastError = lastError
        while let address = pendingAddresses.popFirst() {
            let result: UpstreamSocket.ConnectResult
            do {
                let (socket, connecting) = try UpstreamSocket.connect(to: address, name: upstream)
                self.socket = socket
                result = connecting
            } catch {
                // No socket at all (descriptors exhausted) is our problem, not the backend's: it stays up.
                if (error as? UpstreamSocket.Failure)?.call == "socket" {
                    return connectFailed(error, backendAtFault: false)
                }
                lastError = error
                continue
            }
            switch result {
            case .connected:
                connected()
            case .inProgress:
                phase = .connecting
                if deadline == nil {  // one connect_timeout over all addresses
                    deadline = eventLoop.now + configuration.connectTimeout
                    deadlines.watch(self)
                }
                wait(for: Self.writeEvents)
            }
            return
        }
        connectFailed(lastError)
    }

    /// The connect failed: nothing was sent, a retry elsewhere is safe; the backend is marked down unless the
    /// failure was ours (`backendAtFault` false).
    private func connectFailed(_ error: Error, backendAtFault: Bool = true) {
        guard phase != .closed else { return }
        phase = .closed
        stopTimer()
        releaseSocket()
        lease.release(connectFailed: backendAtFault)
        state = .done
        let proxyError = error as? ProxyError ?? ProxyError(.connectRefused, upstream: upstream, detail: "\(error)")
        complete(.failure(proxyError))
    }

    private func connected() {
        phase = .open
        armTimer()
        flush()
        if bodyFile != nil { openBodyFile() }
        updateInterest()
    }

    // MARK: - Readiness

    private func ready(_ events: UInt32) {
        armedEvents = 0
        switch phase {
        case .idle, .closed:
            return
        case .connecting:
            let error = socket?.pendingError() ?? EBADF
            if error != 0 {
                // This address refused or failed: close its socket and try the next one, if any.
                releaseSocket()
                return connectNext(lastError: UpstreamSocket.Failure(call: "connect", subject: upstream, errno: error))
            }
            connected()
        case .open:
            if events & Self.writeEvents != 0 { flush() }
            if phase == .open, events & ~Self.writeEvents != 0 { readAvailable() }
            updateInterest()
        }
    }

    private var wantsRead: Bool {
        guard phase == .open, !paused else { return false }
        switch state {
        case .waitingForHead, .buffering: return true
        case .streaming(let stream): return stream.hasDemand
        case .finishing, .done: return false
        }
    }

    /// Asks the poller for the next report this exchange needs, if any.
    private func updateInterest() {
        guard phase == .open else { return }
        var events: UInt32 = 0
        if wantsRead { events |= Self.readEvents }
        if !outbound.isEmpty && !sendFailed { events |= Self.writeEvents }
        if events != 0 && events != armedEvents { wait(for: events) }
    }

    private func wait(for events: UInt32) {
        guard let socket else { return }
        do {
            if let token {
                try poller.rearm(socket.descriptor, events: events, token: token)
            } else {
                token = try poller.add(socket.descriptor, events: events, eventLoop: eventLoop) { [self] bits in
                    ready(bits)
                }
            }
            armedEvents = events
        } catch {
            if phase == .connecting { return connectFailed(error, backendAtFault: false) }
            fail(ProxyError(.resetBeforeHeaders, upstream: upstream, detail: "\(error)"))
        }
    }

    // MARK: - Sending

    /// Sends what is queued until the socket is full; then, for a spooled body, fetches the next chunk.
    private func flush() {
        guard phase == .open, !sendFailed, let socket else { return }
        var progressed = false
        while var buffer = outbound.first {
            let before = buffer.readableBytes
            let complete: Bool
            do {
                complete = try socket.send(&buffer, name: upstream)
            } catch {
                // The backend may have answered and closed already (e.g. an early error page): stop sending and
                // let the read side report what it finds.
                logger.debug("uwsgi request write failed", metadata: ["gatehouse.upstream.error": "\(error)"])
                sendFailed = true
                outbound.removeAll()
                closeBodyFile()
                return
            }
            if buffer.readableBytes < before { progressed = true }
            if complete {
                outbound.removeFirst()
            } else {
                outbound[outbound.startIndex] = buffer
                break
            }
        }
        if progressed { noteProgress() }
        if outbound.isEmpty { readBodyChunk() }
    }

    private func noteProgress() {
        if case .waitingForHead = state { armTimer() }
    }

    private func openBodyFile() {
        guard let path = bodyFile?.path else { return }
        bodyFile?.reading = true
        SpoolFile.open(path: path, threadPool: threadPool, eventLoop: eventLoop).whenComplete { [self] result in
            bodyFile?.reading = false
            switch result {
            case .success(let file):
                guard phase == .open, !sendFailed, bodyFile != nil else {
                    _ = file.close(delete: false, threadPool: threadPool, eventLoop: eventLoop)
                    return
                }
                bodyFile?.file = file
                readBodyChunk()
                updateInterest()
            case .failure(let error):
                fail(ProxyError(.spoolError, upstream: upstream, detail: "request body spool: \(error)"))
            }
        }
    }

    /// Reads the next piece of the spooled body once everything before it was sent.
    private func readBodyChunk() {
        guard var body = bodyFile, let file = body.file, !body.reading, outbound.isEmpty else { return }
        guard body.offset < body.length else {
            closeBodyFile()
            return
        }
        let size = Int(min(Int64(UWSGIExchange.fileChunkSize), body.length - body.offset))
        body.reading = true
        bodyFile = body
        file.read(at: body.offset, length: size, allocator: ByteBufferAllocator(), threadPool: threadPool,
                  eventLoop: eventLoop).whenComplete { [self] result in
            bodyFile?.reading = false
            guard phase == .open, !sendFailed, bodyFile != nil else { return }
            switch result {
            case .success(let chunk) where chunk.readableBytes == size:
                bodyFile?.offset += Int64(size)
                outbound.append(chunk)
                flush()
                updateInterest()
            case .success:
                let failure = SpoolFile.IOFailure(call: "pread (short)", subject: file.path, errno: EIO)
                fail(ProxyError(.spoolError, upstream: upstream, detail: "request body spool: \(failure)"))
            case .failure(let error):
                fail(ProxyError(.spoolError, upstream: upstream, detail: "request body spool: \(error)"))
            }
        }
    }

    private func closeBodyFile() {
        guard let body = bodyFile else { return }
        bodyFile = nil
        if let file = body.file {
            _ = file.close(delete: false, threadPool: threadPool, eventLoop: eventLoop)
        }
    }

    // MARK: - Receiving

    /// Reads and decodes until the socket is empty, the response is complete, or reading must pause.
    private func readAvailable() {
        guard let socket else { return }
        var reads = 0
        while wantsRead && reads < Self.readsPerTurn {
            reads += 1
            if inbound.readableBytes == 0 {
                inbound = ByteBuffer()  // earlier body parts may still share the old storage
            }
            let result: UpstreamSocket.ReceiveResult
            do {
                result = try socket.receive(into: &inbound, maxBytes: readSize, name: upstream)
            } catch {
                return fail(mapError(error))
            }
            switch result {
            case .wouldBlock:
                return
            case .bytes(let count):
                if count == readSize && readSize < Self.maxReadSize { readSize *= 2 }
                decode()
            case .endOfFile:
                return endOfFile()
            }
        }
    }

    private func decode() {
        do {
            while phase == .open, try decoder.decode(buffer: &inbound, emit: { handle($0) }) == .continue {}
        } catch {
            fail(mapError(error))
        }
    }

    private func endOfFile() {
        do {
            _ = try decoder.decodeLast(buffer: &inbound, emit: { handle($0) })
        } catch {
            return fail(mapError(error))
        }
        switch state {
        case .waitingForHead:
            fail(ProxyError(.resetBeforeHeaders, upstream: upstream, detail: "connection closed before the response"))
        case .buffering, .streaming:
            fail(ProxyError(.truncatedResponse, upstream: upstream, detail: "connection closed inside the body"))
        case .finishing, .done:
            close()
        }
    }

    /// One decoded part of the response. Never touches `decoder` or `inbound` (they are being accessed).
    private func handle(_ part: HTTPClientResponsePart) {
        switch part {
        case .head(let head):
            guard case .waitingForHead = state else { return }
            armTimer()
            receivedHead(head)
        case .body(let chunk):
            switch state {
            case .buffering(_, let spool):
                armTimer()
                appendToSpool(spool, chunk)
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
                close()
                finishBuffered(head: head, spool: spool)
            case .streaming(let stream):
                stopTimer()
                state = .done
                stream.finish()
                close()
            default:
                break
            }
        }
    }

    private func receivedHead(_ head: HTTPResponseHead) {
        if UpstreamResponseHeaders.wantsStreaming(head.headers) && !isHeadRequest {
            let stream = UpstreamBodyStream(eventLoop: eventLoop)
            stream.onDemand = { [weak self] in self?.streamDemand() }
            stream.onCancel = { [weak self] in self?.streamCancelled() }
            state = .streaming(stream)
            stopTimer()
            var headers = UpstreamResponseHeaders.clean(head.headers)
            headers.remove(name: "content-length")
            if let requestID { headers.replaceOrAdd(name: "X-Request-ID", value: requestID) }
            complete(.success(GatewayResponse(status: head.status, headers: headers, body: .stream(stream))))
            return
        }
        let spool = SpoolingBuffer(memoryThreshold: configuration.responseMemoryThreshold,
                                   maxSize: configuration.maxResponseSize,
                                   directory: configuration.responseSpoolDirectory, prefix: "gatehouse-resp-",
                                   threadPool: threadPool, eventLoop: eventLoop)
        state = .buffering(head, spool)
    }

    private func appendToSpool(_ spool: SpoolingBuffer, _ chunk: ByteBuffer) {
        let written: EventLoopFuture<Void>
        do {
            written = try spool.append(chunk)
        } catch {
            fail(ProxyError(.responseTooLarge, upstream: upstream,
                            detail: "response exceeds max_response_size \(configuration.maxResponseSize)"))
            return
        }
        if spool.isInMemory { return }  // kept in memory: nothing can fail later
        guard spool.isBackpressured else {
            written.whenFailure { [self] error in
                fail(ProxyError(.spoolError, upstream: upstream, detail: "response spool: \(error)"))
            }
            return
        }
        paused = true
        stopTimer()
        written.whenComplete { [self] result in
            switch result {
            case .success:
                paused = false
                guard phase == .open else { return }
                armTimer()
                readAvailable()
                updateInterest()
            case .failure(let error):
                fail(ProxyError(.spoolError, upstream: upstream, detail: "response spool: \(error)"))
            }
        }
    }

    private func finishBuffered(head: HTTPResponseHead, spool: SpoolingBuffer) {
        if let buffer = spool.memoryContents {
            // The common case: the whole response is in memory, hand it over now (no future).
            return deliver(head: head, contents: .memory(buffer), spool: spool)
        }
        spool.finish().whenComplete { [self] result in
            switch result {
            case .failure(let error):
                guard case .finishing = state else { return }
                state = .done
                spool.discard()
                complete(.failure(ProxyError(.spoolError, upstream: upstream, detail: "response spool: \(error)")))
            case .success(let contents):
                deliver(head: head, contents: contents, spool: spool)
            }
        }
    }

    private func deliver(head: HTTPResponseHead, contents: SpoolingBuffer.Contents, spool: SpoolingBuffer) {
        guard case .finishing = state else { return }
        state = .done
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
        complete(.success(GatewayResponse(status: head.status, headers: headers, body: body)))
    }

    private func streamDemand() {
        guard phase == .open, case .streaming = state else { return }
        armTimer()
        readAvailable()
        updateInterest()
    }

    private func streamCancelled() {
        guard case .streaming = state else { return }
        state = .done
        stopTimer()
        close()
    }

    // MARK: - Ending

    private func complete(_ result: Result<GatewayResponse, ProxyError>) {
        guard let completion else { return }
        self.completion = nil
        completion(result)
    }

    /// Fails the exchange once, whatever state it is in, and closes the connection.
    private func fail(_ error: ProxyError) {
        stopTimer()
        let previous = state
        state = .done
        switch previous {
        case .waitingForHead:
            complete(.failure(error))
        case .buffering(_, let spool):
            spool.discard()
            complete(.failure(error))
        case .streaming(let stream):
            stream.fail(error)
        case .finishing:
            // The response is complete and being handed over; the socket is closed already.
            state = .finishing
            return
        case .done:
            break
        }
        close()
    }

    /// Closes the socket (once) and releases the backend slot.
    private func close() {
        guard phase != .closed else { return }
        phase = .closed
        stopTimer()
        closeBodyFile()
        outbound.removeAll()
        releaseSocket()
        lease.release()
    }

    private func releaseSocket() {
        guard let socket else { return }
        if let token { poller.remove(token: token) }
        token = nil
        socket.close()
        self.socket = nil
    }

    // MARK: - The timers

    /// Starts (or moves later) the silence deadline. Progress only moves the deadline: the registry is told when
    /// the connection starts being watched, not on every read.
    private func armTimer() {
        guard phase == .open else { return }
        deadline = eventLoop.now + configuration.readTimeout
        if deadlineSlot < 0 { deadlines.watch(self) }
    }

    private func stopTimer() {
        deadline = nil
        deadlines.forget(self)
    }

    func deadlineDue(now: NIODeadline) {
        guard let deadline, deadline <= now else { return }
        switch phase {
        case .connecting:
            let timeout = configuration.connectTimeout
            connectFailed(ProxyError(.connectTimeout, upstream: upstream,
                                     detail: "connect timed out after \(timeout.nanoseconds / 1_000_000) ms"))
        case .open:
            let timeout = configuration.readTimeout
            fail(ProxyError(.readTimeout, upstream: upstream,
                            detail: "no data from the backend for \(timeout.nanoseconds / 1_000_000) ms"))
        case .idle, .closed:
            stopTimer()
        }
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
