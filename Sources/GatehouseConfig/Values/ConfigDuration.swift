/// A length of time, written in the config as an integer (seconds) or a string of numbers with units:
/// `"250ms"`, `"10s"`, `"1.5s"`, `"5m"`, `"24h"`, `"14d"`, `"1h30m"`. Units: `ns`, `us`, `ms`, `s`, `m`, `h`, `d`.
///
/// Kept as whole nanoseconds so the server can make a NIO `TimeAmount` (`.nanoseconds(d.nanoseconds)`) or a
/// `Swift.Duration` (`d.duration`) without this module importing NIO.
public struct ConfigDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in nanoseconds (never negative when parsed).
    public var nanoseconds: Int64

    /// A duration of `nanoseconds` nanoseconds.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// No time at all.
    public static let zero = ConfigDuration(nanoseconds: 0)
    /// `n` milliseconds.
    public static func milliseconds(_ n: Int64) -> ConfigDuration { ConfigDuration(nanoseconds: n * 1_000_000) }
    /// `n` seconds.
    public static func seconds(_ n: Int64) -> ConfigDuration { ConfigDuration(nanoseconds: n * 1_000_000_000) }
    /// `n` minutes.
    public static func minutes(_ n: Int64) -> ConfigDuration { .seconds(n * 60) }
    /// `n` hours.
    public static func hours(_ n: Int64) -> ConfigDuration { .seconds(n * 3600) }
    /// `n` days of 24 hours.
    public static func days(_ n: Int64) -> ConfigDuration { .seconds(n * 86400) }

    /// The same length as a standard-library `Duration`.
    public var duration: Duration { .nanoseconds(nanoseconds) }
    /// The length in seconds, as a floating-point number (for `Retry-After`, logs, timers taking seconds).
    public var seconds: Double { Double(nanoseconds) / 1e9 }
    /// Whole seconds, rounded down.
    public var wholeSeconds: Int64 { nanoseconds / 1_000_000_000 }

    /// Units accepted after a number, longest spelling first so `ms` wins over `m`.
    static let units: [(name: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]

    /// Parses `"10s"`, `"1h30m"`, `"0"`…; throws `ConfigValueError` naming the problem.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces()
        let example = "like \"10s\", \"250ms\" or \"5m\""
        if trimmed == "0" {
            self.nanoseconds = 0
            return
        }
        if trimmed.hasPrefix("-") { throw ConfigValueError("a duration cannot be negative, got \"\(text)\"") }
        var rest = Substring(trimmed)
        var total: Int64 = 0
        guard !rest.isEmpty else { throw ConfigValueError("expected a duration \(example), got \"\(text)\"") }
        while !rest.isEmpty {
            guard let number = DecimalQuantity.take(from: &rest) else {
                throw ConfigValueError("expected a duration \(example), got \"\(text)\"")
            }
            guard let unit = ConfigDuration.units.first(where: { rest.hasPrefix($0.name) }) else {
                let what = rest.isEmpty ? "a unit is missing" : "unknown unit"
                throw ConfigValueError("\"\(text)\": \(what); use ms, s, m, h or d (\(example))")
            }
            rest = rest.dropFirst(unit.name.count)
            guard let (value, _) = number.scaled(by: unit.nanoseconds) else {
                throw ConfigValueError("\"\(text)\" is too long a duration")
            }
            let sum = total.addingReportingOverflow(value)
            guard !sum.overflow else { throw ConfigValueError("\"\(text)\" is too long a duration") }
            total = sum.partialValue
        }
        self.nanoseconds = total
    }

    /// A compact rendering that parses back to the same value: `"1h30m"`, `"250ms"`, `"14d"`, `"0s"`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        var rest = nanoseconds
        var out = nanoseconds < 0 ? "-" : ""
        rest = rest.magnitude > UInt64(Int64.max) ? Int64.max : abs(rest)
        for (name, size) in ConfigDuration.units.reversed() where name != "µs" && rest >= size {
            out += "\(rest / size)\(name)"
            rest %= size
        }
        return out
    }

    /// Orders by length.
    public static func < (lhs: ConfigDuration, rhs: ConfigDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
