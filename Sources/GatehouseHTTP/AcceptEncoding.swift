import GatehouseManifest
import NIOHTTP1

/// A parsed `Accept-Encoding` request header (RFC 9110 §12.5.3), reduced to what content negotiation needs:
/// the quality the client gave to `br`, `gzip` (also spelled `x-gzip`), `identity` and `*`.
///
/// Parsing allocates nothing. Tokens are case-insensitive; q-values follow the `qvalue` grammar exactly (`0` to
/// `1` with at most three decimals); an element with a malformed q-value or malformed syntax is ignored, and so
/// are codings this server never stores (`deflate`, `zstd`, …). When a coding is listed twice the first wins.
public struct AcceptEncoding: Sendable, Equatable {
    /// Whether the request carried the header at all. Without it the client gets `identity`.
    public var isPresent: Bool
    /// Quality of `br` in thousandths (0…1000), when listed.
    public var br: Int?
    /// Quality of `gzip` / `x-gzip` in thousandths, when listed.
    public var gzip: Int?
    /// Quality of `identity` in thousandths, when listed.
    public var identity: Int?
    /// Quality of `*` in thousandths, when listed.
    public var wildcard: Int?

    /// A request without the header: only `identity` is chosen.
    public static let absent = AcceptEncoding(isPresent: false)

    private init(isPresent: Bool) {
        self.isPresent = isPresent
    }

    /// Parses one header value; nil means the header was absent.
    public init(_ value: String?) {
        self.init(isPresent: value != nil)
        if let value { HTTPSyntax.withBytes(value) { self.parse($0) } }
    }

    /// Parses every `Accept-Encoding` line of `headers`.
    public init(headers: HTTPHeaders) {
        self.init(isPresent: false)
        for (name, value) in headers where HTTPSyntax.equalsIgnoringCase(name, "accept-encoding") {
            add(fieldValue: value)
        }
    }

    /// Adds one more `Accept-Encoding` line (for callers that scan the request headers themselves).
    public mutating func add(fieldValue: String) {
        isPresent = true
        HTTPSyntax.withBytes(fieldValue) { self.parse($0) }
    }

    /// The quality the client explicitly gave `coding`, or nil when not listed.
    @inlinable
    public func explicitQuality(_ coding: ContentCoding) -> Int? {
        switch coding {
        case .br: return br
        case .gzip: return gzip
        case .identity: return identity
        }
    }

    /// The effective quality of `coding` in thousandths: its own q, else that of `*`, else 0 — except that
    /// `identity` is implicitly acceptable (at the lowest rank, 1) unless refused by `identity;q=0` or by `*;q=0`
    /// without an `identity` entry. Without the header only `identity` is acceptable.
    @inlinable
    public func quality(_ coding: ContentCoding) -> Int {
        guard isPresent else { return coding == .identity ? 1000 : 0 }
        if let q = explicitQuality(coding) { return q }
        if let q = wildcard { return q }
        return coding == .identity ? 1 : 0
    }

    /// True when the client refused the unencoded representation (`identity;q=0`, or `*;q=0` without `identity`).
    public var refusesIdentity: Bool { quality(.identity) == 0 }

    /// Chooses the coding to send among `available`: the highest quality, ties broken br > gzip > identity.
    /// Returns nil when nothing available is acceptable — the caller answers 406. (Since `identity` is acceptable
    /// unless explicitly refused, this returns `identity` whenever it is available and not refused.)
    public func negotiate(available: Set<ContentCoding>) -> ContentCoding? {
        negotiate(br: available.contains(.br), gzip: available.contains(.gzip),
                  identity: available.contains(.identity))
    }

    /// ``negotiate(available:)`` with the available codings as flags (no hashing, for the per-request path).
    @inlinable
    public func negotiate(br hasBr: Bool, gzip hasGzip: Bool, identity hasIdentity: Bool) -> ContentCoding? {
        var best: ContentCoding?
        var bestQ = 0
        // Visited in tie-break order, so a later coding wins only with a strictly higher quality.
        if hasBr {
            let q = quality(.br)
            if q > bestQ { best = .br; bestQ = q }
        }
        if hasGzip {
            let q = quality(.gzip)
            if q > bestQ { best = .gzip; bestQ = q }
        }
        if hasIdentity {
            let q = quality(.identity)
            if q > bestQ { best = .identity; bestQ = q }
        }
        return best
    }

    // MARK: Parsing

    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        while i < b.count {
            i = HTTPSyntax.skipOWS(b, i)
            if i < b.count, b[i] == UInt8(ascii: ",") { i += 1; continue }  // empty list element
            let tokenStart = i
            i = HTTPSyntax.scanToken(b, i)
            let token = tokenStart..<i
            var q = 1000
            var valid = !token.isEmpty
            i = HTTPSyntax.skipOWS(b, i)
            while valid, i < b.count, b[i] == UInt8(ascii: ";") {
                i = HTTPSyntax.skipOWS(b, i + 1)
                let nameStart = i
                i = HTTPSyntax.scanToken(b, i)
                let name = nameStart..<i
                i = HTTPSyntax.skipOWS(b, i)
                guard !name.isEmpty, i < b.count, b[i] == UInt8(ascii: "=") else { valid = false; break }
                i = HTTPSyntax.skipOWS(b, i + 1)
                let valueStart = i
                if i < b.count, b[i] == UInt8(ascii: "\"") {
                    guard let end = HTTPSyntax.scanQuotedString(b, i) else { valid = false; break }
                    i = end
                } else {
                    i = HTTPSyntax.scanToken(b, i)
                }
                let value = valueStart..<i
                if HTTPSyntax.equalsIgnoringCase(b, name, "q") {
                    guard let parsed = Self.parseQValue(b, value) else { valid = false; break }
                    q = parsed
                }
                i = HTTPSyntax.skipOWS(b, i)
            }
            if i < b.count, b[i] != UInt8(ascii: ",") { valid = false }
            if !valid {
                i = HTTPSyntax.skipToNextElement(b, i)
            } else {
                record(b, token, q)
            }
            i += 1  // past the comma (or the end)
        }
    }

    private mutating func record(_ b: UnsafeBufferPointer<UInt8>, _ token: Range<Int>, _ q: Int) {
        // Dispatch on length first: most tokens (deflate, zstd, …) are rejected without a comparison.
        switch token.count {
        case 1:
            if b[token.lowerBound] == UInt8(ascii: "*"), wildcard == nil { wildcard = q }
        case 2:
            if HTTPSyntax.equalsIgnoringCase(b, token, "br"), br == nil { br = q }
        case 4:
            if HTTPSyntax.equalsIgnoringCase(b, token, "gzip"), gzip == nil { gzip = q }
        case 6:
            if HTTPSyntax.equalsIgnoringCase(b, token, "x-gzip"), gzip == nil { gzip = q }
        case 8:
            if HTTPSyntax.equalsIgnoringCase(b, token, "identity"), identity == nil { identity = q }
        default:
            break
        }
    }

    /// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths; nil when malformed.
    static func parseQValue(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
        guard let first = r.first else { return nil }
        let lead = b[first]
        guard lead == UInt8(ascii: "0") || lead == UInt8(ascii: "1") else { return nil }
        var value = lead == UInt8(ascii: "1") ? 1000 : 0
        guard r.count > 1 else { return value }
        guard b[first + 1] == UInt8(ascii: "."), r.count <= 5 else { return nil }
        var scale = 100
        for i in (first + 2)..<r.upperBound {
            let d = b[i]
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            value += Int(d - UInt8(ascii: "0")) * scale
            scale /= 10
        }
        return value <= 1000 ? value : nil
    }
}
