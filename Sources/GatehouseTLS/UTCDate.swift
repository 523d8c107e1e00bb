#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small helpers for epoch seconds: the current time and a readable UTC rendering for error messages.
enum UTCDate {
    /// Seconds since 1970-01-01 UTC, now.
    static func now() -> Int64 {
        Int64(time(nil))
    }

    /// `2024-01-01 00:00:00 UTC`.
    static func format(_ epochSeconds: Int64) -> String {
        var seconds = time_t(epochSeconds)
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "\(epochSeconds)" }
        var text = [CChar](repeating: 0, count: 64)
        let count = strftime(&text, text.count, "%Y-%m-%d %H:%M:%S UTC", &parts)
        return count > 0 ? String(cString: text) : "\(epochSeconds)"
    }
}
