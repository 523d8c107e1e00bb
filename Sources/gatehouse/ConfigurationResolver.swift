import GatehouseConfig

/// Loads the config file (or the defaults) and applies the `serve` flags on top, then re-validates.
enum ConfigurationResolver {
    static func resolve(_ options: ServeOptions) throws -> GatehouseConfiguration {
        var c = try GatehouseConfiguration.load(path: options.config)
        do {
            if !options.https.isEmpty {
                c.listen.https = try options.https.map { try ListenAddress(parsing: $0, allowPortZero: true) }
            }
            if !options.http.isEmpty {
                c.listen.http = options.http == ["off"] ? []
                    : try options.http.map { try ListenAddress(parsing: $0, allowPortZero: true) }
            }
            if options.certs.count != options.keys.count {
                throw CommandLineError("--cert and --key must be given the same number of times")
            }
            if !options.certs.isEmpty {
                c.tls.certificates = zip(options.certs, options.keys).enumerated().map { i, pair in
                    GatehouseConfiguration.TLS.Certificate(certificateFile: pair.0, keyFile: pair.1,
                                                           isDefault: i == 0)
                }
            }
            if !options.statics.isEmpty {
                c.staticMounts = try options.statics.map { try GatehouseConfiguration.StaticMount(parsing: $0) }
            }
            if !options.upstreams.isEmpty {
                let servers = try options.upstreams.map { try UpstreamAddress(parsing: $0) }
                if c.upstreams.isEmpty {
                    c.upstreams = [GatehouseConfiguration.Upstream(name: "app", servers: servers)]
                } else {
                    c.upstreams[0].servers = servers
                }
            }
            if let w = options.workers { c.server.workers = w }
            if let a = options.accessLog {
                c.log.access = a == "off" ? .off : a == "-" ? .standardOutput : .file(a)
            }
            if let level = options.logLevel.flatMap({ GatehouseConfiguration.Log.Level(rawValue: $0.lowercased()) }) {
                c.log.level = level
            }
        } catch let e as ConfigValueError {
            throw CommandLineError("\(e)")
        }
        let problems = c.validate()
        if !problems.isEmpty {
            throw CommandLineError(problems.map { "\($0)" }.joined(separator: "\n"))
        }
        return c
    }
}
