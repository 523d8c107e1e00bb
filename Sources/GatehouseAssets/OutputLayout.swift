import GatehouseManifest

/// Every URL path a build serves, which content it holds and whether it is immutable; and from the compression
/// results, the manifest and the list of physical files. Pure.
struct OutputLayout {
    struct Entry {
        var urlPath: String
        var file: FingerprintPlan.File
        var type: AssetType
        var immutable: Bool
        var jobKey: String { file.sha256 + "|" + "\(type.brotliMode)" }
    }

    /// A file to write into OUT.
    struct PhysicalFile {
        var path: String
        var bytes: [UInt8]
        var mtime: Int64
    }

    private(set) var entries: [String: Entry] = [:]
    let plan: FingerprintPlan
    private(set) var fingerprints: [String: String] = [:]

    /// Lays out the plan: each file under its own path, plus its own fingerprinted path. Django's hashed names are
    /// already their own source files, so they are not added twice.
    init(plan: FingerprintPlan, django: DjangoStaticFilesManifest) throws {
        self.plan = plan
        var fingerprints: [String: String] = [:]
        for path in plan.files.keys.sorted() {
            let file = plan.files[path]!
            let type = AssetType.of(path: path)
            try add(Entry(urlPath: path, file: file, type: type, immutable: file.isAlreadyHashed), origin: path)
            if let hashed = file.fingerprintedPath {
                fingerprints[path] = hashed
                if django.paths[path] == nil {
                    try add(Entry(urlPath: hashed, file: file, type: type, immutable: true), origin: path)
                }
            }
        }
        self.fingerprints = fingerprints
        for entry in entries.values where entry.type.isCompressible {
            for suffix in [".br", ".gz"] where entries[entry.urlPath + suffix] != nil {
                throw AssetPipelineError(.nameCollision,
                    "\(entry.urlPath + suffix): is a source file and also the name of a compressed variant of \(entry.urlPath)")
            }
        }
    }

    private mutating func add(_ entry: Entry, origin: String) throws {
        if let existing = entries[entry.urlPath] {
            guard existing.file.sha256 == entry.file.sha256 else {
                throw AssetPipelineError(.nameCollision,
                    "\(entry.urlPath): two different files would be served here (from \(existing.file.path) and \(origin))")
            }
            entries[entry.urlPath]?.immutable = existing.immutable || entry.immutable
            return
        }
        entries[entry.urlPath] = entry
    }

    /// Distinct contents worth compressing, largest first (better load balance), then by path.
    func compressionJobs(policy: CompressionPolicy) -> [CompressionJob] {
        var jobs: [String: CompressionJob] = [:]
        for entry in entries.values where policy.shouldCompress(entry.type, size: entry.file.content.count) {
            if jobs[entry.jobKey] == nil {
                jobs[entry.jobKey] = CompressionJob(key: entry.jobKey, sha256: entry.file.sha256,
                                                    content: entry.file.content, type: entry.type, paths: [])
            }
            jobs[entry.jobKey]!.paths.append(entry.urlPath)
        }
        return jobs.values.map { job in
            var job = job
            job.paths.sort()
            return job
        }.sorted { ($0.content.count, $1.paths[0]) > ($1.content.count, $0.paths[0]) }
    }

    /// The manifest for the given results.
    func manifest(results: [String: CompressedVariants]) -> AssetManifest {
        var files: [String: AssetEntry] = [:]
        for (urlPath, entry) in entries {
            let file = entry.file
            var variants: [String: AssetVariant] = [
                ContentCoding.identity.rawValue: AssetVariant(file: urlPath, size: Int64(file.content.count), sha256: file.sha256,
                                                              etag: AssetVariant.etag(forSHA256: file.sha256)),
            ]
            if let result = results[entry.jobKey] {
                if let br = result.br, let sha = result.brSHA256 {
                    variants[ContentCoding.br.rawValue] = AssetVariant(file: urlPath + ".br", size: Int64(br.count), sha256: sha,
                                                                       etag: AssetVariant.etag(forSHA256: sha))
                }
                if let gz = result.gzip, let sha = result.gzipSHA256 {
                    variants[ContentCoding.gzip.rawValue] = AssetVariant(file: urlPath + ".gz", size: Int64(gz.count), sha256: sha,
                                                                         etag: AssetVariant.etag(forSHA256: sha))
                }
            }
            files[urlPath] = AssetEntry(contentType: entry.type.contentType, immutable: entry.immutable,
                                        mtime: file.mtime, variants: variants)
        }
        return AssetManifest(files: files, fingerprints: fingerprints)
    }

    /// Every file to write, sorted by path.
    func physicalFiles(results: [String: CompressedVariants]) -> [PhysicalFile] {
        var out: [PhysicalFile] = []
        for (urlPath, entry) in entries {
            out.append(PhysicalFile(path: urlPath, bytes: entry.file.content, mtime: entry.file.mtime))
            if let result = results[entry.jobKey] {
                if let br = result.br { out.append(PhysicalFile(path: urlPath + ".br", bytes: br, mtime: entry.file.mtime)) }
                if let gz = result.gzip { out.append(PhysicalFile(path: urlPath + ".gz", bytes: gz, mtime: entry.file.mtime)) }
            }
        }
        return out.sorted { $0.path < $1.path }
    }

    /// Totals over source files (each once, under its own path).
    func summary(results: CompressionResults, written: Int, unchanged: Int, removed: Int, seconds: Double,
                 warnings: [String], manifestPath: String) -> AssetBuildSummary {
        let byKey = results.byKey
        var bytesIn: Int64 = 0, br: Int64 = 0, gz: Int64 = 0, brServed: Int64 = 0, gzServed: Int64 = 0
        var notCompressed = 0
        for path in plan.files.keys {
            guard let entry = entries[path] else { continue }
            let size = Int64(entry.file.content.count)
            bytesIn += size
            let result = byKey[entry.jobKey]
            if result == nil { notCompressed += 1 }
            let brSize = result?.br.map { Int64($0.count) }
            let gzSize = result?.gzip.map { Int64($0.count) }
            br += brSize ?? 0
            gz += gzSize ?? 0
            brServed += brSize ?? size
            gzServed += gzSize ?? size
        }
        func saving(_ served: Int64) -> Double {
            bytesIn == 0 ? 0 : (Double(bytesIn - served) / Double(bytesIn) * 10_000).rounded() / 10_000
        }
        return AssetBuildSummary(files: plan.files.count, servedPaths: entries.count, bytesIn: bytesIn,
                                 bytesOut: ["identity": bytesIn, "br": br, "gzip": gz],
                                 savings: ["br": saving(brServed), "gzip": saving(gzServed)],
                                 compressed: results.compressed, fromCache: results.fromCache,
                                 notCompressed: notCompressed, written: written, unchanged: unchanged,
                                 removed: removed, seconds: (seconds * 1000).rounded() / 1000,
                                 warnings: warnings, manifest: manifestPath)
    }
}
