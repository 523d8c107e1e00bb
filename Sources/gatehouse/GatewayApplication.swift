import Foundation
import GatehouseConfig
import GatehouseHTTP
import GatehouseServer
import Logging

/// Composition of one running gateway from the command line and config: builds the settings, the TLS
/// context, the static mounts, the proxy and the router, and owns the server.
final class GatewayApplication: @unchecked Sendable {
    let server: GatehouseServer
    let logger: Logger

    let configuration: GatehouseConfiguration
    let dynamic: DynamicBackends

    init(configuration: GatehouseConfiguration, options: ServeOptions, logger: Logger) throws {
        self.logger = logger
        self.configuration = configuration
        let settings = ServerSettings(configuration: configuration)
        let dynamic = try DynamicBackends(configuration: configuration)
        self.dynamic = dynamic
        let router = GatewayRouter(staticMatch: nil,
                                   dynamicMatch: { request in dynamic.responder(for: request.rawPath) },
                                   builtin: BuiltinResponder(version: GatehouseVersion.current))
        server = try GatehouseServer(settings: settings, router: RouterBox(router), tls: nil, logger: logger,
                                     bodySinkFactory: DynamicBackends.bodySinkFactory(configuration))
    }

    func start() throws {
        try server.start()
        for address in server.boundAddresses {
            logger.info("listening", metadata: ["gatehouse.address": "\(address)"])
        }
    }

    func shutdown() { server.shutdown() }

    func reload() { logger.info("SIGHUP: reload requested") }
}

/// A command-line mistake, printed as one line.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum GatehouseVersion {
    static let current = "0.1.0"
}
