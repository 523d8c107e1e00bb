/// Byte-level helpers for the RFC 9110 grammar (tokens, whitespace, case-insensitive ASCII comparison).
///
/// Parsers in this module work on UTF-8 bytes so that parsing a header allocates nothing.
enum HTTPSyntax {
    /// `tchar` from RFC 9110 §5.6.2.
    @inline(__always)
    static func isTokenChar(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Optional whitespace: space or horizontal tab.
    @inline(__always)
    static func isOWS(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// ASCII lower-casing of one byte.
    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 {
        (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) ? b | 0x20 : b
    }

    /// True when `bytes[range]` equals `lowercaseLiteral` ignoring ASCII case. The literal must be lower case.
    @inline(__always)
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                   _ lowercaseLiteral: StaticString) -> Bool {
        guard range.count == lowercaseLiteral.utf8CodeUnitCount else { return false }
        let lit = lowercaseLiteral.utf8Start
        var j = 0
        for i in range {
            if lower(bytes[i]) != lit[j] { return false }
            j += 1
        }
        return true
    }

    /// True when the two strings are equal ignoring ASCII case (header names).
    @inline(__always)
    static func equalsIgnoringCase(_ a: String, _ lowercaseLiteral: StaticString) -> Bool {
        var a = a
        return a.withUTF8 { equalsIgnoringCase($0, 0..<$0.count, lowercaseLiteral) }
    }

    /// Index of the first byte at or after `i` that is not optional whitespace.
    @inline(__always)
    static func skipOWS(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count && isOWS(b[i]) { i += 1 }
        return i
    }

    /// Index just past a run of token characters starting at `i`.
    @inline(__always)
    static func scanToken(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count && isTokenChar(b[i]) { i += 1 }
        return i
    }

    /// Index just past a quoted-string starting at `i` (which must be `"`), or nil when it is unterminated.
    static func scanQuotedString(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        var i = i + 1
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return nil
    }

    /// Index of the next list separator `,` at or after `i` that is outside a quoted string, or `b.count`.
    static func skipToNextElement(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var i = i
        while i < b.count {
            if b[i] == UInt8(ascii: ",") { return i }
            if b[i] == UInt8(ascii: "\""), let end = scanQuotedString(b, i) { i = end; continue }
            i += 1
        }
        return b.count
    }

    /// Runs `body` over the UTF-8 bytes of `s` without copying a native string.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = s
        return try s.withUTF8(body)
    }

    /// Runs `body` over the UTF-8 bytes of `s` without copying a native substring.
    @inline(__always)
    static func withBytes<R>(_ s: Substring, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        var s = s
        return try s.withUTF8(body)
    }
}
