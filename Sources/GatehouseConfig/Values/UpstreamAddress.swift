/// Where a uWSGI backend listens: `"unix:/run/app/uwsgi.sock"` (a Unix socket) or `"host:port"` (uwsgi over TCP).
public enum UpstreamAddress: Sendable, Hashable, CustomStringConvertible {
    /// A Unix-domain socket at `path` (absolute, or relative to the working directory).
    case unix(path: String)
    /// A TCP address.
    case tcp(ListenAddress)

    /// Longest Unix socket path the kernel accepts (`sun_path` is 108 bytes including the terminating NUL).
    public static let maximumUnixPathLength = 107

    /// Parses `unix:PATH` or `HOST:PORT`; throws `ConfigValueError` naming the problem.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasPrefix("unix:") {
            let path = String(trimmed.dropFirst("unix:".count))
            guard !path.isEmpty else { throw ConfigValueError("\"\(text)\": missing the socket path after \"unix:\"") }
            guard path.utf8.count <= UpstreamAddress.maximumUnixPathLength else {
                throw ConfigValueError(
                    "\"\(text)\": a Unix socket path can be at most \(UpstreamAddress.maximumUnixPathLength) bytes")
            }
            guard !path.contains("\0") else { throw ConfigValueError("\"\(text)\": the path contains a NUL byte") }
            self = .unix(path: path)
            return
        }
        do {
            self = .tcp(try ListenAddress(parsing: trimmed))
        } catch let error as ConfigValueError {
            throw ConfigValueError("\(error.message) (a backend is \"unix:/path/to.sock\" or \"host:port\")")
        }
    }

    /// `unix:PATH` or `host:port`.
    public var description: String {
        switch self {
        case .unix(let path): return "unix:\(path)"
        case .tcp(let address): return address.description
        }
    }
}
