import CGatehouseOpenSSL

/// One entry of OpenSSL's thread-local error queue, kept as text so it can be logged and compared.
public struct OpenSSLErrorEntry: Sendable, Hashable, CustomStringConvertible {
    /// The packed OpenSSL error code (`ERR_get_error`).
    public let code: UInt
    /// OpenSSL's one-line rendering, e.g. `error:0A00010B:SSL routines::wrong version number`.
    public let description: String
}

/// Helpers around OpenSSL's error queue. The queue is per thread (and event loops are threads), so it is
/// cleared before every OpenSSL call whose failure we inspect, and drained right after a failure.
enum OpenSSLErrorQueue {
    /// Empties the queue so stale entries cannot be mistaken for the next call's failure.
    static func clear() {
        ERR_clear_error()
    }

    /// Removes and returns every entry on the queue, oldest first.
    static func drain() -> [OpenSSLErrorEntry] {
        var entries: [OpenSSLErrorEntry] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &text, text.count)
            entries.append(OpenSSLErrorEntry(code: code, description: String(cString: text)))
        }
        return entries
    }

    /// The reason text of the newest entry (e.g. `wrong version number`), draining the queue; nil when empty.
    static func drainReason() -> String? {
        let entries = drain()
        guard let last = entries.last else { return nil }
        if let reason = ERR_reason_error_string(last.code) { return String(cString: reason) }
        return last.description
    }
}
