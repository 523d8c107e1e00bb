/// A certificate, key or chain that cannot be used, as one line naming the file and the problem,
/// e.g. `certs/x.pem: certificate expired on 2024-01-01 00:00:00 UTC`.
public struct CertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file at fault (as given by the caller, not resolved).
    public let file: String
    /// What is wrong with it, in plain words.
    public let problem: String

    /// Creates an error for `file` describing `problem`.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// `FILE: problem`.
    public var description: String { "\(file): \(problem)" }
}
