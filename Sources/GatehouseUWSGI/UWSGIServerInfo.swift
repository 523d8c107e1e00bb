/// What the gateway knows about itself for the CGI variables of a request: `SERVER_NAME`, `SERVER_PORT`,
/// `DOCUMENT_ROOT`.
public struct UWSGIServerInfo: Sendable, Equatable {
    /// `SERVER_NAME` when the request has neither a `Host` header nor an SNI name.
    public var defaultServerName: String
    /// `SERVER_PORT` when the request's local address has no port (e.g. in tests).
    public var defaultServerPort: Int
    /// `DOCUMENT_ROOT` (nginx sends its `root`; WSGI apps rarely read it).
    public var documentRoot: String

    /// Creates server info; the defaults suit a gateway on port 443 with no document root.
    public init(defaultServerName: String = "localhost", defaultServerPort: Int = 443, documentRoot: String = "") {
        self.defaultServerName = defaultServerName
        self.defaultServerPort = defaultServerPort
        self.documentRoot = documentRoot
    }
}
