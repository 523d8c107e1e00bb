import NIOCore

/// Slow-client defence for request bodies, as pure logic with the time passed in (tests drive it; the server
/// passes `NIODeadline.now()`).
///
/// Two rules: the whole body must arrive before `totalTimeout`, and every full `window` must bring at least
/// `minimumRate × window` bytes (so a client trickling one byte every few seconds is cut off, unlike a per-read
/// timeout). The connection handler calls `record(bytes:at:)` for each body part and `check(at:)` from a timer
/// set at `nextCheck` (nothing may arrive at all); a verdict other than `.proceed` means 408 and close.
public struct BodyRateGuard: Sendable {
    /// The knobs.
    public struct Configuration: Sendable, Equatable {
        /// The whole body must arrive within this time from the end of the head.
        public var totalTimeout: TimeAmount
        /// Minimum bytes per second in every window; 0 disables the rate rule.
        public var minimumRate: Int
        /// The length of a rate window (also the grace period at the start).
        public var window: TimeAmount

        /// Creates a configuration. Defaults: 120 s in total, at least 1 KiB/s over each 10 s window.
        public init(totalTimeout: TimeAmount = .seconds(120), minimumRate: Int = 1024, window: TimeAmount = .seconds(10)) {
            self.totalTimeout = totalTimeout
            self.minimumRate = minimumRate
            self.window = window
        }
    }

    /// The outcome of a check.
    public enum Verdict: Equatable, Sendable {
        /// Keep reading.
        case proceed
        /// The total body deadline passed.
        case timedOut
        /// A full window brought fewer bytes than the minimum rate requires.
        case tooSlow(receivedInWindow: Int64, required: Int64)

        /// The proxy failure reason for the access log (nil for `.proceed`); its status is 408.
        public var reason: ProxyError.Reason? {
            switch self {
            case .proceed: return nil
            case .timedOut: return .clientBodyTimeout
            case .tooSlow: return .clientBodyTooSlow
            }
        }
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// When the body must be complete.
    public let deadline: NIODeadline
    private var windowStart: NIODeadline
    private var bytesInWindow: Int64 = 0
    /// Total bytes recorded.
    public private(set) var totalBytes: Int64 = 0

    /// Starts guarding a body whose head ended at `start`.
    public init(configuration: Configuration, start: NIODeadline) {
        self.configuration = configuration
        self.deadline = start + configuration.totalTimeout
        self.windowStart = start
    }

    /// Bytes every full window must bring.
    public var requiredPerWindow: Int64 {
        Int64(configuration.minimumRate) * configuration.window.nanoseconds / 1_000_000_000
    }

    /// When the handler should call `check(at:)` if no data arrives before then.
    public var nextCheck: NIODeadline {
        guard configuration.minimumRate > 0, configuration.window > .zero else { return deadline }
        return min(windowStart + configuration.window, deadline)
    }

    /// Records `bytes` received at `now` (the windows that ended before `now` are judged first).
    public mutating func record(bytes: Int, at now: NIODeadline) -> Verdict {
        let verdict = check(at: now)
        guard verdict == .proceed else { return verdict }
        bytesInWindow += Int64(bytes)
        totalBytes += Int64(bytes)
        return .proceed
    }

    /// Starts a fresh window at `now`, forgetting the current one: for a pause the server imposed (its own storage
    /// was behind), which must not count against the client. The total deadline is unchanged.
    public mutating func restartWindow(at now: NIODeadline) {
        windowStart = now
        bytesInWindow = 0
    }

    /// Judges the deadline and every window that ended at or before `now`, then moves to the current window.
    public mutating func check(at now: NIODeadline) -> Verdict {
        if now >= deadline { return .timedOut }
        guard configuration.minimumRate > 0, configuration.window > .zero else { return .proceed }
        let window = configuration.window
        guard now >= windowStart + window else { return .proceed }
        // The window that just ended, then any further whole windows with nothing in them.
        if bytesInWindow < requiredPerWindow {
            return .tooSlow(receivedInWindow: bytesInWindow, required: requiredPerWindow)
        }
        let elapsedWindows = (now - windowStart).nanoseconds / window.nanoseconds
        if elapsedWindows >= 2 && requiredPerWindow > 0 {
            return .tooSlow(receivedInWindow: 0, required: requiredPerWindow)
        }
        windowStart = windowStart + .nanoseconds(elapsedWindows * window.nanoseconds)
        bytesInWindow = 0
        return .proceed
    }
}
