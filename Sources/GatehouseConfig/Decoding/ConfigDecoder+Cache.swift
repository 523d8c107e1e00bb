extension ConfigDecoder {
    static func cache(_ r: TableReader) -> GatehouseConfiguration.Cache {
        defer { r.finish() }
        var c = GatehouseConfiguration.Cache()
        c.enabled = r.read("enabled", .bool, default: c.enabled)
        c.maxSize = r.read("max_size", .size(), default: c.maxSize)
        c.maxEntrySize = r.read("max_entry_size", .size(), default: c.maxEntrySize)
        let cookieName = ValueConverter<String>.string.checked { name in
            !name.isEmpty && !name.contains(where: { $0.isWhitespace || "=;,\"".contains($0) })
                ? nil : "\"\(TOMLValue.escapeForMessage(name))\" is not a cookie name"
        }
        c.sessionCookies = r.read("session_cookies", .list(of: cookieName), default: c.sessionCookies)
        c.statusHeader = r.read("status_header", .bool, default: c.statusHeader)
        c.lockTimeout = r.read("lock_timeout", .duration(), default: c.lockTimeout)
        c.staleWhileRevalidate = r.read("stale_while_revalidate", .duration(), default: c.staleWhileRevalidate)
        c.staleIfError = r.read("stale_if_error", .duration(), default: c.staleIfError)
        c.includeQuery = r.read("include_query", .bool, default: c.includeQuery)
        c.statuses = r.read("statuses", .list(of: .integer(100...599)), default: c.statuses)
        c.notFoundTTL = r.read("not_found_ttl", .duration(), default: c.notFoundTTL)
        if let rules = r.tableArray("rule") { c.rules = rules.compactMap(cacheRule) }
        return c
    }

    static func cacheRule(_ r: TableReader) -> GatehouseConfiguration.Cache.Rule? {
        defer { r.finish() }
        let prefix = r.read("prefix", .urlPrefix)
        let pattern = r.read("pattern", ValueConverter<String>.urlPrefix)
        let ttl = r.require("ttl", .duration(), "give the lifetime, like ttl = \"5m\"")
        let maxTTL = r.read("max_ttl", .duration())
        let hasPrefix = r.table["prefix"] != nil
        let hasPattern = r.table["pattern"] != nil
        if hasPrefix && hasPattern {
            r.context.report(line: r.table["pattern"]?.keyLine, key: r.keyPath("pattern"),
                             "give either prefix or pattern, not both")
            return nil
        }
        if !hasPrefix && !hasPattern {
            r.context.report(line: r.table.line, key: r.path,
                             "a rule needs prefix = \"/posts/\" or pattern = \"/posts/*/comments\"")
            return nil
        }
        let match: GatehouseConfiguration.Cache.Rule.Match
        if let prefix { match = .prefix(prefix) } else if let pattern { match = .pattern(pattern) } else { return nil }
        guard let ttl else { return nil }
        if let maxTTL, maxTTL < ttl {
            r.context.report(line: r.table["max_ttl"]?.value.line, key: r.keyPath("max_ttl"),
                             "must not be shorter than ttl (\(ttl)), got \(maxTTL)")
        }
        return GatehouseConfiguration.Cache.Rule(match: match, ttl: ttl, maxTTL: maxTTL)
    }
}
