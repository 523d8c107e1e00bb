/// A proxy setting that cannot be used (bad address, bad CIDR, impossible limit).
public struct ProxyConfigurationError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, naming the offending value.
    public var message: String

    /// Creates an error with `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
