import GatehouseHTTP
import NIOCore

/// The body of an unbuffered (`X-Accel-Buffering: no`) upstream response, pulled by the server at the client's
/// pace: the upstream socket is read only when the server asks for the next chunk.
///
/// All state lives on the upstream channel's event loop (`eventLoop`); the public methods hop there, which is
/// what makes the `@unchecked Sendable` sound.
final class UpstreamBodyStream: ResponseBodyStream, @unchecked Sendable {
    private enum State {
        case open
        case finished
        case failed(Error)
    }

    /// The upstream channel's loop.
    let eventLoop: EventLoop
    private var buffered = CircularBuffer<ByteBuffer>()
    private var state = State.open
    private var waiter: EventLoopPromise<ByteBuffer?>?
    /// Asks the upstream for more bytes (set by the exchange handler).
    var onDemand: (() -> Void)?
    /// Abandons the upstream exchange (set by the exchange handler).
    var onCancel: (() -> Void)?

    init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
    }

    /// True while the consumer waits for bytes.
    var hasDemand: Bool {
        eventLoop.preconditionInEventLoop()
        return waiter != nil
    }

    func next(on loop: EventLoop) -> EventLoopFuture<ByteBuffer?> {
        eventLoop.flatSubmit { [self] () -> EventLoopFuture<ByteBuffer?> in
            if let chunk = buffered.popFirst() { return eventLoop.makeSucceededFuture(chunk) }
            switch state {
            case .finished: return eventLoop.makeSucceededFuture(nil)
            case .failed(let error): return eventLoop.makeFailedFuture(error)
            case .open:
                if let waiter { return waiter.futureResult }
                let promise = eventLoop.makePromise(of: ByteBuffer?.self)
                waiter = promise
                onDemand?()
                return promise.futureResult
            }
        }.hop(to: loop)
    }

    func cancel() {
        eventLoop.execute { [self] in
            guard case .open = state else { return }
            fail(ChannelError.ioOnClosedChannel)
            onCancel?()
        }
    }

    /// A chunk arrived from upstream.
    func push(_ chunk: ByteBuffer) {
        eventLoop.preconditionInEventLoop()
        if let waiter {
            self.waiter = nil
            waiter.succeed(chunk)
        } else {
            buffered.append(chunk)
        }
    }

    /// The upstream response ended.
    func finish() {
        eventLoop.preconditionInEventLoop()
        guard case .open = state else { return }
        state = .finished
        if let waiter {
            self.waiter = nil
            waiter.succeed(buffered.popFirst())
        }
    }

    /// The upstream failed mid-stream: the server must abort the client's response.
    func fail(_ error: Error) {
        eventLoop.preconditionInEventLoop()
        guard case .open = state else { return }
        state = .failed(error)
        buffered.removeAll()
        if let waiter {
            self.waiter = nil
            waiter.fail(error)
        }
    }
}
