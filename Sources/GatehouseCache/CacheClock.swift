#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// The cache's notion of "now", in seconds since the Unix epoch (wall clock, because `X-Accel-Expires: @epoch`
/// is absolute). Injected so that lifetimes, expiry and stale windows are tested without sleeping.
public protocol CacheClock: Sendable {
    /// The current time in seconds since 1970-01-01T00:00:00Z.
    func now() -> Double
}

/// The real wall clock (`CLOCK_REALTIME`).
public struct SystemCacheClock: CacheClock {
    /// The system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1_000_000_000
    }
}

/// A clock that moves only when told to: for tests (thread-safe).
public final class ManualCacheClock: CacheClock {
    private let current: NIOLockedValueBox<Double>

    /// A clock that starts at `start` seconds since the epoch.
    public init(start: Double = 1_700_000_000) {
        current = NIOLockedValueBox(start)
    }

    /// The time last set.
    public func now() -> Double { current.withLockedValue { $0 } }

    /// Move the clock forward by `seconds`.
    public func advance(by seconds: Double) { current.withLockedValue { $0 += seconds } }

    /// Set the clock to an absolute time.
    public func set(_ seconds: Double) { current.withLockedValue { $0 = seconds } }
}
