import Foundation
import GatehouseHTTP
import GatehouseServer
import Logging

/// Composition of one running gateway from the command line and config: builds the settings, the TLS
/// context, the static mounts, the proxy and the router, and owns the server.
final class GatewayApplication: @unchecked Sendable {
    let server: GatehouseServer
    let logger: Logger

    init(options: ServeOptions, logger: Logger) throws {
        self.logger = logger
        var settings = ServerSettings()
        if !options.https.isEmpty { settings.https = try options.https.map(Self.parseListen) }
        if !options.http.isEmpty {
            settings.http = options.http == ["off"] ? [] : try options.http.map(Self.parseListen)
        }
        if let w = options.workers { settings.workers = w }
        if let a = options.accessLog { settings.accessLogPath = a == "off" ? nil : a }
        let router = GatewayRouter(builtin: BuiltinResponder(version: GatehouseVersion.current))
        server = try GatehouseServer(settings: settings, router: RouterBox(router), tls: nil, logger: logger)
    }

    func start() throws {
        try server.start()
        for address in server.boundAddresses {
            logger.info("listening", metadata: ["gatehouse.address": "\(address)"])
        }
    }

    func shutdown() { server.shutdown() }

    func reload() { logger.info("SIGHUP: reload requested") }

    static func parseListen(_ text: String) throws -> ServerSettings.Listen {
        var host = Substring(text)
        var portText: Substring
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]"), host[host.index(after: end)...].hasPrefix(":") else {
                throw CommandLineError("invalid listen address \(text): expected [ipv6]:port")
            }
            portText = host[host.index(end, offsetBy: 2)...]
            host = host[host.index(after: host.startIndex)..<end]
        } else {
            guard let colon = host.lastIndex(of: ":") else {
                throw CommandLineError("invalid listen address \(text): expected host:port")
            }
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw CommandLineError("invalid listen address \(text): bad port")
        }
        return ServerSettings.Listen(host: String(host), port: port)
    }
}

/// A command-line mistake, printed as one line.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum GatehouseVersion {
    static let current = "0.1.0"
}
