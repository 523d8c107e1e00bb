import Foundation
import GatehouseConfig
import GatehouseHTTP
import GatehouseServer
import GatehouseTLS
import NIOCore
import Logging

/// Composition of one running gateway from the command line and config: builds the settings, the TLS
/// context, the static mounts, the proxy and the router, and owns the server.
final class GatewayApplication: @unchecked Sendable {
    let server: GatehouseServer
    let logger: Logger

    let configuration: GatehouseConfiguration
    let dynamic: DynamicBackends
    let statics: StaticAssets
    let tls: TLSServerContext?
    private var ticketRotation: RepeatedTask?

    init(configuration: GatehouseConfiguration, options: ServeOptions, logger: Logger) throws {
        self.logger = logger
        self.configuration = configuration
        let settings = ServerSettings(configuration: configuration)
        let dynamic = try DynamicBackends(configuration: configuration)
        self.dynamic = dynamic
        let statics = StaticAssets(configuration: configuration, logger: logger)
        self.statics = statics
        let staticResponder = statics.responder
        let router = GatewayRouter(staticMatch: { staticResponder.responder(for: $0) },
                                   dynamicMatch: { request in dynamic.responder(for: request.rawPath) },
                                   builtin: BuiltinResponder(version: GatehouseVersion.current))
        var installer: TLSChannelInstaller?
        if !options.insecurePlaintext {
            let snapshot = try TLSComposition.loadSnapshot(configuration.tls)
            let tlsConfiguration = TLSComposition.configuration(configuration.tls)
            let problems = tlsConfiguration.validate()
            if !problems.isEmpty { throw CommandLineError("tls: " + problems.joined(separator: "; ")) }
            let context = try TLSServerContext(configuration: tlsConfiguration, certificates: CertificateStore(snapshot))
            self.tls = context
            installer = OpenSSLChannelInstaller(context: context)
            for pair in snapshot.pairs {
                logger.info("certificate loaded", metadata: [
                    "gatehouse.tls.names": "\(pair.names.joined(separator: ","))",
                    "gatehouse.tls.serial": "\(pair.serialNumberHex)",
                    "gatehouse.tls.not_after": "\(pair.notAfter)",
                ])
            }
        } else {
            self.tls = nil
        }
        server = try GatehouseServer(settings: settings, router: RouterBox(router), tls: installer, logger: logger,
                                     bodySinkFactory: DynamicBackends.bodySinkFactory(configuration))
    }

    func start() throws {
        try server.start()
        ticketRotation = tls?.scheduleTicketKeyRotation(on: server.group.next())
        statics.startWatching()
        for address in server.boundAddresses {
            logger.info("listening", metadata: ["gatehouse.address": "\(address)"])
        }
    }

    func shutdown() {
        ticketRotation?.cancel()
        statics.stopWatching()
        server.shutdown()
    }

    func reload() {
        logger.info("SIGHUP: reloading")
        for line in statics.reloadNow() { logger.info("\(line)") }
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
