/// A request path made safe to map onto a file tree: percent-decoded exactly once, checked, and with `.`, `..`
/// and empty segments resolved.
///
/// Rules (each violation is a ``RequestPathError``, which the server answers with 400):
/// - the raw path must start with `/` (origin form);
/// - `%XX` escapes must be well-formed; the decoded bytes must be valid UTF-8;
/// - no NUL or other control character, no backslash (raw or `%5C`), no encoded slash (`%2F`);
/// - `..` may not climb above the root.
///
/// The result keeps a trailing slash when the raw path had one or ended in a `.`/`..` segment (it names a
/// directory), and records whether any segment is a dotfile (starts with `.`).
public struct RequestPath: Sendable, Hashable, CustomStringConvertible {
    /// The normalised, decoded path: starts with `/`, no empty, `.` or `..` segments, trailing `/` kept.
    public let path: String
    /// True when the path names a directory (ends with `/`; the root is a directory).
    public let hasTrailingSlash: Bool
    /// True when some segment starts with `.` (`/.git/config`, `/a/.env`).
    public let containsDotfile: Bool

    public var description: String { path }

    /// Normalises a raw (still percent-encoded) request path such as `GatewayRequest.rawPath`.
    public init(normalizing raw: Substring) throws {
        if let clean = Self.fastPath(raw) {
            self = clean
        } else {
            self = try Self.slowPath(raw)
        }
    }

    /// Convenience for a `String`.
    public init(normalizing raw: String) throws {
        try self.init(normalizing: raw[...])
    }

    private init(path: String, hasTrailingSlash: Bool, containsDotfile: Bool) {
        self.path = path
        self.hasTrailingSlash = hasTrailingSlash
        self.containsDotfile = containsDotfile
    }

    /// The common case: printable ASCII, no `%`, no `\`, no empty or dot segments. The path is used as is.
    private static func fastPath(_ raw: Substring) -> RequestPath? {
        HTTPSyntax.withBytes(raw) { b -> RequestPath? in
            guard b.count >= 1, b[0] == UInt8(ascii: "/") else { return nil }
            var dotfile = false
            var segmentStart = 1
            var i = 1
            while i <= b.count {
                if i == b.count || b[i] == UInt8(ascii: "/") {
                    let len = i - segmentStart
                    if len == 0 && i < b.count { return nil }  // "//"
                    if len > 0 && b[segmentStart] == UInt8(ascii: ".") {
                        if len == 1 || (len == 2 && b[segmentStart + 1] == UInt8(ascii: ".")) { return nil }
                        dotfile = true
                    }
                    segmentStart = i + 1
                } else {
                    let c = b[i]
                    if c <= 0x20 || c >= 0x7F || c == UInt8(ascii: "%") || c == UInt8(ascii: "\\") { return nil }
                }
                i += 1
            }
            return RequestPath(path: String(raw), hasTrailingSlash: b[b.count - 1] == UInt8(ascii: "/"),
                               containsDotfile: dotfile)
        }
    }

    private static func slowPath(_ raw: Substring) throws -> RequestPath {
        let decoded: [UInt8] = try HTTPSyntax.withBytes(raw) { b in
            guard b.count >= 1, b[0] == UInt8(ascii: "/") else { throw RequestPathError(.notOriginForm) }
            do {
                return try PercentDecoding.decode(b) { c, escaped in
                    if escaped && c == UInt8(ascii: "/") { throw RequestPathError(.encodedSlash) }
                    if c == 0 { throw RequestPathError(.nul) }
                    if c == UInt8(ascii: "\\") { throw RequestPathError(.backslash) }
                    if c < 0x20 || c == 0x7F { throw RequestPathError(.controlCharacter) }
                }
            } catch is PercentDecoding.MalformedEscape {
                throw RequestPathError(.badPercentEncoding)
            }
        }
        guard UTF8Validation.isValid(decoded) else { throw RequestPathError(.invalidUTF8) }

        // Resolve segments over byte ranges of `decoded`.
        var segments: [Range<Int>] = []
        var trailingSlash = false
        var start = 1
        for i in 1...decoded.count where i == decoded.count || decoded[i] == UInt8(ascii: "/") {
            let seg = start..<i
            start = i + 1
            let isLast = i == decoded.count
            if seg.isEmpty {
                if isLast { trailingSlash = true }
                continue
            }
            if seg.count == 1 && decoded[seg.lowerBound] == UInt8(ascii: ".") {
                if isLast { trailingSlash = true }
                continue
            }
            if seg.count == 2 && decoded[seg.lowerBound] == UInt8(ascii: ".")
                && decoded[seg.lowerBound + 1] == UInt8(ascii: ".") {
                guard segments.popLast() != nil else { throw RequestPathError(.escapesRoot) }
                if isLast { trailingSlash = true }
                continue
            }
            segments.append(seg)
            trailingSlash = false
        }
        var path: [UInt8] = []
        path.reserveCapacity(decoded.count + 1)
        var dotfile = false
        for seg in segments {
            path.append(UInt8(ascii: "/"))
            if decoded[seg.lowerBound] == UInt8(ascii: ".") { dotfile = true }
            path.append(contentsOf: decoded[seg])
        }
        if segments.isEmpty || trailingSlash { path.append(UInt8(ascii: "/")) }
        return RequestPath(path: String(decoding: path, as: UTF8.self),
                           hasTrailingSlash: segments.isEmpty || trailingSlash, containsDotfile: dotfile)
    }

    /// Percent-encodes a decoded path for a `Location` header: keeps unreserved characters, sub-delims,
    /// `:`, `@` and `/`; encodes everything else (including `%`, `?`, `#`, spaces and non-ASCII bytes).
    public static func percentEncode(_ path: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        for c in path.utf8 {
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
                 UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
                 UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "/"):
                out.append(c)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Why a request path was refused. The server answers 400 for every case.
public struct RequestPathError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The specific problem.
    public enum Code: String, Sendable {
        case notOriginForm = "path does not start with /"
        case badPercentEncoding = "malformed percent-encoding"
        case encodedSlash = "encoded slash (%2F) in path"
        case nul = "NUL byte in path"
        case backslash = "backslash in path"
        case controlCharacter = "control character in path"
        case invalidUTF8 = "path is not valid UTF-8"
        case escapesRoot = "path climbs above the root with .."
    }

    /// The specific problem.
    public let code: Code

    /// Makes an error for `code`.
    public init(_ code: Code) { self.code = code }

    public var description: String { code.rawValue }
}

/// A strict UTF-8 validator (rejects overlong forms, surrogates and code points above U+10FFFF).
enum UTF8Validation {
    static func isValid(_ b: [UInt8]) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var lo: UInt8 = 0x80
            var hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; hi = 0x9F
            case 0xF0: len = 4; lo = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; hi = 0x8F
            default: return false
            }
            guard i + len <= n else { return false }
            guard b[i + 1] >= lo, b[i + 1] <= hi else { return false }
            var k = 2
            while k < len {
                guard b[i + k] >= 0x80, b[i + k] <= 0xBF else { return false }
                k += 1
            }
            i += len
        }
        return true
    }
}
