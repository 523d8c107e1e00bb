/// One uWSGI backend of an upstream pool.
public struct BackendConfiguration: Sendable, Hashable {
    /// Where it listens.
    public var address: BackendAddress
    /// Requests sent to it at once; nil is unlimited. Set it to uWSGI's `processes × threads` so that excess
    /// requests wait in Gatehouse's bounded queue rather than in uWSGI's listen backlog.
    public var maxConnections: Int?
    /// uWSGI's `buffer-size` for this backend (its default is 4096): larger vars blocks are answered 431 here.
    public var bufferSize: Int

    /// Creates a backend; the defaults are unlimited concurrency and uWSGI's default buffer size.
    public init(address: BackendAddress, maxConnections: Int? = nil, bufferSize: Int = 4096) {
        self.address = address
        self.maxConnections = maxConnections
        self.bufferSize = bufferSize
    }
}
