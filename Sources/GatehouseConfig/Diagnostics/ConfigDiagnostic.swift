/// One problem found in a config file, printed as `FILE:LINE: key: problem`, for example
/// `gatehouse.toml:12: http.max_header_size: expected a size like "16KiB", got true`.
public struct ConfigDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as given by the user (or `<command line>` for flags).
    public var file: String
    /// The 1-based line, when the problem belongs to one (an unreadable file has none).
    public var line: Int?
    /// The dotted key path such as `tls.certificate[0].key`, when the problem belongs to a key.
    public var key: String?
    /// What is wrong, in words.
    public var message: String

    /// Creates a diagnostic.
    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    /// `FILE:LINE: key: problem`, leaving out the parts that are absent.
    public var description: String {
        var out = file
        if let line { out += out.isEmpty ? "\(line)" : ":\(line)" }
        if !out.isEmpty { out += ": " }
        if let key { out += "\(key): " }
        return out + message
    }
}
