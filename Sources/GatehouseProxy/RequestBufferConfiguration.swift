/// How request bodies are buffered before anything is sent to uWSGI.
public struct RequestBufferConfiguration: Sendable {
    /// Bodies up to this size stay in memory; bigger ones are spooled to a file.
    public var memoryThreshold: Int
    /// `client_max_body_size`: a bigger body (declared or streamed) is refused with 413.
    public var maxBodySize: Int64
    /// Where spool files are created (must exist and be writable).
    public var spoolDirectory: String

    /// Creates a configuration. Defaults: 64 KiB in memory, 10 MiB maximum, spool in `/tmp`.
    public init(memoryThreshold: Int = 64 * 1024, maxBodySize: Int64 = 10 * 1024 * 1024,
                spoolDirectory: String = "/tmp") {
        self.memoryThreshold = memoryThreshold
        self.maxBodySize = maxBodySize
        self.spoolDirectory = spoolDirectory
    }
}
