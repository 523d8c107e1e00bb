/// When the certificate watcher should look at the files again: a pure state machine over a monotonic clock in
/// nanoseconds, so tests drive time.
///
/// - File events are **debounced**: each event restarts a quiet period of `debounce`; the check runs once no event
///   arrived for that long. A writer that never stops (a log file mistaken for a certificate, a flapping mount)
///   cannot starve the check: it runs at the latest `maximumDelay` after the first event of the burst.
/// - A **poll** runs every `pollInterval` (nil: never) as a fallback for missed events. A check triggered by file
///   events also counts as a poll (the next poll is a full interval later).
///
/// Invariant: `quietUntil` is set exactly when `burstStartedAt` is, and `quietUntil <= burstStartedAt + maximumDelay`.
struct CertificateReloadSchedule: Sendable, Equatable {
    /// Why a check is due.
    enum Trigger: String, Sendable, Equatable {
        /// File events arrived and the quiet period has passed (or the burst reached `maximumDelay`).
        case fileEvents = "file events"
        /// The periodic fallback poll.
        case poll
    }

    /// Quiet time after the last file event.
    let debounce: UInt64
    /// Longest wait after the first event of a burst, however many events follow (at least `debounce`).
    let maximumDelay: UInt64
    /// Time between fallback polls; nil disables polling.
    let pollInterval: UInt64?
    /// When the current burst of events began (nil: no event pending).
    private(set) var burstStartedAt: UInt64?
    /// When the pending burst's check is due (nil: no event pending).
    private(set) var quietUntil: UInt64?
    /// When the next poll is due (nil: polling is off).
    private(set) var nextPollAt: UInt64?

    /// Starts the schedule at `now`; the first poll is due one interval later. `pollInterval` of 0 means off.
    init(debounce: UInt64, maximumDelay: UInt64, pollInterval: UInt64?, now: UInt64) {
        self.debounce = debounce
        self.maximumDelay = max(maximumDelay, debounce)
        self.pollInterval = pollInterval == 0 ? nil : pollInterval
        self.nextPollAt = self.pollInterval.map { now &+ $0 }
    }

    /// A relevant file event arrived at `now`: (re)start the quiet period.
    mutating func fileEvent(at now: UInt64) {
        let start = burstStartedAt ?? now
        burstStartedAt = start
        quietUntil = min(now &+ debounce, start &+ maximumDelay)
    }

    /// The next instant something is due (nil: nothing is ever due until an event arrives).
    var nextDeadline: UInt64? {
        switch (quietUntil, nextPollAt) {
        case let (q?, p?): return min(q, p)
        case let (q?, nil): return q
        case let (nil, p?): return p
        case (nil, nil): return nil
        }
    }

    /// Whether a check is due at `now`; if so, the pending burst is cleared and the next poll rescheduled.
    mutating func fire(at now: UInt64) -> Trigger? {
        if let due = quietUntil, now >= due {
            burstStartedAt = nil
            quietUntil = nil
            nextPollAt = pollInterval.map { now &+ $0 }
            return .fileEvents
        }
        if let due = nextPollAt, now >= due {
            nextPollAt = pollInterval.map { now &+ $0 }
            return .poll
        }
        return nil
    }
}
