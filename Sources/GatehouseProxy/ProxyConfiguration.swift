import GatehouseUWSGI
import NIOCore

/// Every knob of the uWSGI proxy, with the documented defaults (pure value; the config module maps TOML onto it).
public struct ProxyConfiguration: Sendable {
    /// The backends and their queue.
    public var upstream: UpstreamConfiguration
    /// Request body buffering and `client_max_body_size`.
    public var requestBuffer: RequestBufferConfiguration
    /// Response bodies up to this size stay in memory; bigger ones are spooled (in `responseSpoolDirectory`).
    public var responseMemoryThreshold: Int
    /// A buffered response bigger than this is refused with 502 (`response_too_large`).
    public var maxResponseSize: Int64
    /// Where response spool files are created.
    public var responseSpoolDirectory: String
    /// The largest response head (status line + headers) accepted from uWSGI.
    public var maxResponseHeadSize: Int
    /// Connecting to a backend (a Unix socket connects at once or is refused; this matters for TCP).
    public var connectTimeout: TimeAmount
    /// Longest silence from the backend — waiting for the head, or between two reads or writes → 504.
    public var readTimeout: TimeAmount
    /// Clients whose own `X-Forwarded-*` headers are believed (e.g. a load balancer in front).
    public var trustedProxies: [IPAddressRange]
    /// `SERVER_NAME` / `SERVER_PORT` fallbacks and `DOCUMENT_ROOT`.
    public var server: UWSGIServerInfo

    /// Creates a configuration for `upstream`. Defaults: response memory 1 MiB, responses up to 1 GiB,
    /// head 64 KiB, connect timeout 2 s, read timeout 60 s, no trusted proxies.
    public init(upstream: UpstreamConfiguration,
                requestBuffer: RequestBufferConfiguration = RequestBufferConfiguration(),
                responseMemoryThreshold: Int = 1024 * 1024,
                maxResponseSize: Int64 = 1024 * 1024 * 1024,
                responseSpoolDirectory: String = "/tmp",
                maxResponseHeadSize: Int = 64 * 1024,
                connectTimeout: TimeAmount = .seconds(2),
                readTimeout: TimeAmount = .seconds(60),
                trustedProxies: [IPAddressRange] = [],
                server: UWSGIServerInfo = UWSGIServerInfo()) {
        self.upstream = upstream
        self.requestBuffer = requestBuffer
        self.responseMemoryThreshold = responseMemoryThreshold
        self.maxResponseSize = maxResponseSize
        self.responseSpoolDirectory = responseSpoolDirectory
        self.maxResponseHeadSize = maxResponseHeadSize
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.trustedProxies = trustedProxies
        self.server = server
    }

    /// Checks the values; throws the first problem.
    public func validate() throws {
        try upstream.validate()
        if requestBuffer.memoryThreshold < 0 || responseMemoryThreshold < 0 {
            throw ProxyConfigurationError("memory thresholds must be ≥ 0")
        }
        if requestBuffer.maxBodySize < 0 { throw ProxyConfigurationError("client_max_body_size must be ≥ 0") }
        if connectTimeout <= .zero || readTimeout <= .zero {
            throw ProxyConfigurationError("connect_timeout and read_timeout must be > 0")
        }
    }
}
