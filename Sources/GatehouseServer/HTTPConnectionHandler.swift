import GatehouseHTTP
import GatehouseProxy
import GatehouseStatic
import GatehouseTimers
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves HTTP/1.1 requests on one connection: keep-alive, pipelining answered in order, HEAD, limits, body
/// buffering for dynamic routes, and the response writer (pre-encoded head, one write for small responses,
/// backpressured file and stream bodies).
///
/// Pipeline: `[TLSHandler] → HTTPRequestReader → HTTPConnectionHandler`.
/// While a request is being answered, further parts are queued and socket reads are held back, so a
/// pipelining client cannot make us buffer without bound.
///
/// Not Sendable: lives on its channel's event loop.
final class HTTPConnectionHandler: ChannelDuplexHandler, LoopDeadlineMember {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Queued {
        case part(HTTPServerRequestPart)
        case failure(HTTPResponseStatus, String)
    }

    /// A FIFO of waiting parts whose buffer is made on the first append and dropped when it empties.
    private struct PipelineQueue {
        private var storage: CircularBuffer<Queued>?

        var isEmpty: Bool { storage?.isEmpty ?? true }

        mutating func append(_ element: Queued) {
            if storage == nil { storage = CircularBuffer(initialCapacity: 4) }
            storage!.append(element)
        }

        mutating func popFirst() -> Queued? {
            guard let first = storage?.popFirst() else { return nil }
            if storage!.isEmpty { storage = nil }
            return first
        }

        mutating func removeAll() { storage = nil }
    }

    /// The request being handled. A class: the write and completion closures capture it with one retain
    /// (copying the struct it was retained and released every field, ~5 % of a cached or static response's CPU).
    private final class Current {
        let request: GatewayRequest
        let route: RouteDecision
        var sink: RequestBodySink?
        let startedAt: NIODeadline
        var keepAlive: Bool
        /// The slow-body defence, while a body is being read.
        var bodyGuard: BodyRateGuard?

        init(request: GatewayRequest, route: RouteDecision, sink: RequestBodySink? = nil, startedAt: NIODeadline,
             keepAlive: Bool) {
            self.request = request
            self.route = route
            self.sink = sink
            self.startedAt = startedAt
            self.keepAlive = keepAlive
        }
    }

    private let shared: ConnectionContext
    private let reader: HTTPRequestReader
    /// The TLS handler (nil on plain HTTP), for the SNI name.
    private let serverNameSource: ServerNameSource?
    private var current: Current?
    private var responding = false
    /// Parts that arrived while a response was being written (pipelining). Its storage exists only while something
    /// waits: most clients never pipeline, and every idle keep-alive connection would hold it.
    private var queue = PipelineQueue()
    private var pendingRead = false
    /// The body sink has more than it can store waiting: reads are held back until it catches up.
    private var bodyPaused = false
    /// Tells a pause's resumption from a later pause's.
    private var pauseToken = 0
    private var requestCount = 0
    private var draining = false
    private var closed = false
    /// The connection is being closed after its last response (or a rejected request): whatever is still in the
    /// decoder (the rest of a refused body, a truncated request at EOF) is not another request to answer or log.
    private var closing = false
    private var context: ChannelHandlerContext?
    private var fileIO: NonBlockingFileIO
    private var dateCache: DateCache?
    private var requestIDs = RequestID()
    /// The loop's timer registry. While a body is read the handler is a member: the slow-body check is due at
    /// `bodyGuard.nextCheck` (data may stop arriving altogether, so the check cannot wait for the next read).
    private var deadlines: LoopDeadlines?
    var deadlineSlot = -1
    /// When `bodyCheckDue` would act: not while answering or while the body sink holds reads back.
    var deadline: NIODeadline? { responding || bodyPaused ? nil : current?.bodyGuard?.nextCheck }
    /// The connection's addresses and TLS server name, read once (they do not change; reading them takes locks).
    private var endpoints: (remote: SocketAddress?, remoteIP: String?, local: SocketAddress?, serverName: String?)?

    init(shared: ConnectionContext, reader: HTTPRequestReader, serverNameSource: ServerNameSource?) {
        self.shared = shared
        self.reader = reader
        self.serverNameSource = serverNameSource
        self.fileIO = NonBlockingFileIO(threadPool: .singleton)
    }

