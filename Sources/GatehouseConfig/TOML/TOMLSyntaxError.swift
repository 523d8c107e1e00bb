/// A TOML syntax error: the 1-based line and what is wrong there. Parsing stops at the first one.
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line the problem was found on.
    public var line: Int
    /// What is wrong, in words (no line prefix).
    public var message: String

    /// Creates an error.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `LINE: message`.
    public var description: String { "\(line): \(message)" }
}
