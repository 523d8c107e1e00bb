/// A failure of the compression wrapper: a library call that failed, or an input that does not decode.
///
/// Decoding errors are expected for damaged files (a flipped byte in a `.gz`), so they carry a message and never trap.
public struct CompressionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Which codec reported the problem.
    public var codec: String
    /// What went wrong, in words.
    public var message: String

    /// Creates an error for `codec` (`"brotli"`, `"gzip"`).
    public init(codec: String, message: String) {
        self.codec = codec
        self.message = message
    }

    public var description: String { "\(codec): \(message)" }
}
