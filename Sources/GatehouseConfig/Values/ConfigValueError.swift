/// Why a setting's text (from the file or a command-line flag) is not a valid value, e.g.
/// `"512KB" uses decimal units; write "512KiB"`. The message has no file, line or key: callers add those.
public struct ConfigValueError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the value.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
