import NIOHTTP1

/// Which headers of a uWSGI response reach the client.
public enum UpstreamResponseHeaders {
    /// Removed from every upstream response: hop-by-hop headers (RFC 9110 §7.6.1), the CGI `Status`, and what
    /// Gatehouse sets itself (`Server`, `Date`), as nginx hides them (`X-Accel-*`, `X-Pad`).
    static let removed: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
        "status", "server", "date", "x-pad",
    ]

    /// `headers` without hop-by-hop headers (including those named in `Connection`), `X-Accel-*`, `Status`,
    /// `Server`, `Date`, `X-Pad`, and Gatehouse's internal `X-Gatehouse-*` (an app cannot forge log annotations).
    public static func clean(_ headers: HTTPHeaders) -> HTTPHeaders {
        var dropped = removed
        for name in headers[canonicalForm: "connection"] { dropped.insert(name.lowercased()) }
        var result = HTTPHeaders()
        for (name, value) in headers {
            let lower = name.lowercased()
            if dropped.contains(lower) || lower.hasPrefix("x-accel-") || lower.hasPrefix("x-gatehouse-") { continue }
            result.add(name: name, value: value)
        }
        return result
    }

    /// True when the response asks not to be buffered (`X-Accel-Buffering: no`).
    public static func wantsStreaming(_ headers: HTTPHeaders) -> Bool {
        headers["x-accel-buffering"].contains { $0.trimmingASCIISpaces().lowercased() == "no" }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
