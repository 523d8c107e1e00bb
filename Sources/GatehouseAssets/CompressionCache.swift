import GatehouseManifest
import GatehouseCompress

/// Compressed outputs from earlier builds, keyed by the SHA-256 of (settings, content hash). An unchanged file is
/// never compressed twice; a change of quality, window, mode or library version changes the key.
///
/// Layout: `DIR/v1/ab/abcdef….br|.gz`. Entries are written to a temporary name and renamed, and every hit is
/// decompressed and compared with the original before use, so a damaged entry is recompressed, never shipped.
/// After a successful build, entries the build did not use are removed (the cache holds one build's worth).
final class CompressionCache: @unchecked Sendable {
    let directory: String
    private let lock = Lock()
    private var used: Set<String> = []
    private var warnings: [String] = []

    init(directory: String) { self.directory = directory }

    /// The entry's file name for a key and encoding.
    private func entryPath(_ key: String, _ encoding: ContentCoding) -> String {
        "\(directory)/v1/\(key.prefix(2))/\(key).\(encoding == .br ? "br" : "gz")"
    }

    /// The cache key for `settings` + content hash.
    static func key(settings: String, contentSHA256: String) -> String {
        SHA256.hexDigest(Array((settings + "\n" + contentSHA256).utf8))
    }

    /// Returns a cached variant if present and it decodes to `original`.
    func load(key: String, encoding: ContentCoding, original: [UInt8]) -> [UInt8]? {
        let path = entryPath(key, encoding)
        guard let bytes = try? FileSystem.read(path) else { return nil }
        let decoded: [UInt8]?
        switch encoding {
        case .br: decoded = try? BrotliCodec.decompress(bytes, limit: original.count)
        case .gzip: decoded = try? GzipCodec.decompress(bytes, limit: original.count)
        case .identity: decoded = nil
        }
        guard decoded == original else {
            note("cache entry \(path) is damaged; recompressing")
            return nil
        }
        lock.withLock { _ = used.insert(path) }
        return bytes
    }

    /// Stores a variant; a failure only costs a recompression next time, so it is a warning.
    func store(key: String, encoding: ContentCoding, bytes: [UInt8]) {
        let path = entryPath(key, encoding)
        lock.withLock { _ = used.insert(path) }
        do {
            try FileSystem.makeDirectories(PathUtilities.directory(path))
            let temp = TemporaryName.make(for: path)
            try FileSystem.writeNew(temp, bytes, sync: false)
            do { try FileSystem.rename(temp, path) } catch { try? FileSystem.remove(temp); throw error }
        } catch {
            note("cannot write the compression cache: \(error)")
        }
    }

    /// Removes entries this build did not use (and stray temporary files).
    func prune() {
        let root = directory + "/v1"
        guard let shards = try? FileSystem.list(root) else { return }
        let keep = lock.withLock { used }
        for shard in shards {
            let dir = root + "/" + shard
            for name in (try? FileSystem.list(dir)) ?? [] where !keep.contains(dir + "/" + name) {
                try? FileSystem.remove(dir + "/" + name)
            }
            FileSystem.removeDirectoryIfEmpty(dir)
        }
    }

    /// Messages about damaged or unwritable entries, for the build's warnings.
    func drainWarnings() -> [String] { lock.withLock { let w = warnings; warnings = []; return w } }

    private func note(_ message: String) { lock.withLock { warnings.append(message) } }
}
