import NIOHTTP1

/// Hop-by-hop header fields (RFC 9110 §7.6.1): meaningful for one connection only, so a proxy must not forward
/// them. These are the fixed set below plus every field named in the message's `Connection` header.
public enum HopByHopHeaders {
    /// The fixed hop-by-hop names, lower case.
    public static let standard: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
    ]

    /// True when `name` is one of ``standard``, compared ignoring ASCII case without allocating (for per-response
    /// filters on the hot path).
    public static func isStandard(_ name: String) -> Bool {
        switch name.utf8.count {
        case 2: return HTTPSyntax.equalsIgnoringCase(name, "te")
        case 7: return HTTPSyntax.equalsIgnoringCase(name, "trailer") || HTTPSyntax.equalsIgnoringCase(name, "upgrade")
        case 10:
            return HTTPSyntax.equalsIgnoringCase(name, "connection") || HTTPSyntax.equalsIgnoringCase(name, "keep-alive")
        case 16: return HTTPSyntax.equalsIgnoringCase(name, "proxy-connection")
        case 17: return HTTPSyntax.equalsIgnoringCase(name, "transfer-encoding")
        default: return false
        }
    }

    /// The lower-cased hop-by-hop names of a message: ``standard`` plus the tokens listed in its `Connection`
    /// header lines (malformed tokens are skipped).
    public static func names(in headers: HTTPHeaders) -> Set<String> {
        var names = standard
        for (name, value) in headers where HTTPSyntax.equalsIgnoringCase(name, "connection") {
            for token in value.split(separator: ",") {
                let trimmed = token.trimmingOWS()
                if !trimmed.isEmpty, trimmed.utf8.allSatisfy(HTTPSyntax.isTokenChar) {
                    names.insert(trimmed.lowercased())
                }
            }
        }
        return names
    }

    /// Whether `name` is hop-by-hop for a message whose hop-by-hop names are `names` (from ``names(in:)``).
    public static func isHopByHop(_ name: String, in names: Set<String>) -> Bool {
        names.contains(name.lowercased())
    }

    /// `headers` without its hop-by-hop fields.
    public static func removing(from headers: HTTPHeaders) -> HTTPHeaders {
        let names = names(in: headers)
        var out = HTTPHeaders()
        out.reserveCapacity(headers.count)
        for (name, value) in headers where !names.contains(name.lowercased()) {
            out.add(name: name, value: value)
        }
        return out
    }

    /// Removes the hop-by-hop fields of `headers` in place.
    public static func remove(from headers: inout HTTPHeaders) {
        headers = removing(from: headers)
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    func trimmingOWS() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
