import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header value, formatted once a second per event loop instead of once per request.
///
/// Not Sendable: each instance belongs to one event loop and is only touched on it.
final class DateCache {
    private(set) var value: String
    private var second: Int = 0

    init() {
        self.value = ""
        self.refresh()
    }

    /// The current IMF-fixdate, recomputed only when the wall-clock second changed.
    func current() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        if now.tv_sec != second { refresh(seconds: now.tv_sec) }
        return value
    }

    private func refresh(seconds: Int? = nil) {
        var t = time_t(seconds ?? Int(time(nil)))
        self.second = Int(t)
        var parts = tm()
        gmtime_r(&t, &parts)
        self.value = DateCache.format(parts)
    }

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ t: tm) -> String {
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(days[Int(t.tm_wday)]), \(two(t.tm_mday)) \(months[Int(t.tm_mon)]) \(t.tm_year + 1900) "
            + "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) GMT"
    }

    /// The access log's `[10/Oct/2000:13:55:36 +0000]` form of now.
    static func accessLogTime(_ seconds: Double) -> String {
        var t = time_t(seconds)
        var p = tm()
        gmtime_r(&t, &p)
        func two(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(p.tm_mday))/\(months[Int(p.tm_mon)])/\(p.tm_year + 1900):\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec)) +0000"
    }
}
