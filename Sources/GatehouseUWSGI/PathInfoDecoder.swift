import GatehouseHTTP

/// Turns the raw, percent-encoded path of a request target into `PATH_INFO`: percent-decoded, with `.` and `..`
/// segments resolved (as nginx's `$document_uri`). Consecutive slashes are kept.
public enum PathInfoDecoder {
    /// Decodes `rawPath` into the bytes of `PATH_INFO`.
    ///
    /// - Throws: `UWSGIVarsError` for a bad `%` escape, a decoded NUL, a relative path, or `..` above the root.
    public static func decode<S: StringProtocol>(_ rawPath: S) throws -> [UInt8] {
        let raw = Array(rawPath.utf8)
        guard raw.first == UInt8(ascii: "/") else { throw UWSGIVarsError(.pathNotAbsolute) }
        let decoded: [UInt8]
        do {
            decoded = try PercentDecoding.decode(raw) { byte, _ in
                if byte == 0 { throw UWSGIVarsError(.nulInPath) }
            }
        } catch is PercentDecoding.MalformedEscape {
            throw UWSGIVarsError(.invalidPercentEncoding)
        }
        return try removeDotSegments(decoded)
    }

    /// True when `rawPath` is already its own `PATH_INFO`: absolute, no `%` escape, no NUL, and no `.` or `..`
    /// segment (no "/." anywhere) — the common case, which then needs no decoding and no copy.
    public static func isPlain<S: StringProtocol>(_ rawPath: S) -> Bool {
        var previous: UInt8 = 0
        var first = true
        for byte in rawPath.utf8 {
            if first {
                guard byte == UInt8(ascii: "/") else { return false }
                first = false
            }
            if byte == UInt8(ascii: "%") || byte == 0 { return false }
            if byte == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return false }
            previous = byte
        }
        return !first
    }

    /// Resolves `.` and `..` segments of an absolute, decoded path (RFC 3986 §5.2.4, but `..` above the root is an
    /// error rather than silently ignored).
    static func removeDotSegments(_ path: [UInt8]) throws -> [UInt8] {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        // Segments after the leading "/".
        let segments = path.dropFirst().split(separator: slash, omittingEmptySubsequences: false)
        var output: [ArraySlice<UInt8>] = []
        var trailingSlash = false
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment.count == 1 && segment.first == dot {
                trailingSlash = isLast
            } else if segment.count == 2 && segment.allSatisfy({ $0 == dot }) {
                guard !output.isEmpty else { throw UWSGIVarsError(.pathEscapesRoot) }
                output.removeLast()
                trailingSlash = isLast
            } else {
                output.append(segment)
                trailingSlash = false
            }
        }
        var result: [UInt8] = [slash]
        for (index, segment) in output.enumerated() {
            if index > 0 { result.append(slash) }
            result.append(contentsOf: segment)
        }
        if trailingSlash && !output.isEmpty { result.append(slash) }
        return result
    }
}
