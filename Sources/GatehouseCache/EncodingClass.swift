import NIOHTTP1

/// The content coding a client can take, reduced to the three a cached response can differ by.
///
/// `Vary: Accept-Encoding` would otherwise split the cache into one entry per distinct header spelling
/// (`gzip, deflate, br`, `br;q=1.0, gzip;q=0.8`, …); classes keep it at three at most.
public enum EncodingClass: String, Sendable, Hashable {
    /// The client accepts brotli.
    case brotli = "br"
    /// The client accepts gzip but not brotli.
    case gzip
    /// Neither.
    case identity

    /// The class of a request's `Accept-Encoding` fields: brotli if acceptable (q > 0, explicitly or through `*`),
    /// else gzip, else identity. Malformed parts are ignored.
    public init(acceptEncoding headers: HTTPHeaders) {
        var explicit: [String: Bool] = [:]
        var wildcard: Bool? = nil
        for part in headers[canonicalForm: "accept-encoding"] {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let coding = first.trimmingSpaces().lowercased()
            var acceptable = true
            for parameter in pieces.dropFirst() {
                let p = parameter.trimmingSpaces()
                guard p.lowercased().hasPrefix("q=") else { continue }
                acceptable = (Double(p.dropFirst(2)) ?? 0) > 0
            }
            if coding == "*" { wildcard = acceptable } else { explicit[coding] = acceptable }
        }
        func accepts(_ coding: String) -> Bool { explicit[coding] ?? wildcard ?? false }
        if accepts("br") {
            self = .brotli
        } else if accepts("gzip") || explicit["x-gzip"] == true {
            self = .gzip
        } else {
            self = .identity
        }
    }
}
