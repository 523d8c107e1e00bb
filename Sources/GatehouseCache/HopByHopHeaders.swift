import NIOHTTP1

/// Header hygiene for stored copies: hop-by-hop headers (RFC 9110 §7.6.1) and those the cache owns or must never
/// replay are removed.
enum HopByHopHeaders {
    /// Always hop-by-hop, whatever `Connection` lists.
    static let fixed: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "proxy-authenticate", "proxy-authorization",
    ]

    /// Headers a cached copy never carries: a replayed cookie would hand one user's session to everyone, the
    /// cache sets `age` and the status itself, the server sets `date`, and `x-accel-expires` is meant for us.
    static let neverStored: Set<String> = ["set-cookie", "age", "date", "x-accel-expires"]

    /// `headers` without hop-by-hop fields (including names listed in `Connection`), `neverStored` fields and
    /// `extra` (lower-cased names).
    static func storable(_ headers: HTTPHeaders, alsoRemoving extra: String) -> HTTPHeaders {
        var listed: Set<String> = []
        for token in headers[canonicalForm: "connection"] {
            listed.insert(token.trimmingSpaces().lowercased())
        }
        var result = HTTPHeaders()
        for (name, value) in headers {
            let lower = name.lowercased()
            if fixed.contains(lower) || neverStored.contains(lower) || listed.contains(lower) || lower == extra {
                continue
            }
            result.add(name: name, value: value)
        }
        return result
    }
}
