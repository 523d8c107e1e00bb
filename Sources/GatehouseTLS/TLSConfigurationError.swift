/// The TLS policy could not be turned into an OpenSSL context (a bad cipher list, group or version).
public struct TLSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was refused, e.g. `cipher list 'FOO' is not usable`.
    public let problem: String
    /// OpenSSL's error queue at the time.
    public let openSSLErrors: [OpenSSLErrorEntry]

    /// Creates an error for `problem`.
    public init(problem: String, openSSLErrors: [OpenSSLErrorEntry] = []) {
        self.problem = problem
        self.openSSLErrors = openSSLErrors
    }

    /// `TLS configuration: problem`.
    public var description: String { "TLS configuration: \(problem)" }
}
