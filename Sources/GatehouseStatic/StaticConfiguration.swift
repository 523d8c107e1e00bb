import NIOHTTP1

/// Tunables of the static file server. Every field has a default, so `StaticConfiguration()` is complete.
public struct StaticConfiguration: Sendable, Equatable {
    /// Largest variant held in memory; larger ones are streamed from disk. Default 256 KiB.
    public var memoryMaxFile: Int
    /// Memory budget per mount for variant bytes held in memory (identical contents are held once).
    /// Default 256 MiB. Variants that do not fit are streamed from disk.
    public var memoryTotal: Int
    /// `Cache-Control` for files that are not fingerprinted. Default `public, max-age=60`.
    public var mutableCacheControl: String
    /// `Cache-Control` for fingerprinted (immutable) files. Default `public, max-age=31536000, immutable`.
    public var immutableCacheControl: String
    /// Most ranges served in one multipart response; more are answered whole (200). Default 16.
    public var maxRanges: Int
    /// Status for the `/dir` → `/dir/` redirect: 301 (default) or 308.
    public var directoryRedirectStatus: HTTPResponseStatus

    /// Makes a configuration; every argument has the documented default.
    public init(memoryMaxFile: Int = 256 * 1024, memoryTotal: Int = 256 * 1024 * 1024,
                mutableCacheControl: String = "public, max-age=60",
                immutableCacheControl: String = "public, max-age=31536000, immutable",
                maxRanges: Int = 16, directoryRedirectStatus: HTTPResponseStatus = .movedPermanently) {
        self.memoryMaxFile = memoryMaxFile
        self.memoryTotal = memoryTotal
        self.mutableCacheControl = mutableCacheControl
        self.immutableCacheControl = immutableCacheControl
        self.maxRanges = maxRanges
        self.directoryRedirectStatus = directoryRedirectStatus
    }
}
