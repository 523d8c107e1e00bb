/// `%XX` decoding of request-target bytes, done exactly once, shared by the static file mapper (`RequestPath`) and
/// the uwsgi `PATH_INFO` builder, which then apply their own rules to the decoded bytes.
public enum PercentDecoding {
    /// A `%` not followed by two hex digits.
    public struct MalformedEscape: Error, Equatable {}

    /// Decodes every `%XX` escape of `bytes`. `inspect` sees each output byte with whether it came from an escape
    /// (an encoded `/` is not a path separator) and may throw to refuse it.
    ///
    /// - Throws: `MalformedEscape`, or what `inspect` throws.
    public static func decode<C: RandomAccessCollection>(
        _ bytes: C, inspect: (_ byte: UInt8, _ escaped: Bool) throws -> Void
    ) throws -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            var byte = bytes[i]
            let escaped = byte == UInt8(ascii: "%")
            if escaped {
                let h = bytes.index(after: i)
                guard h != bytes.endIndex, bytes.index(after: h) != bytes.endIndex,
                      let hi = hexValue(bytes[h]), let lo = hexValue(bytes[bytes.index(after: h)]) else {
                    throw MalformedEscape()
                }
                byte = hi << 4 | lo
                i = bytes.index(i, offsetBy: 3)
            } else {
                i = bytes.index(after: i)
            }
            try inspect(byte, escaped)
            out.append(byte)
        }
        return out
    }

    /// The value of one hex digit (either case), or nil.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
