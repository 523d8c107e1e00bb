extension ConfigDecoder {
    static func tls(_ r: TableReader) -> GatehouseConfiguration.TLS {
        defer { r.finish() }
        typealias TLS = GatehouseConfiguration.TLS
        var t = TLS()
        let versions = TLS.ProtocolVersion.allCases.map { ($0.rawValue, $0) }
        t.minVersion = r.read("min_version", .oneOf(versions), default: t.minVersion)
        t.ciphers = r.read("ciphers", .opensslList(allowsEmpty: true), default: t.ciphers)
        t.ciphersuites = r.read("ciphersuites", .opensslList(allowsEmpty: true), default: t.ciphersuites)
        t.groups = r.read("groups", .opensslList(allowsEmpty: false), default: t.groups)
        let protocolName = ValueConverter<String>.string.checked { name in
            (1...255).contains(name.utf8.count) ? nil : "an ALPN protocol name must be 1 to 255 bytes"
        }
        t.alpn = r.read("alpn", .list(of: protocolName).checked { $0.isEmpty ? "must list at least one protocol" : nil },
                        default: t.alpn)
        t.rejectUnknownNames = r.read("reject_unknown_names", .bool, default: t.rejectUnknownNames)
        t.handshakeTimeout = r.read("handshake_timeout", .positiveDuration, default: t.handshakeTimeout)
        t.sessionTickets = r.read("session_tickets", .bool, default: t.sessionTickets)
        t.ticketKeyRotation = r.read("ticket_key_rotation", .duration(atLeast: .seconds(1)),
                                     default: t.ticketKeyRotation)
        t.ticketKeysKept = r.read("ticket_keys_kept", .integer(1...16), default: t.ticketKeysKept)
        t.sessionCacheSize = r.read("session_cache_size", .integer(0...(1 << 24)), default: t.sessionCacheSize)
        t.sessionTimeout = r.read("session_timeout", .duration(atLeast: .seconds(1)), default: t.sessionTimeout)
        t.watch = r.read("watch", .bool, default: t.watch)
        t.pollInterval = r.read("poll_interval", .duration(), default: t.pollInterval)
        t.debounce = r.read("debounce", .duration(), default: t.debounce)
        t.expiryWarning = r.read("expiry_warning", .duration(), default: t.expiryWarning)
        if let pairs = r.tableArray("certificate") { t.certificates = pairs.map(certificate) }
        return t
    }

    static func certificate(_ r: TableReader) -> GatehouseConfiguration.TLS.Certificate {
        defer { r.finish() }
        let cert = r.require("cert", .path("cert"), "name the certificate's PEM file, like cert = \"certs/site.pem\"")
        let key = r.require("key", .path("key"), "name the private key's PEM file, like key = \"certs/site-key.pem\"")
        let chain = r.read("chain", ValueConverter<String>.string.checked {
            $0.contains("\0") ? "chain contains a NUL byte" : nil
        })
        let names = r.read("names", .list(of: .serverName), default: [])
        let isDefault = r.read("default", .bool, default: false)
        // A pair with a missing file is still returned (its problem is reported), so that checks over all pairs
        // do not add a second, misleading problem such as "at least one certificate is required".
        return GatehouseConfiguration.TLS.Certificate(
            certificateFile: cert ?? "", keyFile: key ?? "", chainFile: chain?.isEmpty == false ? chain : nil,
            names: names, isDefault: isDefault)
    }
}
