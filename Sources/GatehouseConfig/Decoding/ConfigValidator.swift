/// The checks that span several keys: listeners that clash or are not loopback, duplicate prefixes and names,
/// routes to unknown upstreams, limits that contradict each other. Works on the decoded model, so it also serves
/// configurations changed by command-line flags (`GatehouseConfiguration.validate()`).
struct ConfigValidator {
    let configuration: GatehouseConfiguration
    let fileName: String
    /// The line of a dotted key path, when known.
    let locate: (String) -> Int?

    func problems() -> [ConfigDiagnostic] {
        var out: [ConfigDiagnostic] = []
        func report(_ key: String, _ message: String) {
            out.append(ConfigDiagnostic(file: fileName, line: locate(key), key: key, message: message))
        }
        func lineNote(_ key: String) -> String {
            locate(key).map { " (line \($0))" } ?? ""
        }
        let c = configuration

        // Listeners.
        if c.listen.https.isEmpty { report("listen.https", "at least one HTTPS listener is required") }
        if let admin = c.listen.admin, !admin.isLoopback {
            report("listen.admin", "the admin listener must be on a loopback address (127.0.0.1, [::1] or "
                + "localhost), got \"\(admin)\"")
        }
        var seenAddresses: [ListenAddress: String] = [:]
        let listeners = c.listen.https.map { ($0, "listen.https") } + c.listen.http.map { ($0, "listen.http") }
            + (c.listen.admin.map { [($0, "listen.admin")] } ?? [])
        for (address, key) in listeners {
            if let first = seenAddresses[address] {
                report(key, "\(address) is already used by \(first)")
            } else {
                seenAddresses[address] = key
            }
        }

        // Certificates.
        if c.tls.certificates.isEmpty { report("tls.certificate", "at least one [[tls.certificate]] is required") }
        var firstDefault: Int? = nil
        for (index, pair) in c.tls.certificates.enumerated() where pair.isDefault {
            if let first = firstDefault {
                report("tls.certificate[\(index)].default", "only one certificate can be the default; "
                    + "tls.certificate[\(first)] already is\(lineNote("tls.certificate[\(first)].default"))")
            } else {
                firstDefault = index
            }
        }

        // Static mounts.
        var prefixes: [String: Int] = [:]
        for (index, mount) in c.staticMounts.enumerated() {
            if let first = prefixes[mount.prefix] {
                report("static[\(index)].prefix", "\"\(mount.prefix)\" is already mounted by static[\(first)]"
                    + lineNote("static[\(first)].prefix"))
            } else {
                prefixes[mount.prefix] = index
            }
        }
        if c.staticOptions.memoryMaxFile > c.staticOptions.memoryTotal {
            report("static_options.memory_max_file",
                   "must not be larger than static_options.memory_total (\(c.staticOptions.memoryTotal)), "
                    + "got \(c.staticOptions.memoryMaxFile)")
        }

        // Upstreams and routes.
        var names: [String: Int] = [:]
        for (index, pool) in c.upstreams.enumerated() {
            if let first = names[pool.name] {
                report("upstream[\(index)].name", "an upstream named \"\(pool.name)\" is already defined by "
                    + "upstream[\(first)]\(lineNote("upstream[\(first)]"))")
            } else {
                names[pool.name] = index
            }
        }
        var routePrefixes: [String: Int] = [:]
        for (index, route) in c.routes.enumerated() {
            if names[route.upstream] == nil {
                let known = c.upstreams.isEmpty
                    ? "no [[upstream]] is defined"
                    : "known: " + c.upstreams.map { "\"\($0.name)\"" }.joined(separator: ", ")
                report("route[\(index)].upstream", "unknown upstream \"\(route.upstream)\" (\(known))")
            }
            if let first = routePrefixes[route.prefix] {
                report("route[\(index)].prefix", "\"\(route.prefix)\" is already routed by route[\(first)]"
                    + lineNote("route[\(first)].prefix"))
            } else {
                routePrefixes[route.prefix] = index
            }
        }

        // Cache.
        if c.cache.maxEntrySize > c.cache.maxSize {
            report("cache.max_entry_size", "must not be larger than cache.max_size (\(c.cache.maxSize)), "
                + "got \(c.cache.maxEntrySize)")
        }
        return out
    }
}
