import CGatehouseEpoll
import Glibc
import NIOConcurrencyHelpers
import NIOCore

/// Readiness for the uwsgi sockets, which are not NIO channels: one thread blocked in `epoll_wait` on its own
/// epoll instance, which tells each socket's event loop that the socket became readable or writable. It never
/// touches a socket itself; all I/O and all exchange state stay on the exchange's event loop.
///
/// Why not a NIO channel per uwsgi request: uwsgi has no keep-alive, so every proxied request would build (and
/// tear down) a channel, its pipeline and its futures — ~70 allocations and ~25 % of the gateway's CPU per request
/// here — and NIO offers no public way to add a bare descriptor to an event loop's selector. A second epoll costs
/// one cross-thread hand-off per readiness event (batched per loop and per wake-up), which is far cheaper.
///
/// Registrations are one-shot (`EPOLLONESHOT`): a socket reports once, then stays silent until its owner re-arms
/// it, so a report can never race with a second report for the same socket. Each registration has a token that
/// is never reused; a report for a token that was removed meanwhile is dropped, so a closed descriptor whose number
/// is reused by the next socket cannot receive the old socket's report.
final class UpstreamPoller: @unchecked Sendable {
    /// What the owner of a socket is told: readable/writable/error bits (`EPOLLIN`, `EPOLLOUT`, `EPOLLERR`, ...).
    typealias Handler = (UInt32) -> Void

    /// The process-wide poller, started on first use (by the first `ProxyResponder`, at configuration time, so a
    /// failure — no descriptor or thread left — is a start-up error, never a crash under load); its thread lives
    /// as long as the process.
    static func shared() throws -> UpstreamPoller {
        try instance.get()
    }

    private static let instance = Result<UpstreamPoller, Error> { try UpstreamPoller() }

    /// A registered socket's owner: the loop its handler runs on.
    private struct Registration {
        var eventLoop: EventLoop
        var handler: Handler
    }

    /// A system call that failed.
    typealias Failure = SystemCallError

    private let epoll: CInt
    private let lock = NIOLock()
    private var registrations: [UInt64: Registration] = [:]
    private var nextToken: UInt64 = 1

    private init() throws {
        epoll = epoll_create1(CInt(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw Failure(call: "epoll_create1", errno: errno) }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(self)
        let status = pthread_create(&thread, nil, { raw in
            let poller = Unmanaged<UpstreamPoller>.fromOpaque(raw!).takeRetainedValue()
            poller.run()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw Failure(call: "pthread_create", errno: status)
        }
        pthread_detach(thread)
    }

    /// Starts watching `descriptor` for `events` (one report, then re-arm); `handler` runs on `eventLoop`.
    /// Returns the token to pass to `rearm` and `remove`.
    func add(_ descriptor: CInt, events: UInt32, eventLoop: EventLoop,
             handler: @escaping Handler) throws -> UInt64 {
        let token = lock.withLock { () -> UInt64 in
            let token = nextToken
            nextToken += 1
            registrations[token] = Registration(eventLoop: eventLoop, handler: handler)
            return token
        }
        do {
            try control(EPOLL_CTL_ADD, descriptor, events: events, token: token)
        } catch {
            lock.withLock { _ = registrations.removeValue(forKey: token) }
            throw error
        }
        return token
    }

    /// Asks for one more report on `descriptor` for `events`.
    func rearm(_ descriptor: CInt, events: UInt32, token: UInt64) throws {
        try control(EPOLL_CTL_MOD, descriptor, events: events, token: token)
    }

    /// Forgets `token`; a report already on its way is dropped. Closing the descriptor (which must follow: it is
    /// never shared — close-on-exec, no dup) takes it out of the epoll set, so no `EPOLL_CTL_DEL` call is needed.
    func remove(token: UInt64) {
        lock.withLock { _ = registrations.removeValue(forKey: token) }
    }

    private func control(_ operation: CInt, _ descriptor: CInt, events: UInt32, token: UInt64) throws {
        var event = epoll_event()
        event.events = events | EPOLLONESHOT.rawValue
        event.data.u64 = token
        guard epoll_ctl(epoll, operation, descriptor, &event) == 0 else {
            throw Failure(call: operation == EPOLL_CTL_ADD ? "epoll_ctl(ADD)" : "epoll_ctl(MOD)", errno: errno)
        }
    }

    /// The thread: wait, look the tokens up, hand each loop its reports in one task.
    private func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while true {
            let count = epoll_wait(epoll, events, CInt(capacity), -1)
            if count <= 0 { continue }  // EINTR
            var batches: [(EventLoop, [(Handler, UInt32)])] = []
            lock.withLock {
                for i in 0..<Int(count) {
                    let event = events[i]
                    guard let registration = registrations[event.data.u64] else { continue }
                    if let index = batches.firstIndex(where: { $0.0 === registration.eventLoop }) {
                        batches[index].1.append((registration.handler, event.events))
                    } else {
                        batches.append((registration.eventLoop, [(registration.handler, event.events)]))
                    }
                }
            }
            for (eventLoop, reports) in batches {
                let sendable = UncheckedReports(reports: reports)
                eventLoop.execute {
                    for (handler, bits) in sendable.reports { handler(bits) }
                }
            }
        }
    }

    /// Handlers are created on, and only ever called on, their own event loop.
    private struct UncheckedReports: @unchecked Sendable {
        var reports: [(Handler, UInt32)]
    }
}
