import NIOCore

/// A named pool of uWSGI backends and its queueing and health knobs.
public struct UpstreamConfiguration: Sendable {
    /// The pool's name, for logs.
    public var name: String
    /// The backends, at least one.
    public var backends: [BackendConfiguration]
    /// Requests allowed to wait when every backend is at its `maxConnections` (FIFO); beyond it → 503.
    public var queueSize: Int
    /// How long a request may wait in the queue before a 503.
    public var queueTimeout: TimeAmount
    /// How long a backend that refused or timed out a connection is left out of the rotation.
    public var failTimeout: TimeAmount
    /// `Retry-After` seconds on a 503 from a full queue or a queue timeout.
    public var retryAfterSeconds: Int

    /// Creates a pool configuration. Defaults: queue of 100, 10 s queue timeout, 10 s fail timeout, Retry-After 5.
    public init(name: String = "default", backends: [BackendConfiguration], queueSize: Int = 100,
                queueTimeout: TimeAmount = .seconds(10), failTimeout: TimeAmount = .seconds(10),
                retryAfterSeconds: Int = 5) {
        self.name = name
        self.backends = backends
        self.queueSize = queueSize
        self.queueTimeout = queueTimeout
        self.failTimeout = failTimeout
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// A pool from `--upstream` style addresses (`unix:/path.sock`, `host:port`), with default limits.
    public init(name: String = "default", addresses: [String]) throws {
        self.init(name: name, backends: try addresses.map { BackendConfiguration(address: try BackendAddress(parsing: $0)) })
    }

    /// Checks the values; throws the first problem.
    public func validate() throws {
        if backends.isEmpty { throw ProxyConfigurationError("upstream '\(name)': no backends") }
        if queueSize < 0 { throw ProxyConfigurationError("upstream '\(name)': queue_size must be ≥ 0") }
        for backend in backends {
            if let limit = backend.maxConnections, limit < 1 {
                throw ProxyConfigurationError("backend \(backend.address): max_connections must be ≥ 1")
            }
            if !(16...65535).contains(backend.bufferSize) {
                throw ProxyConfigurationError("backend \(backend.address): buffer_size must be 16…65535")
            }
        }
    }
}
