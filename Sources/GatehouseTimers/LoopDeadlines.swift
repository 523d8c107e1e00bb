import NIOCore
import NIOPosix

/// Something `LoopDeadlines` watches: it keeps its own deadline (and may move it later at any time without
/// telling the registry) and acts when it is due.
public protocol LoopDeadlineMember: AnyObject {
    /// Where the registry keeps the member (-1 when not watched). Only the registry writes it.
    var deadlineSlot: Int { get set }
    /// The member's current deadline; nil for none (a member may stay watched without one).
    var deadline: NIODeadline? { get }
    /// `deadline` is at or before `now`: time out (typically also leaving the registry).
    func deadlineDue(now: NIODeadline)
}

/// The coarse timers of one event loop — a connection's TLS handshake and idle/header deadlines, a uwsgi exchange's
/// connect and read timeouts — checked by one task for them all instead of one NIO timer each.
///
/// These timers almost never fire, but a NIO timer costs two trips through the loop's timer heap under its lock
/// and three allocations to schedule and cancel (~4 % of the CPU of a proxied request, ~1.5 % of a TLS handshake),
/// and a scheduled task held for the life of an idle connection. Here a member is added to an array (its index
/// kept in the member, so leaving is a swap with the last, no hashing), and moving its deadline later — what
/// every read does — touches nothing. The one task fires at the earliest deadline rounded up to a `tick` grid, so
/// the many members that start within one tick share a firing time and watching rarely reschedules anything. When
/// it fires it tells the members that are due, then re-arms for the earliest remaining deadline. A timeout is
/// reported at most one `tick` late (coarse timers, as h2o and nginx use for timeouts of seconds).
///
/// Not Sendable: one per event loop (`current(on:)`), used only on it.
public final class LoopDeadlines {
    /// The grid deadlines are rounded up to: how late a timeout may be reported.
    public static let tick = TimeAmount.milliseconds(50)

    public let eventLoop: EventLoop
    private var members: [LoopDeadlineMember] = []
    private var task: Scheduled<Void>?
    private var taskFiresAt = NIODeadline.distantFuture
    /// Set while members are told: a member re-arming then is covered by the re-arm after the round.
    private var firing = false

    public init(eventLoop: EventLoop) {
        self.eventLoop = eventLoop
    }

    private static let perThread = ThreadSpecificVariable<LoopDeadlines>()

    /// The registry of `eventLoop`, made on first use. Call on the loop (the registry is per loop thread).
    public static func current(on eventLoop: EventLoop) -> LoopDeadlines {
        eventLoop.preconditionInEventLoop()
        if let existing = perThread.currentValue, existing.eventLoop === eventLoop { return existing }
        let made = LoopDeadlines(eventLoop: eventLoop)
        perThread.currentValue = made
        return made
    }

    /// Members being watched.
    public var count: Int { members.count }

    /// Watches `member` (if it is not yet) for its `deadline`; call again when the deadline moved earlier.
    public func watch(_ member: LoopDeadlineMember) {
        if member.deadlineSlot < 0 {
            member.deadlineSlot = members.count
            members.append(member)
        }
        guard !firing, let deadline = member.deadline else { return }
        let when = Self.gridPoint(atOrAfter: deadline)
        if when < taskFiresAt { schedule(at: when) }
    }

    /// Stops watching `member`.
    public func forget(_ member: LoopDeadlineMember) {
        let slot = member.deadlineSlot
        guard slot >= 0, slot < members.count, members[slot] === member else { return }
        member.deadlineSlot = -1
        let last = members.removeLast()
        if slot < members.count {
            members[slot] = last
            last.deadlineSlot = slot
        }
        // The task stays when the last member leaves: cancelling it here would cost a schedule and a cancel per
        // request on a loop that proxies one request at a time. Fired with nobody due, it just does not re-arm.
    }

    /// `deadline` rounded up to the next multiple of `tick` of the uptime clock.
    public static func gridPoint(atOrAfter deadline: NIODeadline) -> NIODeadline {
        let step = UInt64(tick.nanoseconds)
        let ns = deadline.uptimeNanoseconds
        let (q, r) = ns.quotientAndRemainder(dividingBy: step)
        guard r != 0 else { return deadline }
        let (up, overflow) = (q + 1).multipliedReportingOverflow(by: step)
        return overflow ? .distantFuture : .uptimeNanoseconds(up)
    }

    private func schedule(at when: NIODeadline) {
        task?.cancel()
        taskFiresAt = when
        task = eventLoop.scheduleTask(deadline: when) { [self] in fire() }
    }

    private func fire() {
        task = nil
        taskFiresAt = .distantFuture
        let now = eventLoop.now
        // A member may leave (or make others leave, or set a new deadline) when told: go over a copy, skipping
        // those gone meanwhile; the next firing is worked out once, after the round.
        firing = true
        for member in members where member.deadlineSlot >= 0 {
            if let deadline = member.deadline, deadline <= now { member.deadlineDue(now: now) }
        }
        firing = false
        var earliest = NIODeadline.distantFuture
        for member in members {
            if let deadline = member.deadline, deadline < earliest { earliest = deadline }
        }
        guard earliest != .distantFuture else { return }
        // A member that let a due deadline stand is asked again one tick later, not in a busy loop.
        schedule(at: Self.gridPoint(atOrAfter: max(earliest, now + Self.tick)))
    }
}
