/// Why the uwsgi variables of a request could not be built (each maps to 400 Bad Request).
public struct UWSGIVarsError: Error, Equatable, CustomStringConvertible {
    /// The problem.
    public enum Code: Equatable, Sendable {
        /// `%` not followed by two hex digits.
        case invalidPercentEncoding
        /// The decoded path contains a NUL byte.
        case nulInPath
        /// `..` segments climb above the root.
        case pathEscapesRoot
        /// The path does not start with `/`.
        case pathNotAbsolute
    }

    /// The problem.
    public var code: Code

    /// Creates an error.
    public init(_ code: Code) { self.code = code }

    public var description: String {
        switch code {
        case .invalidPercentEncoding: return "request path has an invalid percent-encoding"
        case .nulInPath: return "request path decodes to a NUL byte"
        case .pathEscapesRoot: return "request path climbs above the root with '..'"
        case .pathNotAbsolute: return "request path does not start with '/'"
        }
    }
}
