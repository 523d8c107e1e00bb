/// Turns a parsed TOML document into a `GatehouseConfiguration`, collecting every problem instead of stopping at
/// the first: unknown keys, wrong types, malformed or out-of-range values, then the checks that span several keys
/// (`ConfigValidator`). Values that are wrong keep their defaults, so later checks still run.
enum ConfigDecoder {
    /// Decodes `root`; the context holds the diagnostics, the key lines and the keys the decoder asked for.
    static func decode(_ root: TOMLTable, fileName: String) -> (GatehouseConfiguration, ConfigDecodingContext) {
        let context = ConfigDecodingContext(fileName: fileName)
        let reader = TableReader(root, path: "", schemaPath: "", context: context)
        var config = GatehouseConfiguration()
        config.server = server(reader.section("server"))
        config.listen = listen(reader.section("listen"))
        config.tls = tls(reader.section("tls"))
        config.http = http(reader.section("http"))
        config.log = log(reader.section("log"))
        if let mounts = reader.tableArray("static") { config.staticMounts = mounts.compactMap(staticMount) }
        config.staticOptions = staticOptions(reader.section("static_options"))
        config.assets = assets(reader.section("assets"))
        config.proxy = proxy(reader.section("proxy"))
        if let pools = reader.tableArray("upstream") { config.upstreams = pools.map(upstream) }
        if let routes = reader.tableArray("route") { config.routes = routes.compactMap(route) }
        config.cache = cache(reader.section("cache"))
        config.admin = admin(reader.section("admin"))
        reader.finish()
        ConfigValidator(configuration: config, fileName: fileName, locate: context.line(for:))
            .problems().forEach { context.report(line: $0.line, key: $0.key, $0.message) }
        return (config, context)
    }

    static func server(_ r: TableReader) -> GatehouseConfiguration.Server {
        defer { r.finish() }
        var s = GatehouseConfiguration.Server()
        s.workers = r.read("workers", .integer(0...1024), default: s.workers)
        s.serverHeader = r.read("server_header", .string.checked(headerValueProblem), default: s.serverHeader)
        s.shutdownGrace = r.read("shutdown_grace", .duration(), default: s.shutdownGrace)
        return s
    }

    static func listen(_ r: TableReader) -> GatehouseConfiguration.Listen {
        defer { r.finish() }
        var l = GatehouseConfiguration.Listen()
        l.https = r.read("https", .list(of: .listenAddress, acceptsSingle: true), default: l.https)
        l.http = r.read("http", .list(of: .listenAddress, acceptsSingle: true), default: l.http)
        l.admin = r.read("admin", .optionalListenAddress, default: l.admin)
        return l
    }

    static func http(_ r: TableReader) -> GatehouseConfiguration.HTTP {
        defer { r.finish() }
        var h = GatehouseConfiguration.HTTP()
        h.maxRequestLine = r.read("max_request_line", .size(256...(1 << 20)), default: h.maxRequestLine)
        h.maxHeaderSize = r.read("max_header_size", .size(1024...(1 << 20)), default: h.maxHeaderSize)
        h.headerTimeout = r.read("header_timeout", .positiveDuration, default: h.headerTimeout)
        h.keepaliveTimeout = r.read("keepalive_timeout", .duration(), default: h.keepaliveTimeout)
        h.maxRequestsPerConnection = r.read("max_requests_per_connection", .integer(0...Int.max),
                                            default: h.maxRequestsPerConnection)
        h.hsts = r.read("hsts", .string.checked(hstsProblem), default: h.hsts)
        h.redirectHTTP = r.read("redirect_http", .bool, default: h.redirectHTTP)
        return h
    }

    static func log(_ r: TableReader) -> GatehouseConfiguration.Log {
        defer { r.finish() }
        typealias Log = GatehouseConfiguration.Log
        var l = Log()
        l.level = r.read("level", .oneOf(Log.Level.allCases.map { ($0.rawValue, $0) }), default: l.level)
        let access = ValueConverter<Log.AccessLog>.parsed("\"-\", \"off\" or a file path") { text in
            switch text {
            case "-": return .standardOutput
            case "off": return .off
            case "": throw ConfigValueError("use \"-\" for standard output or \"off\" for no access log")
            default: return .file(text)
            }
        }
        l.access = r.read("access", access, default: l.access)
        l.accessFormat = r.read("access_format", .oneOf(Log.AccessFormat.allCases.map { ($0.rawValue, $0) }),
                                default: l.accessFormat)
        return l
    }

    static func staticMount(_ r: TableReader) -> GatehouseConfiguration.StaticMount? {
        defer { r.finish() }
        let prefix = r.require("prefix", .urlPrefix, "write the URL prefix, like prefix = \"/static/\"")
        let directory = r.require("dir", .path("dir"), "write the build directory, like dir = \"assets-build\"")
        guard let prefix, let directory else { return nil }
        return GatehouseConfiguration.StaticMount(prefix: prefix, directory: directory)
    }

    static func staticOptions(_ r: TableReader) -> GatehouseConfiguration.StaticOptions {
        defer { r.finish() }
        var o = GatehouseConfiguration.StaticOptions()
        o.memoryMaxFile = r.read("memory_max_file", .size(), default: o.memoryMaxFile)
        o.memoryTotal = r.read("memory_total", .size(), default: o.memoryTotal)
        o.mutableCacheControl = r.read("mutable_cache_control", .string.checked(headerValueProblem),
                                       default: o.mutableCacheControl)
        o.reloadInterval = r.read("reload_interval", .duration(atLeast: .milliseconds(10)), default: o.reloadInterval)
        return o
    }

    static func assets(_ r: TableReader) -> GatehouseConfiguration.Assets {
        defer { r.finish() }
        var a = GatehouseConfiguration.Assets()
        a.source = r.read("src", .path("src"), default: a.source)
        a.output = r.read("out", .path("out"), default: a.output)
        a.fingerprintExtensions = r.read("fingerprint_extensions", .list(of: .fileExtension),
                                         default: a.fingerprintExtensions)
        a.minCompressSize = r.read("min_compress_size", .size(), default: a.minCompressSize)
        a.includeDotfiles = r.read("include_dotfiles", .bool, default: a.includeDotfiles)
        a.strict = r.read("strict", .bool, default: a.strict)
        return a
    }

    static func admin(_ r: TableReader) -> GatehouseConfiguration.Admin {
        defer { r.finish() }
        var a = GatehouseConfiguration.Admin()
        a.token = r.read("token", .string.checked(headerValueProblem), default: a.token)
        return a
    }

    /// Header values may not hold control characters (CR/LF would split the response).
    static func headerValueProblem(_ value: String) -> String? {
        value.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }
            ? "\"\(TOMLValue.escapeForMessage(value))\" contains control characters" : nil
    }

    /// `""` or a `Strict-Transport-Security` value starting with `max-age=SECONDS`.
    static func hstsProblem(_ value: String) -> String? {
        if value.isEmpty { return nil }
        if let problem = headerValueProblem(value) { return problem }
        let first = (value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingSpaces().lowercased()
        guard first.hasPrefix("max-age="), let seconds = first.dropFirst("max-age=".count).first,
              seconds.isNumber, first.dropFirst("max-age=".count).allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return "expected \"max-age=SECONDS\" optionally followed by \"; includeSubDomains\", or \"\" to disable, "
                + "got \"\(value)\""
        }
        return nil
    }
}
