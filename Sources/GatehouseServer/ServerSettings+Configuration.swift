import GatehouseConfig
import NIOCore

extension ServerSettings {
    /// The server's settings from a (validated) configuration.
    public init(configuration c: GatehouseConfiguration) {
        self.init()
        https = c.listen.https.map { Listen(host: $0.host, port: $0.port) }
        http = c.http.redirectHTTP ? c.listen.http.map { Listen(host: $0.host, port: $0.port) } : []
        admin = c.listen.admin.map { [Listen(host: $0.host, port: $0.port)] } ?? []
        workers = c.server.workers
        serverHeader = c.server.serverHeader
        shutdownGrace = .nanoseconds(c.server.shutdownGrace.nanoseconds)
        maxRequestLine = c.http.maxRequestLine.bytes
        maxHeaderSize = c.http.maxHeaderSize.bytes
        headerTimeout = .nanoseconds(c.http.headerTimeout.nanoseconds)
        keepAliveTimeout = .nanoseconds(c.http.keepaliveTimeout.nanoseconds)
        maxRequestsPerConnection = c.http.maxRequestsPerConnection
        hsts = c.http.hsts.isEmpty ? nil : c.http.hsts
        clientMaxBodySize = Int64(c.proxy.clientMaxBodySize.bytes)
        bodyTimeout = .nanoseconds(c.proxy.bodyTimeout.nanoseconds)
        minBodyRate = c.proxy.minBodyRate.bytes
        switch c.log.access {
        case .off: accessLogPath = nil
        case .standardOutput: accessLogPath = "-"
        case .file(let path): accessLogPath = path
        }
        accessLogFormat = c.log.accessFormat == .json ? .json : .combined
    }
}
