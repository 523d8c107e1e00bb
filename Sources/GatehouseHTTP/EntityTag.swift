/// An entity tag (RFC 9110 §8.8.3): an opaque quoted string, optionally weak (`W/"…"`).
public struct EntityTag: Sendable, Hashable, CustomStringConvertible {
    /// True for a weak tag (`W/` prefix).
    public var isWeak: Bool
    /// The tag's characters between the quotes.
    public var opaqueTag: String

    /// Makes a tag from its parts. `opaqueTag` must not contain `"`.
    public init(opaqueTag: String, isWeak: Bool = false) {
        self.opaqueTag = opaqueTag
        self.isWeak = isWeak
    }

    /// Parses exactly one entity tag (`"abc"` or `W/"abc"`, surrounding whitespace allowed); nil when malformed.
    public init?(_ value: String) {
        let parsed: EntityTag? = HTTPSyntax.withBytes(value) { b in
            let start = HTTPSyntax.skipOWS(b, 0)
            guard let element = EntityTag.scan(b, start) else { return nil }
            guard HTTPSyntax.skipOWS(b, element.end) == b.count else { return nil }
            let opaque = String(decoding: UnsafeBufferPointer(rebasing: b[element.opaque]), as: UTF8.self)
            return EntityTag(opaqueTag: opaque, isWeak: element.weak)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The tag as sent on the wire, with quotes and `W/` when weak.
    public var description: String { (isWeak ? "W/\"" : "\"") + opaqueTag + "\"" }

    /// Strong comparison: both tags strong and their opaque tags equal.
    public func strongMatch(_ other: EntityTag) -> Bool {
        !isWeak && !other.isWeak && opaqueTag == other.opaqueTag
    }

    /// Weak comparison: opaque tags equal, weakness ignored.
    public func weakMatch(_ other: EntityTag) -> Bool {
        opaqueTag == other.opaqueTag
    }

    /// How two entity tags are compared (RFC 9110 §8.8.3.2).
    public enum Comparison: Sendable {
        /// Both must be strong and equal (If-Match, If-Range).
        case strong
        /// Equal opaque tags, weakness ignored (If-None-Match).
        case weak
    }

    // MARK: Scanning

    /// One entity tag found in a byte buffer.
    struct Scanned {
        var weak: Bool
        /// Byte range of the opaque tag, quotes excluded.
        var opaque: Range<Int>
        /// Index just past the closing quote.
        var end: Int
    }

    /// Scans an entity tag starting exactly at `i`.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Scanned? {
        var i = i
        var weak = false
        if i + 1 < b.count, b[i] == UInt8(ascii: "W"), b[i + 1] == UInt8(ascii: "/") {
            weak = true
            i += 2
        }
        guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        i = start
        // etagc = %x21 / %x23-7E / obs-text
        while i < b.count, b[i] != UInt8(ascii: "\"") {
            let c = b[i]
            guard c == 0x21 || (c >= 0x23 && c != 0x7F) else { return nil }
            i += 1
        }
        guard i < b.count else { return nil }
        return Scanned(weak: weak, opaque: start..<i, end: i + 1)
    }
}

/// The value of an `If-Match` or `If-None-Match` field: `*` or a list of entity tags.
///
/// Malformed list elements are dropped (a field holding only garbage is an empty list, which matches nothing).
public enum EntityTagList: Sendable, Equatable {
    /// `*`: matches any current representation.
    case any
    /// A list of tags (possibly empty).
    case tags([EntityTag])

    /// Parses a field value.
    public init(_ value: String) {
        var tags: [EntityTag] = []
        let isAny = EntityTagList.forEachElement(value) { b, scanned in
            tags.append(EntityTag(opaqueTag: String(decoding: UnsafeBufferPointer(rebasing: b[scanned.opaque]),
                                                    as: UTF8.self), isWeak: scanned.weak))
            return false
        }
        self = isAny ? .any : .tags(tags)
    }

    /// Whether the list matches `tag` under `comparison`.
    public func matches(_ tag: EntityTag, _ comparison: EntityTag.Comparison) -> Bool {
        switch self {
        case .any: return true
        case .tags(let tags):
            return tags.contains { comparison == .strong ? $0.strongMatch(tag) : $0.weakMatch(tag) }
        }
    }

    /// Whether the field value `value` matches the entity tag `etag` (as sent on the wire, e.g. `"abc"`) under
    /// `comparison`, without allocating. `*` matches any tag; a malformed `etag` matches only `*`.
    public static func matches(fieldValue value: String, etag: String, _ comparison: EntityTag.Comparison) -> Bool {
        HTTPSyntax.withBytes(etag) { tagBytes in
            guard let current = EntityTag.scan(tagBytes, 0), current.end == tagBytes.count else {
                return forEachElement(value) { _, _ in false }
            }
            if comparison == .strong && current.weak { return forEachElement(value) { _, _ in false } }
            let currentOpaque = UnsafeBufferPointer(rebasing: tagBytes[current.opaque])
            return forEachElement(value) { b, scanned in
                if comparison == .strong && scanned.weak { return false }
                let opaque = UnsafeBufferPointer(rebasing: b[scanned.opaque])
                return opaque.elementsEqual(currentOpaque)
            }
        }
    }

    /// Calls `body` for each well-formed entity tag in the list until it returns true. Returns true when the value
    /// is `*` or `body` returned true.
    static func forEachElement(_ value: String,
                               _ body: (UnsafeBufferPointer<UInt8>, EntityTag.Scanned) -> Bool) -> Bool {
        HTTPSyntax.withBytes(value) { b in
            var i = HTTPSyntax.skipOWS(b, 0)
            if i < b.count, b[i] == UInt8(ascii: "*"), HTTPSyntax.skipOWS(b, i + 1) == b.count { return true }
            while i < b.count {
                i = HTTPSyntax.skipOWS(b, i)
                if i < b.count, b[i] == UInt8(ascii: ",") { i += 1; continue }
                guard i < b.count else { break }
                if let scanned = EntityTag.scan(b, i) {
                    let after = HTTPSyntax.skipOWS(b, scanned.end)
                    if after == b.count || b[after] == UInt8(ascii: ",") {
                        if body(b, scanned) { return true }
                        i = after + 1
                        continue
                    }
                }
                i = HTTPSyntax.skipToNextElement(b, i) + 1
            }
            return false
        }
    }
}
