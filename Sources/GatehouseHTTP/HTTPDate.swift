#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// HTTP dates (RFC 9110 §5.6.7): formatting as IMF-fixdate, parsing IMF-fixdate, RFC 850 and asctime.
///
/// Times are whole seconds since the Unix epoch (UTC). Formatting uses integer arithmetic only (no locale,
/// no `DateFormatter`), so it is cheap enough to call per response.
public enum HTTPDate {
    static let dayNames: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let longDayNames: [StaticString] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                "Saturday"]
    static let monthNames: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                              "Nov", "Dec"]
    /// The latest second that formats with a four-digit year (9999-12-31T23:59:59Z).
    static let maxSeconds: Int64 = 253_402_300_799

    /// The length of an IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static let formattedLength = 29

    /// The current time in whole seconds since the epoch.
    public static func now() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec)
    }

    /// Formats `seconds` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`). Times before 1970 or after
    /// 9999 are clamped to that range.
    public static func format(_ seconds: Int64) -> String {
        String(unsafeUninitializedCapacity: formattedLength) { buf in
            write(seconds, to: UnsafeMutableRawBufferPointer(buf))
            return formattedLength
        }
    }

    /// Writes the IMF-fixdate for `seconds` into `buffer`; returns the number of bytes written (29).
    @discardableResult
    public static func write(_ seconds: Int64, into buffer: inout ByteBuffer) -> Int {
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: formattedLength) { raw in
            write(seconds, to: raw)
            return formattedLength
        }
    }

    private static func write(_ seconds: Int64, to out: UnsafeMutableRawBufferPointer) {
        let s = min(max(seconds, 0), maxSeconds)
        let days = s / 86_400
        let secOfDay = Int(s % 86_400)
        let (year, month, day) = civil(fromDays: days)
        let weekday = Int((days + 4) % 7)
        var i = 0
        func put(_ b: UInt8) { out[i] = b; i += 1 }
        func put(_ lit: StaticString) {
            let p = lit.utf8Start
            for k in 0..<lit.utf8CodeUnitCount { put(p[k]) }
        }
        func put2(_ n: Int) { put(UInt8(48 + n / 10)); put(UInt8(48 + n % 10)) }
        put(dayNames[weekday]); put(UInt8(ascii: ",")); put(UInt8(ascii: " "))
        put2(day); put(UInt8(ascii: " "))
        put(monthNames[month - 1]); put(UInt8(ascii: " "))
        put2(year / 100); put2(year % 100); put(UInt8(ascii: " "))
        put2(secOfDay / 3600); put(UInt8(ascii: ":"))
        put2(secOfDay / 60 % 60); put(UInt8(ascii: ":"))
        put2(secOfDay % 60); put(" GMT")
    }

    /// Parses an HTTP-date in any of the three formats RFC 9110 requires recipients to accept; nil when the value
    /// is not a valid date. Surrounding whitespace is ignored; the format itself is matched case-sensitively.
    /// A two-digit RFC 850 year more than 50 years after `now` is taken to be in the past century.
    public static func parse(_ value: String, now: Int64? = nil) -> Int64? {
        HTTPSyntax.withBytes(value) { raw in
            var lo = 0
            var hi = raw.count
            while lo < hi, HTTPSyntax.isOWS(raw[lo]) { lo += 1 }
            while hi > lo, HTTPSyntax.isOWS(raw[hi - 1]) { hi -= 1 }
            let b = UnsafeBufferPointer(rebasing: raw[lo..<hi])
            if b.count == 29, b[3] == UInt8(ascii: ",") { return parseIMF(b) }
            if b.count == 24, b[3] == UInt8(ascii: " ") { return parseAsctime(b) }
            return parseRFC850(b, now: now)
        }
    }

    // "Sun, 06 Nov 1994 08:49:37 GMT"
    private static func parseIMF(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard matchName(b, 0, dayNames) != nil, literal(b, 3, ", "), let day = digits(b, 5, 2),
              b[7] == UInt8(ascii: " "), let month = matchName(b, 8, monthNames), b[11] == UInt8(ascii: " "),
              let year = digits(b, 12, 4), b[16] == UInt8(ascii: " "), let t = time(b, 17), literal(b, 25, " GMT")
        else { return nil }
        return make(year: year, month: month + 1, day: day, secondsOfDay: t)
    }

    // "Sun Nov  6 08:49:37 1994"
    private static func parseAsctime(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard matchName(b, 0, dayNames) != nil, b[3] == UInt8(ascii: " "), let month = matchName(b, 4, monthNames),
              b[7] == UInt8(ascii: " ") else { return nil }
        let day: Int
        if b[8] == UInt8(ascii: " ") {
            guard let d = digits(b, 9, 1) else { return nil }
            day = d
        } else {
            guard let d = digits(b, 8, 2) else { return nil }
            day = d
        }
        guard b[10] == UInt8(ascii: " "), let t = time(b, 11), b[19] == UInt8(ascii: " "),
              let year = digits(b, 20, 4) else { return nil }
        return make(year: year, month: month + 1, day: day, secondsOfDay: t)
    }

    // "Sunday, 06-Nov-94 08:49:37 GMT"
    private static func parseRFC850(_ b: UnsafeBufferPointer<UInt8>, now: Int64?) -> Int64? {
        guard let comma = b.firstIndex(of: UInt8(ascii: ",")), b.count == comma + 24 else { return nil }
        guard longDayNames.contains(where: { $0.utf8CodeUnitCount == comma && literal(b, 0, $0) }) else { return nil }
        let p = comma
        guard b[p + 1] == UInt8(ascii: " "), let day = digits(b, p + 2, 2), b[p + 4] == UInt8(ascii: "-"),
              let month = matchName(b, p + 5, monthNames), b[p + 8] == UInt8(ascii: "-"),
              let yy = digits(b, p + 9, 2), b[p + 11] == UInt8(ascii: " "), let t = time(b, p + 12),
              literal(b, p + 20, " GMT") else { return nil }
        let currentYear = civil(fromDays: (now ?? Self.now()) / 86_400).year
        var year = currentYear / 100 * 100 + yy
        if year > currentYear + 50 { year -= 100 }
        return make(year: year, month: month + 1, day: day, secondsOfDay: t)
    }

    private static func time(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard let h = digits(b, i, 2), b[i + 2] == UInt8(ascii: ":"), let m = digits(b, i + 3, 2),
              b[i + 5] == UInt8(ascii: ":"), let s = digits(b, i + 6, 2), h < 24, m < 60, s <= 60 else { return nil }
        return h * 3600 + m * 60 + min(s, 59)
    }

    private static func make(year: Int, month: Int, day: Int, secondsOfDay: Int) -> Int64? {
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return days(fromCivil: year, month, day) * 86_400 + Int64(secondsOfDay)
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        guard i + n <= b.count else { return nil }
        var v = 0
        for k in i..<(i + n) {
            let d = b[k]
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int(d - UInt8(ascii: "0"))
        }
        return v
    }

    private static func literal(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = lit.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }

    private static func matchName(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ names: [StaticString]) -> Int? {
        names.firstIndex { literal(b, i, $0) }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: return 0
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date for a count of days since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d))
    }
}
