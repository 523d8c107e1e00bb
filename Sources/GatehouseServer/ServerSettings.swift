import NIOCore

/// Everything the server needs, resolved from the config file and the command line by the CLI.
///
/// Kept separate from `GatehouseConfiguration` so the server can be started in tests without a file, and so
/// the config module never has to know NIO types.
public struct ServerSettings: Sendable {
    /// A listening address.
    public struct Listen: Sendable, Hashable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }
        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// HTTPS listeners.
    public var https: [Listen] = [Listen(host: "127.0.0.1", port: 8443)]
    /// Plain-HTTP listeners that redirect to HTTPS (empty: none).
    public var http: [Listen] = [Listen(host: "127.0.0.1", port: 8080)]
    /// Admin listeners (loopback only; empty: none): metrics, reload, cache purge.
    public var admin: [Listen] = []
    /// Number of event loops (0 = one per core).
    public var workers: Int = 0
    /// The `Server` header value.
    public var serverHeader: String = "gatehouse"
    /// How long in-flight requests may run after SIGTERM before connections are closed hard.
    public var shutdownGrace: TimeAmount = .seconds(30)

    /// Longest request line (method, target, version) → 414.
    public var maxRequestLine: Int = 8192
    /// Largest header block → 431.
    public var maxHeaderSize: Int = 16384
    /// Time allowed to receive a complete header block once its first byte arrived (and for the first request) → 408.
    public var headerTimeout: TimeAmount = .seconds(10)
    /// Time an idle keep-alive connection is kept open between requests.
    public var keepAliveTimeout: TimeAmount = .seconds(75)
    /// Requests served on one connection before it is closed.
    public var maxRequestsPerConnection: Int = 1000
    /// `Strict-Transport-Security` value on HTTPS responses (nil: none).
    public var hsts: String? = "max-age=63072000"
    /// Largest request body accepted for dynamic routes → 413.
    public var clientMaxBodySize: Int64 = 10 * 1024 * 1024
    /// Whole-body deadline for request bodies → 408.
    public var bodyTimeout: TimeAmount = .seconds(60)
    /// Minimum request-body rate in bytes per second, judged over each `bodyRateWindow` (0 disables) → 408.
    public var minBodyRate: Int = 1024
    /// The window over which `minBodyRate` is judged; also the grace period at the start of a body.
    public var bodyRateWindow: TimeAmount = .seconds(5)

    /// Access log destination: nil = off, "-" = standard output, otherwise a file path.
    public var accessLogPath: String? = "-"
    /// Access log format.
    public var accessLogFormat: AccessLogFormat = .combined

    public init() {}
}

/// The access log's line format.
public enum AccessLogFormat: String, Sendable {
    /// nginx's `combined` format.
    case combined
    /// One JSON object per line.
    case json
}