    // MARK: lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.deadlines = LoopDeadlines.current(on: context.eventLoop)
        self.dateCache = shared.dateCaches.cache(for: context.eventLoop)
        shared.metrics.connectionOpened()
        if !shared.registry.add(context.channel) {
            context.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        shared.metrics.connectionClosed()
        shared.registry.remove(context.channel)
        stopBodyCheck()
        if let c = current {
            c.sink?.release()
            current = nil
        }
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? HTTPRequestReaderEvent {
            switch e {
            case .malformed(let error): enqueueFailure(error.status, error.description)
            case .headerTimeout: enqueueFailure(.requestTimeout, "header block not received in time")
            case .idleTimeout:
                if current == nil && !responding { context.close(promise: nil) }
            }
            return
        }
        if event is ServerDrainEvent {
            draining = true
            if current == nil && !responding && queue.isEmpty { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Transport errors (TLS failures, resets): nothing can be answered.
        shared.logger.debug("connection error", metadata: ["gatehouse.error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: reads (held back while requests wait)

    /// Reading goes on while a response is being produced (the socket keeps its read interest: stopping and
    /// restarting it would cost two `epoll_ctl` calls per request answered asynchronously); it stops once a
    /// pipelined request part waits in the queue, or while a request body is paused.
    func read(context: ChannelHandlerContext) {
        if !queue.isEmpty || bodyPaused {
            pendingRead = true
        } else {
            context.read()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if closing { return }
        if responding || !queue.isEmpty {
            queue.append(.part(part))
            return
        }
        handle(part, context: context)
    }

    private func enqueueFailure(_ status: HTTPResponseStatus, _ reason: String) {
        guard let context, !closing, !closed else { return }
        if responding || !queue.isEmpty {
            queue.append(.failure(status, reason))
        } else {
            fail(status, reason: reason, context: context)
        }
    }

    private func drainQueue(context: ChannelHandlerContext) {
        while !responding, !closed, let next = queue.popFirst() {
            switch next {
            case .part(let part): handle(part, context: context)
            case .failure(let status, let reason): fail(status, reason: reason, context: context)
            }
        }
        if !responding && queue.isEmpty && !closed {
            // Always ask for more: the decoder may hold further pipelined requests it parses only on read().
            pendingRead = false
            context.read()
        }
    }

    // MARK: request parts

    private func handle(_ part: HTTPServerRequestPart, context: ChannelHandlerContext) {
        switch part {
        case .head(let head):
            handleHead(head, context: context)
        case .body(let buffer):
            handleBody(buffer, context: context)
        case .end:
            handleEnd(context: context)
        }
    }

    private func handleHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        requestCount += 1
        let settings = shared.settings
        // One pass over the headers for what every request needs; the framing fields are parsed again (split on
        // commas) only when present, which a GET rarely has.
        var hasHost = false, hasContentLength = false, hasTransferEncoding = false
        var clientRequestID: String?, expectation: String?
        for (name, value) in head.headers {
            switch name.utf8.count {
            case 4: if HTTPFieldName.matches(name, "host") { hasHost = true }
            case 6: if expectation == nil, HTTPFieldName.matches(name, "expect") { expectation = value }
            case 12: if clientRequestID == nil, HTTPFieldName.matches(name, "x-request-id") { clientRequestID = value }
            case 14: if HTTPFieldName.matches(name, "content-length") { hasContentLength = true }
            case 17: if HTTPFieldName.matches(name, "transfer-encoding") { hasTransferEncoding = true }
            default: break
            }
        }
        let requestID = clientRequestID.flatMap { RequestID.isAcceptable($0) ? $0 : nil } ?? requestIDs.next()
        let ends = endpoints ?? {
            let remote = context.channel.remoteAddress
            return (remote, remote?.ipAddress, context.channel.localAddress, serverNameSource?.serverName)
        }()
        endpoints = ends
        let request = GatewayRequest(head: head, scheme: shared.scheme, serverName: ends.serverName,
                                     remoteAddress: ends.remote, remoteIP: ends.remoteIP, localAddress: ends.local,
                                     requestID: requestID)
        let keepAlive = head.isKeepAlive && requestCount < settings.maxRequestsPerConnection && !draining
        let route = shared.routerBox.current.route(request)
        current = Current(request: request, route: route, sink: nil, startedAt: context.eventLoop.now, keepAlive: keepAlive)

        if head.version.major != 1 {
            return fail(.httpVersionNotSupported, reason: "unsupported HTTP version", context: context)
        }
        if head.version.minor >= 1 && !hasHost {
            return fail(.badRequest, reason: "HTTP/1.1 request without Host", context: context)
        }
        // The framing was validated by `HTTP1RequestParser` (one Content-Length value, never with Transfer-Encoding,
        // which can only end in chunked): read it, do not judge it again.
        // (Repeats of one value may come as a list, "3, 3": its first element is the length.)
        let declared = hasContentLength
            ? head.headers.first(name: "content-length").flatMap { Int64($0.prefix { $0 != "," }.filter { $0 != " " && $0 != "\t" }) }
            : nil
        let chunked = hasTransferEncoding
        let hasBody = (declared ?? 0) > 0 || chunked
        if route.wantsBody, let declared, declared > settings.clientMaxBodySize {
            return fail(.payloadTooLarge, reason: "Content-Length \(declared) over client_max_body_size", context: context,
                        logReason: .bodyTooLarge)
        }
        if let expect = expectation {
            guard expect.lowercased() == "100-continue" else {
                return fail(.expectationFailed, reason: "unsupported Expect: \(expect)", context: context)
            }
            if head.version.minor >= 1 && hasBody {
                var buf = context.channel.allocator.buffer(capacity: 32)
                buf.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
                context.writeAndFlush(wrapOutboundOut(buf), promise: nil)
            }
        }
        if route.wantsBody && hasBody {
            current!.sink = shared.bodySinkFactory(context.eventLoop, settings.clientMaxBodySize)
        }
        if hasBody {
            // Also for bodies that are read and discarded: a slow body must not hold any connection.
            armBodyGuard(context: context)
        }
    }

    /// Starts the slow-body defence for the current request (GatehouseProxy's `BodyRateGuard`): the whole body
    /// within `bodyTimeout`, and at least `minBodyRate` bytes per second over every `bodyRateWindow` — judged per
    /// window, not averaged since the start, so a fast start does not buy a long stall.
    private func armBodyGuard(context: ChannelHandlerContext) {
        let settings = shared.settings
        let configuration = BodyRateGuard.Configuration(totalTimeout: settings.bodyTimeout,
                                                        minimumRate: settings.minBodyRate,
                                                        window: settings.bodyRateWindow)
        current?.bodyGuard = BodyRateGuard(configuration: configuration, start: context.eventLoop.now)
        scheduleBodyCheck()
    }

    private func scheduleBodyCheck() {
        guard current?.bodyGuard != nil else { return }
        deadlines?.watch(self)
    }

    private func stopBodyCheck() {
        deadlines?.forget(self)
    }

    /// Called by `LoopDeadlines` when the slow-body check is due.
    func deadlineDue(now: NIODeadline) {
        bodyCheckDue()
    }

    private func bodyCheckDue() {
        guard let context, !responding, !bodyPaused, var bodyGuard = current?.bodyGuard else { return }
        let verdict = bodyGuard.check(at: context.eventLoop.now)
        current?.bodyGuard = bodyGuard
        if verdict == .proceed {
            scheduleBodyCheck()
        } else {
            failSlowBody(verdict, context: context)
        }
    }

    private func failSlowBody(_ verdict: BodyRateGuard.Verdict, context: ChannelHandlerContext) {
        let settings = shared.settings
        switch verdict {
        case .proceed:
            return
        case .timedOut:
            fail(.requestTimeout, reason: "request body not received within the body timeout (\(Self.seconds(settings.bodyTimeout)) s)",
                 context: context, logReason: verdict.reason)
        case .tooSlow(let received, let required):
            fail(.requestTimeout,
                 reason: "request body slower than \(settings.minBodyRate) bytes/s: \(received) bytes in the last "
                     + "\(Self.seconds(settings.bodyRateWindow)) s, \(required) required",
                 context: context, logReason: verdict.reason)
        }
    }

    private func handleBody(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        guard current != nil else { return }
        if var bodyGuard = current!.bodyGuard {
            let verdict = bodyGuard.record(bytes: buffer.readableBytes, at: context.eventLoop.now)
            current!.bodyGuard = bodyGuard
            if verdict != .proceed { return failSlowBody(verdict, context: context) }
        }
        guard let sink = current!.sink else { return }  // static/builtin routes discard bodies
        switch sink.accept(buffer) {
        case .accepted:
            return
        case .wait(let storedEnough):
            pauseBody(until: storedEnough, context: context)
        case .tooLarge:
            fail(.payloadTooLarge, reason: "request body over client_max_body_size", context: context,
                 logReason: .bodyTooLarge)
        }
    }

    /// Backpressure from the body sink (a fast client, a slow disk): no more reads until `storedEnough`. The
    /// slow-body defence is suspended meanwhile — the wait is ours, not the client's — and restarts its window on
    /// resumption; the total body deadline still runs.
    private func pauseBody(until storedEnough: EventLoopFuture<Void>, context: ChannelHandlerContext) {
        pauseToken &+= 1
        let token = pauseToken
        bodyPaused = true
        stopBodyCheck()
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        storedEnough.whenComplete { _ in loopBound.value.resumeBody(token: token) }
    }

    private func resumeBody(token: Int) {
        guard bodyPaused, token == pauseToken, let context, !closed else { return }
        bodyPaused = false
        if current?.bodyGuard != nil, !responding {
            current!.bodyGuard!.restartWindow(at: context.eventLoop.now)
            scheduleBodyCheck()
        }
        if pendingRead && queue.isEmpty {
            pendingRead = false
            context.read()
        }
    }

    private func handleEnd(context: ChannelHandlerContext) {
        guard let c = current else { return }
        bodyPaused = false   // the whole body is in; a pipelined request that arrives now waits in the queue
        stopBodyCheck()
        c.bodyGuard = nil
        current = c
        responding = true
        // Static fast path: the answer is ready now (no I/O, no futures), and a plain 200 comes with its header
        // lines already encoded.
        if c.sink == nil, let route = c.route.responder as? StaticMatchResponder {
            let prepared = route.owner.prepared(for: route.match, request: c.request)
            write(prepared.response, headerBlock: prepared.headerBlock, for: c, context: context)
            return
        }
        let logger = shared.logger
        let answer: EventLoopFuture<GatewayResponse>
        if c.sink == nil, let immediate = c.route.responder.immediateResponder {
            // Cache fast path: a hit is written now, without the future chain.
            switch immediate.respondImmediately(to: c.request, eventLoop: context.eventLoop, logger: logger) {
            case .ready(let response, let headerBlock):
                write(response, headerBlock: headerBlock, for: c, context: context)
                return
            case .pending(let future):
                answer = future
            }
        } else {
            if let sink = c.sink {
                answer = sink.finish().flatMap { body in
                    c.route.responder.respond(to: c.request, body: body, eventLoop: context.eventLoop, logger: logger)
                }
            } else {
                answer = c.route.responder.respond(to: c.request, body: .none, eventLoop: context.eventLoop,
                                                   logger: logger)
            }
        }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        answer.hop(to: context.eventLoop).whenComplete { result in
            let handler = loopBound.value
            guard let ctx = handler.context, !handler.closed else {
                c.sink?.release()
                if case .success(let r) = result { ResponseWriter.discard(r.body) }
                return
            }
            switch result {
            case .success(let response):
                handler.write(response, for: c, context: ctx)
            case .failure(let error):
                logger.error("responder failed", metadata: ["gatehouse.request.id": "\(c.request.requestID)",
                                                            "gatehouse.error": "\(error)"])
                handler.write(.text(.internalServerError, "500 Internal Server Error\n"), for: c, context: ctx)
            }
        }
    }

    /// Answers an error status and closes the connection (the request stream can no longer be trusted).
    /// `logReason` names the failure in the access log (`upstream_error=`), as the proxy's own failures do.
    private func fail(_ status: HTTPResponseStatus, reason: String, context: ChannelHandlerContext,
                      logReason: ProxyError.Reason? = nil) {
        let c: Current
        if let existing = current {
            c = existing
            stopBodyCheck()
            c.bodyGuard = nil
        } else {
            let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: "-")
            let request = GatewayRequest(head: head, scheme: shared.scheme, remoteAddress: context.channel.remoteAddress,
                                         requestID: RequestID.generate())
            c = Current(request: request, route: RouteDecision(responder: BuiltinResponder(version: ""), wantsBody: false,
                                                               name: "error"),
                        startedAt: context.eventLoop.now, keepAlive: false)
        }
        c.keepAlive = false
        current = c
        responding = true
        closing = true
        queue.removeAll()
        shared.logger.info("rejected request", metadata: [
            "gatehouse.status": "\(status.code)", "gatehouse.reason": "\(reason)",
            "gatehouse.remote": "\(context.channel.remoteAddress?.description ?? "-")",
        ])
        var response = GatewayResponse.text(status, "\(status.code) \(status.reasonPhrase)\n")
        if let logReason { response.headers.add(name: UpstreamReason.headerName, value: logReason.rawValue) }
        write(response, for: c, context: context)
    }

    // MARK: responses

    /// Writes `response`. `headerBlock`, when given, is `response.headers` already encoded (a static 200): the
    /// head is then the status line, that block and the server's own lines, in one buffer with a small body.
    private func write(_ response: GatewayResponse, headerBlock: ByteBuffer? = nil, for c: Current,
                       context: ChannelHandlerContext) {
        let settings = shared.settings
        let keepAliveWanted = c.keepAlive && !draining
        let isHead = c.request.head.method == .HEAD
        let noBody = isHead || response.status.code == 304 || response.status.code == 204 || response.status.code < 200
        if let headerBlock {
            writePrepared(response, headerBlock: headerBlock, noBody: noBody, keepAlive: keepAliveWanted, for: c,
                          context: context)
            return
        }
        var response = response
        var keepAlive = keepAliveWanted
        var upstreamReason = ""
        if let reason = response.headers.first(name: UpstreamReason.headerName) {
            // Removing copies the (often shared) header storage: only when there is something to remove.
            upstreamReason = reason
            response.headers.remove(name: UpstreamReason.headerName)
        }
        if !noBody && !response.headers.contains(name: "content-length"),
           let length = ResponseWriter.knownLength(response.body) {
            response.headers.add(name: "content-length", value: String(length))
        }
        if !noBody && !response.headers.contains(name: "content-length") {
            // Unknown length (a stream): HTTP/1.1 clients get chunked, others a close-delimited body.
            if c.request.head.version.minor >= 1 {
                response.headers.add(name: "transfer-encoding", value: "chunked")
            } else {
                keepAlive = false
            }
        }
        let chunked = response.headers.contains(name: "transfer-encoding")
        let body: GatewayResponseBody = noBody ? .empty : response.body
        if noBody { ResponseWriter.discard(response.body) }
        // A small buffered body (a proxied page, an error page) goes in the head's buffer: sized for both up front.
        let inline = chunked ? nil : ResponseWriter.inlineBody(body)
        var head = context.channel.allocator.buffer(capacity: 512 + (inline?.readableBytes ?? 0))
        ResponseHeadEncoder.write(status: response.status, headers: response.headers,
                                  date: dateCache?.current() ?? "", server: settings.serverHeader, keepAlive: keepAlive,
                                  hsts: shared.scheme == "https" ? settings.hsts : nil, into: &head)
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let done: (Result<Int64, Error>) -> Void = { result in
            loopBound.value.written(result, c, response: response, upstreamReason: upstreamReason, keepAlive: keepAlive)
        }
        if var inline {
            let bytes = Int64(inline.readableBytes)
            head.writeBuffer(&inline)
            sendWhole(head, keepAlive: keepAlive, context: context) { done($0.map { bytes }) }
            return
        }
        let writer = ResponseWriter(context: context, fileIO: fileIO, chunked: chunked,
                                    files: .of(status: response.status, headers: response.headers))
        writer.write(head: head, body: body).whenComplete(done)
    }

    /// The fast path of ``write(_:headerBlock:for:context:)``: a static 200 whose headers (content-length
    /// included) are encoded already. A body up to `ResponseWriter.coalesceLimit` goes in the same buffer.
    private func writePrepared(_ response: GatewayResponse, headerBlock: ByteBuffer, noBody: Bool, keepAlive: Bool,
                               for c: Current, context: ChannelHandlerContext) {
        let settings = shared.settings
        let hsts = shared.scheme == "https" ? settings.hsts : nil
        let date = dateCache?.current() ?? ""
        let body = noBody ? GatewayResponseBody.empty : response.body
        let inline = ResponseWriter.inlineBody(body)
        let capacity = ResponseHeadEncoder.preparedSize(status: response.status, headerBlock: headerBlock, date: date,
                                                        server: settings.serverHeader, keepAlive: keepAlive, hsts: hsts)
            + (inline?.readableBytes ?? 0)
        var out = context.channel.allocator.buffer(capacity: capacity)
        ResponseHeadEncoder.writePrepared(status: response.status, headerBlock: headerBlock, date: date,
                                          server: settings.serverHeader, keepAlive: keepAlive, hsts: hsts, into: &out)
        let inlineBytes = Int64(inline?.readableBytes ?? 0)
        if var b = inline { out.writeBuffer(&b) }
        let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
        let done: (Result<Int64, Error>) -> Void = { result in
            loopBound.value.written(result.map { $0 + inlineBytes }, c, response: response, upstreamReason: "",
                                    keepAlive: keepAlive)
        }
        if inline != nil {
            sendWhole(out, keepAlive: keepAlive, context: context) { done($0.map { 0 }) }
            return
        }
        let writer = ResponseWriter(context: context, fileIO: fileIO, chunked: false,
                                    files: .of(status: response.status, headers: response.headers))
        writer.write(head: out, body: body).whenComplete(done)
    }

    /// A response's bytes are handed over (`result`: body bytes sent) or writing failed: release the request body,
    /// log a file body that changed under us, and finish the request.
    private func written(_ result: Result<Int64, Error>, _ c: Current, response: GatewayResponse,
                         upstreamReason: String, keepAlive: Bool) {
        c.sink?.release()
        var sent: Int64 = 0
        var failed = false
        switch result {
        case .success(let n):
            sent = n
        case .failure(let error):
            failed = true
            if let error = error as? FileBodyChangedError {
                shared.logger.warning("response body file changed on disk; connection closed", metadata: [
                    "gatehouse.request.id": "\(c.request.requestID)", "gatehouse.error": "\(error)",
                ])
            }
        }
        finished(c, response: response, upstreamReason: upstreamReason, bodyBytes: sent, keepAlive: keepAlive,
                 failed: failed)
    }

    /// Sends a whole response (head and small body) in one buffer: one write, one flush. On a connection that stays
    /// open the response is done once it is handed to the channel (no promise), as in nginx: later writes queue
    /// behind it in order, and a failed write closes the channel by itself. A connection that closes after it
    /// waits for the write, since closing drops writes still queued.
    private func sendWhole(_ out: ByteBuffer, keepAlive: Bool, context: ChannelHandlerContext,
                           done: @escaping (Result<Void, Error>) -> Void) {
        if keepAlive {
            context.writeAndFlush(NIOAny(out), promise: nil)
            done(.success(()))
        } else {
            let promise = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(NIOAny(out), promise: promise)
            promise.futureResult.whenComplete(done)
        }
    }

    private func finished(_ c: Current, response: GatewayResponse, upstreamReason: String, bodyBytes: Int64, keepAlive: Bool, failed: Bool) {
        shared.metrics.recordResponse(status: Int(response.status.code), bodyBytes: bodyBytes)
        let elapsed = Double(((context?.eventLoop.now ?? .now()) - c.startedAt).nanoseconds) / 1e9
        if let log = shared.accessLog {
            let h = c.request.head
            log.log(AccessLogRecord(
                remoteAddress: c.request.remoteIP ?? Self.ip(c.request.remoteAddress), method: "\(h.method.rawValue)", uri: h.uri,
                version: "HTTP/\(h.version.major).\(h.version.minor)", status: Int(response.status.code),
                bodyBytes: bodyBytes, referer: h.headers.first(name: "referer") ?? "",
                userAgent: h.headers.first(name: "user-agent") ?? "", durationSeconds: elapsed,
                requestID: c.request.requestID,
                upstreamReason: upstreamReason,
                cacheStatus: response.headers.first(name: "x-cache-status") ?? ""))
        }
        current = nil
        responding = false
        guard let context, !closed else { return }
        if failed || !keepAlive || (draining && queue.isEmpty) {
            closing = true
            context.close(promise: nil)
            return
        }
        reader.awaitNextRequest()
        drainQueue(context: context)
    }

    /// A duration in seconds for log lines ("5", "0.5").
    static func seconds(_ t: TimeAmount) -> String {
        let value = Double(t.nanoseconds) / 1e9
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func ip(_ address: SocketAddress?) -> String {
        guard let address else { return "-" }
        return address.ipAddress ?? "\(address)"
    }
}

/// The name of a response header responders may set to tell the server why an upstream exchange failed;
/// the server logs it and strips it before the response goes out.
public enum UpstreamReason {
    public static let headerName = "x-gatehouse-upstream-reason"
}
