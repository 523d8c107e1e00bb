/// One element of a `Range: bytes=` header (RFC 9110 §14.1.1), before it is applied to a representation.
public enum ByteRangeSpec: Sendable, Equatable {
    /// `first-last`.
    case closed(first: Int64, last: Int64)
    /// `first-`: from `first` to the end.
    case from(first: Int64)
    /// `-length`: the last `length` bytes.
    case suffix(length: Int64)
}

/// What to send for a (possibly) ranged GET.
public enum RangeResult: Sendable, Equatable {
    /// The whole representation with 200 (no Range, an ignored one, or one served whole on purpose).
    case full
    /// 206 with one range (inclusive byte offsets).
    case single(ClosedRange<Int64>)
    /// 206 `multipart/byteranges`, parts in the order requested.
    case multiple([ClosedRange<Int64>])
    /// 416 with `Content-Range: bytes */size`.
    case unsatisfiable
}

/// Parsing and evaluation of `Range` / `If-Range` for byte ranges (RFC 9110 §14).
public enum ByteRangeRequest {
    /// The default cap on the number of ranges in one request; more are served whole.
    public static let defaultMaxRanges = 16

    /// Parses a `Range` value. Returns nil when the unit is not `bytes` (case-insensitive) or the syntax is
    /// invalid anywhere (e.g. `5-2`, `a-b`, empty set); the caller then ignores the header. Numbers too large
    /// for `Int64` saturate.
    public static func parse(_ value: String) -> [ByteRangeSpec]? {
        HTTPSyntax.withBytes(value) { b -> [ByteRangeSpec]? in
            var i = HTTPSyntax.skipOWS(b, 0)
            let unitEnd = HTTPSyntax.scanToken(b, i)
            guard HTTPSyntax.equalsIgnoringCase(b, i..<unitEnd, "bytes") else { return nil }
            i = HTTPSyntax.skipOWS(b, unitEnd)
            guard i < b.count, b[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            var specs: [ByteRangeSpec] = []
            while i < b.count {
                i = HTTPSyntax.skipOWS(b, i)
                if i < b.count, b[i] == UInt8(ascii: ",") { i += 1; continue }
                guard i < b.count else { break }
                let first = number(b, &i)
                guard i < b.count, b[i] == UInt8(ascii: "-") else { return nil }
                i += 1
                let last = number(b, &i)
                switch (first, last) {
                case let (f?, l?):
                    guard f <= l else { return nil }
                    specs.append(.closed(first: f, last: l))
                case let (f?, nil):
                    specs.append(.from(first: f))
                case let (nil, l?):
                    specs.append(.suffix(length: l))
                case (nil, nil):
                    return nil
                }
                i = HTTPSyntax.skipOWS(b, i)
                guard i == b.count || b[i] == UInt8(ascii: ",") else { return nil }
            }
            return specs.isEmpty ? nil : specs
        }
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int64? {
        let start = i
        var v: Int64 = 0
        while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(b[i] - UInt8(ascii: "0")))
            v = (o1 || o2) ? Int64.max : a
            i += 1
        }
        return i > start ? v : nil
    }

    /// Applies parsed specs to a representation of `size` bytes.
    ///
    /// Unsatisfiable specs are dropped; none left → `.unsatisfiable`. More than `maxRanges` specs, or several
    /// ranges that overlap (which also covers asking for more bytes than the file holds), are served `.full`, as
    /// nginx does, so a request cannot make the server send a file many times over.
    public static func resolve(_ specs: [ByteRangeSpec], size: Int64,
                               maxRanges: Int = defaultMaxRanges) -> RangeResult {
        guard specs.count <= maxRanges else { return .full }
        var ranges: [ClosedRange<Int64>] = []
        ranges.reserveCapacity(specs.count)
        for spec in specs {
            switch spec {
            case .closed(let first, let last):
                if first < size { ranges.append(first...min(last, size - 1)) }
            case .from(let first):
                if first < size { ranges.append(first...(size - 1)) }
            case .suffix(let length):
                if length > 0, size > 0 { ranges.append(max(0, size - length)...(size - 1)) }
            }
        }
        switch ranges.count {
        case 0: return .unsatisfiable
        case 1: return .single(ranges[0])
        default:
            let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
            for k in 1..<sorted.count where sorted[k].lowerBound <= sorted[k - 1].upperBound {
                return .full
            }
            return .multiple(ranges)
        }
    }

    /// Whether an `If-Range` value lets the range apply (RFC 9110 §13.1.5): an entity tag must match `etag` by
    /// strong comparison; a date must equal `lastModified` exactly. Anything else (weak tags, invalid values)
    /// means "send the whole representation".
    public static func ifRangeHolds(_ value: String, etag: String?, lastModified: Int64?) -> Bool {
        // An entity tag starts with `"` or `W/`; a date may start with `W` too ("Wed, …").
        let isEntityTag = HTTPSyntax.withBytes(value) { b -> Bool in
            let i = HTTPSyntax.skipOWS(b, 0)
            guard i < b.count else { return false }
            if b[i] == UInt8(ascii: "\"") { return true }
            return b[i] == UInt8(ascii: "W") && i + 1 < b.count && b[i + 1] == UInt8(ascii: "/")
        }
        if isEntityTag {
            guard let etag, let wanted = EntityTag(value), let current = EntityTag(etag) else { return false }
            return wanted.strongMatch(current)
        }
        guard let lastModified, let date = HTTPDate.parse(value) else { return false }
        return date == lastModified
    }

    /// The whole decision for a GET: parses `range`, checks `ifRange`, and resolves against `size`.
    /// `range` nil (absent, or repeated) → `.full`.
    public static func evaluate(range: String?, ifRange: String?, size: Int64, etag: String?,
                                lastModified: Int64?, maxRanges: Int = defaultMaxRanges) -> RangeResult {
        guard let range, let specs = parse(range) else { return .full }
        if let ifRange, !ifRangeHolds(ifRange, etag: etag, lastModified: lastModified) { return .full }
        return resolve(specs, size: size, maxRanges: maxRanges)
    }
}
