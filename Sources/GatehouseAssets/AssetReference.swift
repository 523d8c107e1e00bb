/// One reference from a text asset to another file, as found in its bytes.
public struct AssetReference: Equatable, Sendable {
    /// The syntax the reference was written in.
    public enum Kind: String, Equatable, Sendable {
        /// CSS `url(…)`.
        case url
        /// CSS `@import "…"` (the string form; `@import url(…)` is a `.url`).
        case `import`
        /// A `sourceMappingURL` comment in CSS or JavaScript.
        case sourceMap
    }

    /// How it was written.
    public var kind: Kind
    /// Byte range of the URL text (without quotes or surrounding spaces) inside the file.
    public var range: Range<Int>
    /// The URL text exactly as written.
    public var url: String
    /// 1-based line of the reference, for messages.
    public var line: Int

    /// Creates a reference.
    public init(kind: Kind, range: Range<Int>, url: String, line: Int) {
        self.kind = kind
        self.range = range
        self.url = url
        self.line = line
    }

    /// The URL split into what the pipeline may rewrite (a relative path) and what it keeps as is.
    public enum Target: Equatable, Sendable {
        /// Not a file of the tree: empty, a fragment only, `data:`, an absolute URL (`https:`, `//host`), or a
        /// root-relative path (`/static/…`, whose mount point the pipeline cannot know).
        case external
        /// A relative path. `path` is percent-decoded; `pathEnd` is the length in bytes of the path part in `url`
        /// (the query string and fragment that follow are kept unchanged).
        case relative(path: String, pathEnd: Int)
    }

    /// Classifies `url`.
    public var target: Target { Self.classify(url) }

    /// Classifies a URL as written in a stylesheet or comment.
    public static func classify(_ url: String) -> Target {
        let bytes = Array(url.utf8)
        guard let first = bytes.first else { return .external }
        if first == UInt8(ascii: "#") || first == UInt8(ascii: "/") || first == UInt8(ascii: "?") { return .external }
        if bytes.contains(UInt8(ascii: "\\")) { return .external }
        // A scheme (`data:`, `https:`, `mailto:`…): letters, digits, + - . before the first colon, and no slash.
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")) {
            let head = bytes[..<colon]
            if !head.contains(UInt8(ascii: "/")) && !head.contains(UInt8(ascii: "?")) && !head.contains(UInt8(ascii: "#")) {
                return .external
            }
        }
        let end = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        guard end > 0, let decoded = PathUtilities.percentDecoded(String(decoding: bytes[..<end], as: UTF8.self)) else {
            return .external
        }
        return .relative(path: decoded, pathEnd: end)
    }
}
