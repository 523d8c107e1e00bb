extension CertificateWatcher {
    /// Prometheus text: `gatehouse_tls_certificate_expiry_timestamp_seconds{name}` (the notAfter of the pair
    /// serving each name; the earliest when several pairs serve it, e.g. RSA and ECDSA),
    /// `gatehouse_tls_reloads_total` (pairs swapped in) and `gatehouse_tls_reload_failures_total` (pairs refused).
    /// Reads the published snapshot and two atomics: callable from any thread, never blocks.
    public func metricsText() -> String {
        var expiry: [String: Int64] = [:]
        for pair in store.snapshot.pairs {
            for name in pair.names {
                expiry[name] = min(expiry[name] ?? .max, pair.notAfter)
            }
        }
        var out = "# HELP gatehouse_tls_certificate_expiry_timestamp_seconds notAfter of the certificate serving each name.\n"
        out += "# TYPE gatehouse_tls_certificate_expiry_timestamp_seconds gauge\n"
        for (name, notAfter) in expiry.sorted(by: { $0.key < $1.key }) {
            out += "gatehouse_tls_certificate_expiry_timestamp_seconds{name=\"\(Self.escapeLabel(name))\"} \(notAfter)\n"
        }
        out += "# HELP gatehouse_tls_reloads_total Certificate pairs validated and swapped in without a restart.\n"
        out += "# TYPE gatehouse_tls_reloads_total counter\n"
        out += "gatehouse_tls_reloads_total \(reloadCount)\n"
        out += "# HELP gatehouse_tls_reload_failures_total Certificate pairs refused on reload (the previous pair kept serving).\n"
        out += "# TYPE gatehouse_tls_reload_failures_total counter\n"
        out += "gatehouse_tls_reload_failures_total \(failureCount)\n"
        return out
    }

    static func escapeLabel(_ value: String) -> String {
        var out = ""
        for ch in value {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
