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
    let certificateWatcher: CertificateWatcher?
    private var ticketRotation: RepeatedTask?
    private var janitor: RepeatedTask?

    init(configuration: GatehouseConfiguration, options: ServeOptions, logger: Logger) throws {
        self.logger = logger
        self.configuration = configuration
        let settings = ServerSettings(configuration: configuration)
        // Certificates first: a bad pair is the most common start-up error and must be the only line printed.
        var installer: TLSChannelInstaller?
        if !options.insecurePlaintext {
            let store = CertificateStore()
            let watcher = TLSComposition.certificateWatcher(configuration.tls, store: store, logger: logger)
            try watcher.loadInitial()        // validates every pair, logs each expiry
            let tlsConfiguration = TLSComposition.configuration(configuration.tls)
            let problems = tlsConfiguration.validate()
            if !problems.isEmpty { throw CommandLineError("tls: " + problems.joined(separator: "; ")) }
            let context = try TLSServerContext(configuration: tlsConfiguration, certificates: store)
            self.tls = context
            self.certificateWatcher = watcher
            installer = OpenSSLChannelInstaller(context: context)
        } else {
            self.tls = nil
            self.certificateWatcher = nil
        }
        let dynamic = try DynamicBackends(configuration: configuration)
        self.dynamic = dynamic
        let statics = StaticAssets(configuration: configuration, logger: logger)
        self.statics = statics
        let staticResponder = statics.responder
        let router = GatewayRouter(staticMatch: { staticResponder.responder(for: $0) },
                                   dynamicMatch: { request in dynamic.responder(for: request.rawPath) },
                                   builtin: BuiltinResponder(version: GatehouseVersion.current))
        server = try GatehouseServer(settings: settings, router: RouterBox(router), tls: installer, logger: logger,
                                     bodySinkFactory: DynamicBackends.bodySinkFactory(configuration))
        let serverMetrics = server.metrics
        let cache = dynamic.cache
        let watcher = certificateWatcher
        let actions = AdminActions(
            reload: { [weak self] in (self?.reloadReport() ?? []).joined(separator: "\n") },
            purge: cache.map { cache in { target, exact in
                exact ? cache.store.purge(url: target) : cache.store.purge(prefix: target)
            } },
            metrics: { serverMetrics.render() + (cache?.metrics.snapshot().prometheusText(prefix: "gatehouse_cache") ?? "")
                + (watcher?.metricsText() ?? "") })
        server.adminRouter = AdminRouter(responder: AdminResponder(actions: actions, token: configuration.admin.token))
    }

    func start() throws {
        try server.start()
        ticketRotation = tls?.scheduleTicketKeyRotation(on: server.group.next())
        statics.startWatching()
        if configuration.tls.watch { certificateWatcher?.start() }
        if let cache = dynamic.cache {
            janitor = server.group.next().scheduleRepeatedTask(initialDelay: .seconds(60), delay: .seconds(60)) { _ in
                cache.removeExpired()
            }
        }
        for address in server.boundAddresses {
            logger.info("listening", metadata: ["gatehouse.address": "\(address)"])
        }
    }

    func shutdown() {
        ticketRotation?.cancel()
        janitor?.cancel()
        statics.stopWatching()
        certificateWatcher?.stop()
        server.shutdown()
    }

    /// SIGHUP: reload off the signal queue.
    func reload() {
        logger.info("SIGHUP: reloading")
        DispatchQueue.global().async { _ = self.reloadReport() }
    }

    /// Reloads what can be reloaded without a restart (static builds, certificates); one line per part,
    /// each also logged. Blocking.
    func reloadReport() -> [String] {
        var lines = statics.reloadNow()
        if let watcher = certificateWatcher { lines.append(watcher.reloadNow()) }
        for line in lines { logger.info("\(line)") }
        return lines
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
