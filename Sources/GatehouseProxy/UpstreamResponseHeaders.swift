import GatehouseHTTP
import NIOHTTP1

/// Which headers of a uWSGI response reach the client.
public enum UpstreamResponseHeaders {
    /// `headers` without hop-by-hop headers (RFC 9110 §7.6.1, including those named in `Connection`), the CGI
    /// `Status`, what Gatehouse sets itself (`Server`, `Date`), what nginx hides (`X-Accel-*`, `X-Pad`), and
    /// Gatehouse's internal `X-Gatehouse-*` (an app cannot forge log annotations). Names are compared ignoring
    /// ASCII case without allocating; a response with nothing to drop — most of them — is handed back as it is.
    public static func clean(_ headers: HTTPHeaders) -> HTTPHeaders {
        var listed: [Substring] = []
        for name in headers[canonicalForm: "connection"] { listed.append(name) }
        func dropped(_ name: String) -> Bool {
            isAlwaysRemoved(name) || listed.contains { HTTPFieldName.equal($0, name) }
        }
        guard headers.contains(where: { dropped($0.name) }) else { return headers }
        var result = HTTPHeaders()
        result.reserveCapacity(headers.count)
        for (name, value) in headers where !dropped(name) {
            result.add(name: name, value: value)
        }
        return result
    }

    /// The names removed from every upstream response (see `clean`), whatever `Connection` lists: the standard
    /// hop-by-hop set (`HopByHopHeaders`) and the proxy's own.
    static func isAlwaysRemoved(_ name: String) -> Bool {
        if HopByHopHeaders.isStandard(name) { return true }
        switch name.utf8.count {
        case 4: if HTTPFieldName.matches(name, "date") { return true }
        case 5: if HTTPFieldName.matches(name, "x-pad") { return true }
        case 6: if HTTPFieldName.matches(name, "status") || HTTPFieldName.matches(name, "server") { return true }
        default: break
        }
        return HTTPFieldName.hasPrefix(name, "x-accel-") || HTTPFieldName.hasPrefix(name, "x-gatehouse-")
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
