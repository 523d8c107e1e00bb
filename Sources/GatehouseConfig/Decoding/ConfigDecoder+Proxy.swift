extension ConfigDecoder {
    static func proxy(_ r: TableReader) -> GatehouseConfiguration.Proxy {
        defer { r.finish() }
        var p = GatehouseConfiguration.Proxy()
        p.clientMaxBodySize = r.read("client_max_body_size", .size(), default: p.clientMaxBodySize)
        p.bodyMemoryThreshold = r.read("body_memory_threshold", .size(), default: p.bodyMemoryThreshold)
        p.responseMemoryThreshold = r.read("response_memory_threshold", .size(), default: p.responseMemoryThreshold)
        let spool = r.read("spool_dir", ValueConverter<String>.string.checked {
            $0.contains("\0") ? "spool_dir contains a NUL byte" : nil
        })
        if let spool { p.spoolDirectory = spool.isEmpty ? nil : spool }
        p.bodyTimeout = r.read("body_timeout", .positiveDuration, default: p.bodyTimeout)
        p.minBodyRate = r.read("min_body_rate", .size(), default: p.minBodyRate)
        p.trustForwardedFrom = r.read("trust_forwarded_from", .list(of: .networkRange, acceptsSingle: true),
                                      default: p.trustForwardedFrom)
        p.documentRoot = r.read("document_root", .string.checked(headerValueProblem), default: p.documentRoot)
        return p
    }

    static func upstream(_ r: TableReader) -> GatehouseConfiguration.Upstream {
        defer { r.finish() }
        let nameConverter = ValueConverter<String>.string.checked { name in
            !name.isEmpty && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
                ? nil : "an upstream name uses letters, digits, \"-\", \"_\" and \".\", got \"\(name)\""
        }
        let name = r.read("name", nameConverter, default: "app")
        let servers = r.require(
            "servers",
            ValueConverter<[UpstreamAddress]>.list(of: .upstreamAddress, acceptsSingle: true).checked {
                $0.isEmpty ? "list at least one backend, like [\"unix:/run/app/uwsgi.sock\"]" : nil
            },
            "list the backends, like servers = [\"unix:/run/app/uwsgi.sock\"]")
        var u = GatehouseConfiguration.Upstream(name: name, servers: servers ?? [])
        u.maxConnections = r.read("max_conns", .integer(0...Int.max), default: u.maxConnections)
        u.queueSize = r.read("queue_size", .integer(0...Int.max), default: u.queueSize)
        u.queueTimeout = r.read("queue_timeout", .positiveDuration, default: u.queueTimeout)
        u.bufferSize = r.read("buffer_size", .size(512...65535), default: u.bufferSize)
        u.connectTimeout = r.read("connect_timeout", .positiveDuration, default: u.connectTimeout)
        u.readTimeout = r.read("read_timeout", .positiveDuration, default: u.readTimeout)
        u.failTimeout = r.read("fail_timeout", .duration(), default: u.failTimeout)
        // Returned even when `servers` is wrong (already reported), so routes naming it are not reported too.
        return u
    }

    static func route(_ r: TableReader) -> GatehouseConfiguration.Route? {
        defer { r.finish() }
        let prefix = r.require("prefix", .urlPrefix, "write the URL prefix, like prefix = \"/api/\"")
        let upstream = r.require("upstream", .nonEmptyString("upstream"),
                                 "name an [[upstream]], like upstream = \"app\"")
        guard let prefix, let upstream else { return nil }
        return GatehouseConfiguration.Route(prefix: prefix, upstream: upstream)
    }
}
