/// Converters for Gatehouse's own value types.
extension ValueConverter where T == ListenAddress {
    static var listenAddress: ValueConverter<ListenAddress> {
        .parsed("an address like \"127.0.0.1:8443\"") { try ListenAddress(parsing: $0) }
    }
}

extension ValueConverter where T == ListenAddress? {
    /// `""` for none, else an address.
    static var optionalListenAddress: ValueConverter<ListenAddress?> {
        .parsed("an address like \"127.0.0.1:9000\" or \"\"") { $0.isEmpty ? nil : try ListenAddress(parsing: $0) }
    }
}

extension ValueConverter where T == UpstreamAddress {
    static var upstreamAddress: ValueConverter<UpstreamAddress> {
        .parsed("a backend like \"unix:/run/app.sock\" or \"127.0.0.1:3031\"", UpstreamAddress.init(parsing:))
    }
}

extension ValueConverter where T == NetworkRange {
    static var networkRange: ValueConverter<NetworkRange> {
        .parsed("a network like \"10.0.0.0/8\"", NetworkRange.init(parsing:))
    }
}

extension ValueConverter where T == String {
    /// A URL path prefix (`/static/`).
    static var urlPrefix: ValueConverter<String> {
        string.checked(URLPrefix.problem)
    }

    /// An OpenSSL colon-separated list (cipher strings, groups); `""` allowed when `allowsEmpty`.
    static func opensslList(allowsEmpty: Bool) -> ValueConverter<String> {
        string.checked { text in
            if text.isEmpty { return allowsEmpty ? nil : "must not be empty" }
            let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+!@=.:")
            guard let bad = text.first(where: { !allowed.contains($0) }) else { return nil }
            return "\"\(TOMLValue.escapeForMessage(text))\" is not an OpenSSL list (unexpected \"\(bad)\"); "
                + "separate names with \":\""
        }
    }

    /// A server name for SNI: a DNS name, optionally starting with `*.`.
    static var serverName: ValueConverter<String> {
        string.checked { name in
            HostName.isValid(name, allowWildcard: true) && !name.contains(":")
                ? nil : "\"\(TOMLValue.escapeForMessage(name))\" is not a server name like \"example.com\" or \"*.example.com\""
        }.map { $0.lowercased() }
    }

    /// A file extension without the dot, folded to lower case.
    static var fileExtension: ValueConverter<String> {
        string.checked { ext in
            if ext.hasPrefix(".") { return "write extensions without the dot, like \"\(ext.dropFirst())\"" }
            if ext.isEmpty || ext.contains("/") || ext.contains(where: \.isWhitespace) {
                return "\"\(TOMLValue.escapeForMessage(ext))\" is not a file extension"
            }
            return nil
        }.map { $0.lowercased() }
    }

    /// A path on disk (not checked for existence); must not be empty or contain NUL.
    static func path(_ what: String) -> ValueConverter<String> {
        string.checked { path in
            if path.isEmpty { return "\(what) must not be empty" }
            return path.contains("\0") ? "\(what) contains a NUL byte" : nil
        }
    }
}
