/// One regular file read from SRC.
public struct SourceFile: Sendable, Equatable {
    /// Path relative to SRC, `/`-separated (the URL path it will be served at).
    public var path: String
    /// The file's bytes.
    public var content: [UInt8]
    /// Modification time in whole seconds since the epoch.
    public var mtime: Int64

    /// Creates a source file.
    public init(path: String, content: [UInt8], mtime: Int64) {
        self.path = path
        self.content = content
        self.mtime = mtime
    }
}
