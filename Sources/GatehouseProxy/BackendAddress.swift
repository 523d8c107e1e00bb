/// Where a uWSGI backend listens: `unix:/path/to.sock` or `host:port` (uwsgi over TCP).
public enum BackendAddress: Sendable, Hashable, CustomStringConvertible {
    /// A Unix-domain socket path (absolute, or relative to the working directory).
    case unix(path: String)
    /// A TCP host (name or IP literal) and port.
    case tcp(host: String, port: Int)

    /// Parses `unix:/path`, `host:port`, `1.2.3.4:port` or `[::1]:port`.
    ///
    /// - Throws: `ProxyConfigurationError` naming the bad address.
    public init(parsing text: String) throws {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty, path.utf8.count <= 107 else {
                throw ProxyConfigurationError("backend '\(text)': a unix socket path must have 1 to 107 bytes")
            }
            self = .unix(path: path)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port) else {
            throw ProxyConfigurationError("backend '\(text)': expected unix:/path or host:port")
        }
        var host = text[..<colon]
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, !host.contains("/") else {
            throw ProxyConfigurationError("backend '\(text)': missing host")
        }
        self = .tcp(host: String(host), port: port)
    }

    /// The address as written in configuration and logs (`unix:/run/app.sock`, `127.0.0.1:3031`).
    public var description: String {
        switch self {
        case .unix(let path): return "unix:" + path
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        }
    }
}
