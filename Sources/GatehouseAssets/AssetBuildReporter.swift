/// Receives a build's progress. Methods are called from worker threads, concurrently: implementations synchronise.
public protocol AssetBuildReporter: Sendable {
    /// Compression is about to start on `jobs` distinct contents totalling `bytes`.
    func started(files: Int, jobs: Int, bytes: Int64)
    /// One content is done (compressed, or taken from the cache).
    func progressed(_ progress: AssetBuildProgress)
    /// Something the user should know that does not fail the build.
    func warning(_ message: String)
}

/// A snapshot of a build's progress, after one content finished.
public struct AssetBuildProgress: Sendable, Equatable {
    /// Contents finished so far.
    public var done: Int
    /// Contents to compress in total.
    public var total: Int
    /// Bytes of original content finished so far.
    public var bytesDone: Int64
    /// Bytes of original content in total.
    public var bytesTotal: Int64
    /// Seconds since compression started.
    public var elapsed: Double
    /// The (first) path of the content just finished.
    public var path: String
    /// True if its variants came from the cache.
    public var fromCache: Bool
    /// Size of the original.
    public var size: Int64
    /// Size of the kept brotli variant, if any.
    public var brotliSize: Int64?
    /// Size of the kept gzip variant, if any.
    public var gzipSize: Int64?

    /// Creates a snapshot.
    public init(done: Int, total: Int, bytesDone: Int64, bytesTotal: Int64, elapsed: Double, path: String,
                fromCache: Bool, size: Int64, brotliSize: Int64?, gzipSize: Int64?) {
        self.done = done
        self.total = total
        self.bytesDone = bytesDone
        self.bytesTotal = bytesTotal
        self.elapsed = elapsed
        self.path = path
        self.fromCache = fromCache
        self.size = size
        self.brotliSize = brotliSize
        self.gzipSize = gzipSize
    }

    /// Estimated seconds left, from the byte rate so far; nil before there is a rate.
    public var estimatedSecondsLeft: Double? {
        guard bytesDone > 0, elapsed > 0 else { return nil }
        return Double(bytesTotal - bytesDone) * elapsed / Double(bytesDone)
    }
}
