import ArgumentParser
import Dispatch
import Foundation
import GatehouseServer
import Logging

/// `gatehouse serve`: run the gateway until SIGTERM/SIGINT.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the gateway (HTTPS, the HTTP redirect listener, static assets, the uWSGI proxy).")

    @OptionGroup var options: ServeOptions

    func run() throws {
        // Until the handlers are installed, a SIGHUP (a certbot deploy hook) must not kill a starting server.
        signal(SIGHUP, SIG_IGN)
        let app: GatewayApplication
        var logger = Logging.makeLogger(level: options.logLevel ?? "info")
        do {
            let configuration = try ConfigurationResolver.resolve(options)
            logger = Logging.makeLogger(level: configuration.log.level.rawValue)
            app = try GatewayApplication(configuration: configuration, options: options, logger: logger)
            try app.start()
        } catch {
            FileHandle.standardError.write(Data("gatehouse: \(error)\n".utf8))
            throw ExitCode.failure
        }
        let done = DispatchSemaphore(value: 0)
        let signals = SignalWatcher(
            onTerminate: { name in
                logger.info("received \(name)")
                DispatchQueue.global().async {
                    app.shutdown()
                    done.signal()
                }
            },
            onHangup: { app.reload() })
        done.wait()
        withExtendedLifetime(signals) {}
    }
}

/// Flags of `serve` that override the config file.
struct ServeOptions: ParsableArguments {
    @Option(name: [.short, .customLong("config")], help: "Config file (default: gatehouse.toml if present).")
    var config: String?
    @Option(name: .customLong("https"), help: "HTTPS listen address host:port (repeatable).")
    var https: [String] = []
    @Option(name: .customLong("http"), help: "Plain-HTTP redirect listener host:port (repeatable; 'off' disables).")
    var http: [String] = []
    @Option(name: .customLong("cert"), help: "Certificate chain PEM (repeatable, paired with --key in order).")
    var certs: [String] = []
    @Option(name: .customLong("key"), help: "Private key PEM (repeatable).")
    var keys: [String] = []
    @Option(name: .customLong("static"), help: "Static mount PREFIX=DIR (repeatable).")
    var statics: [String] = []
    @Option(name: .customLong("upstream"), help: "uWSGI backend unix:/path.sock or host:port (repeatable).")
    var upstreams: [String] = []
    @Option(name: .customLong("workers"), help: "Event loops (default: number of cores).")
    var workers: Int?
    @Option(name: .customLong("access-log"), help: "Access log: '-' (stdout), a path, or 'off'.")
    var accessLog: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?
    @Flag(name: .customLong("insecure-plaintext"), help: "Serve the HTTPS listeners without TLS (tests only).")
    var insecurePlaintext = false
}

/// Signal handling in one place: SIGTERM/SIGINT drain and exit, SIGHUP reloads.
final class SignalWatcher {
    private var sources: [DispatchSourceSignal] = []

    init(onTerminate: @escaping (String) -> Void, onHangup: @escaping () -> Void) {
        let queue = DispatchQueue(label: "gatehouse.signals")
        var fired = false
        for (sig, name) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            s.setEventHandler {
                if fired { return }
                fired = true
                onTerminate(name)
            }
            s.resume()
            sources.append(s)
        }
        signal(SIGHUP, SIG_IGN)
        let hup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
        hup.setEventHandler { onHangup() }
        hup.resume()
        sources.append(hup)
    }
}

extension Logging {
    /// A stderr logger at `level` (unknown names mean info).
    static func makeLogger(level: String) -> Logger {
        var logger = Logger(label: "gatehouse") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = Logger.Level(rawValue: level.lowercased()) ?? .info
        return logger
    }
}

enum Logging {}
