/// One distinct content to compress (files with equal bytes and brotli mode share a job).
struct CompressionJob: Sendable {
    /// `sha256|mode`: identifies the job's results.
    var key: String
    var sha256: String
    var content: [UInt8]
    var type: AssetType
    /// URL paths served from this content, sorted; the first names the job in messages.
    var paths: [String]
}

/// The variants a job produced, after the keep-if-smaller rule (`nil` = not kept).
struct CompressedVariants: Sendable {
    var br: [UInt8]?
    var gzip: [UInt8]?
    var brSHA256: String?
    var gzipSHA256: String?
    /// How many of the two codecs were served from the cache (0…2).
    var cachedCount = 0
}

/// Collects job results from worker threads and counts progress.
final class CompressionResults: @unchecked Sendable {
    private let lock = Lock()
    private var results: [String: CompressedVariants] = [:]
    private var done = 0
    private var bytesDone: Int64 = 0
    private(set) var compressed = 0
    private(set) var fromCache = 0

    /// Records a finished job and returns the progress snapshot to report.
    func record(job: CompressionJob, variants: CompressedVariants, total: Int, bytesTotal: Int64,
                elapsed: Double) -> AssetBuildProgress {
        lock.withLock {
            results[job.key] = variants
            done += 1
            bytesDone += Int64(job.content.count)
            if variants.cachedCount == 2 { fromCache += 1 } else { compressed += 1 }
            return AssetBuildProgress(done: done, total: total, bytesDone: bytesDone, bytesTotal: bytesTotal,
                                      elapsed: elapsed, path: job.paths[0], fromCache: variants.cachedCount == 2,
                                      size: Int64(job.content.count), brotliSize: variants.br.map { Int64($0.count) },
                                      gzipSize: variants.gzip.map { Int64($0.count) })
        }
    }

    var byKey: [String: CompressedVariants] { lock.withLock { results } }
}
