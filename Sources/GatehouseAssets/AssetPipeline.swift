import GatehouseCompress
import GatehouseManifest

/// `gatehouse assets build`: scan SRC, rewrite references and fingerprint, compress in parallel (through the
/// cache), stage every output under a temporary name, rename them into place, write the manifest last, then
/// remove what the previous manifest listed and this one does not.
///
/// Failure safety: every error before the commit removes the staged files, so OUT and its manifest stay exactly
/// as they were.
public struct AssetPipeline: Sendable {
    /// The settings of this build.
    public var configuration: AssetPipelineConfiguration

    /// Creates a pipeline.
    public init(configuration: AssetPipelineConfiguration) { self.configuration = configuration }

    /// Names the pipeline writes into OUT besides the assets; a source file may not use them.
    static let reservedNames: Set<String> = [AssetManifest.fileName, BuildLock.fileName, ".gatehouse-cache"]

    /// Runs a build.
    /// - Returns: what was done.
    /// - Throws: `AssetPipelineError`, with the path of the file at fault in its message.
    public func build(reporter: AssetBuildReporter? = nil) throws -> AssetBuildSummary {
        let start = System.monotonicSeconds()
        let config = configuration
        try config.validate()

        // Directories: SRC must exist; OUT and SRC must not contain each other.
        guard let source = FileSystem.realPath(config.source),
              let status = try FileSystem.status(source, followLinks: true), case .directory = status.kind else {
            throw AssetPipelineError(.io, "\(config.source): the source directory does not exist")
        }
        let output = FileSystem.absolutePath(config.output)
        if PathUtilities.isSameOrInside(output, source) || PathUtilities.isSameOrInside(source, output) {
            throw AssetPipelineError(.overlappingDirectories,
                "refusing to build: the output \(output) and the source \(source) must not contain each other")
        }
        try FileSystem.makeDirectories(output)
        let lock = try BuildLock(directory: output)
        defer { withExtendedLifetime(lock) {} }
        let cache = CompressionCache(directory: config.cacheDirectory.map(FileSystem.absolutePath) ?? output + "/.gatehouse-cache")

        // Scan and read.
        var warnings: [String] = []
        let entries = try SourceScanner(root: source, includeDotfiles: config.includeDotfiles).scan()
        let entryPaths = Set(entries.map(\.path))
        var sources: [SourceFile] = []
        for entry in entries {
            let ext = PathUtilities.fileExtension(entry.path).lowercased()
            if ext == "br" || ext == "gz", entryPaths.contains(String(entry.path.dropLast(ext.count + 1))) {
                warnings.append("\(entry.path): skipped, a precompressed sibling (the build makes its own)")
                continue
            }
            if Self.reservedNames.contains(entry.path.split(separator: "/").first.map(String.init) ?? "") {
                throw AssetPipelineError(.nameCollision, "\(entry.absolutePath): the name \(entry.path) is reserved for the build's own files")
            }
            let bytes = try FileSystem.read(entry.absolutePath)
            let mtime = try FileSystem.status(entry.absolutePath, followLinks: true)?.mtime ?? 0
            sources.append(SourceFile(path: entry.path, content: bytes, mtime: mtime))
        }

        // Django's names, if SRC is a collectstatic output.
        var django = DjangoStaticFilesManifest(paths: [:])
        if let djangoFile = sources.first(where: { $0.path == DjangoStaticFilesManifest.fileName }) {
            django = try DjangoStaticFilesManifest(json: djangoFile.content).restricted(to: Set(sources.map(\.path)))
        }

        // Plan names and contents.
        let plan = try FingerprintPlanner(fingerprintExtensions: config.fingerprintExtensions, django: django).plan(sources)
        if !plan.missing.isEmpty {
            let lines = plan.missing.map(\.description)
            if config.strict {
                throw AssetPipelineError(.missingReference,
                    "references to missing files (--strict):\n" + lines.map { "  " + $0 }.joined(separator: "\n"))
            }
            warnings.append(contentsOf: lines.map { "missing reference: " + $0 })
        }
        for warning in warnings { reporter?.warning(warning) }

        let layout = try OutputLayout(plan: plan, django: django)

        // Compress each distinct content once.
        let policy = CompressionPolicy(minimumSize: config.minimumCompressSize, keepRatio: config.keepRatio,
                                       brotliQuality: config.brotliQuality, gzipLevel: config.gzipLevel)
        let jobs = layout.compressionJobs(policy: policy)
        let results = CompressionResults()
        let bytesTotal = jobs.reduce(Int64(0)) { $0 + Int64($1.content.count) }
        reporter?.started(files: sources.count, jobs: jobs.count, bytes: bytesTotal)
        let workers = WorkerPool.workerCount(config.parallelism, jobs: jobs.count)
        let compressStart = System.monotonicSeconds()
        try WorkerPool.run(jobs: jobs.count, workers: workers) { index in
            let job = jobs[index]
            let variants = try Self.compress(job, policy: policy, cache: cache)
            let progress = results.record(job: job, variants: variants, total: jobs.count, bytesTotal: bytesTotal,
                                          elapsed: System.monotonicSeconds() - compressStart)
            reporter?.progressed(progress)
        }
        for warning in cache.drainWarnings() {
            warnings.append(warning)
            reporter?.warning(warning)
        }

        // Stage every output file, then commit: files first, the manifest last.
        let manifest = layout.manifest(results: results.byKey)
        let physical = layout.physicalFiles(results: results.byKey)
        let manifestBytes = try ManifestCodec.encode(manifest)
        let previous = try? ManifestCodec.load(buildDirectory: output)
        let previousUnreadable = previous == nil && FileSystem.realPath(output + "/" + AssetManifest.fileName) != nil

        let stager = OutputStager(root: output, sync: config.syncWrites)
        do {
            try stager.prepareDirectories(for: physical.map(\.path))
            try WorkerPool.run(jobs: physical.count, workers: WorkerPool.workerCount(config.parallelism, jobs: physical.count)) { index in
                let file = physical[index]
                try stager.stage(path: file.path, bytes: file.bytes, mtime: file.mtime)
            }
            try stager.commit()
        } catch {
            stager.abort()
            throw error
        }
        let manifestPath = output + "/" + AssetManifest.fileName
        let manifestTemp = TemporaryName.make(for: manifestPath)
        do {
            try FileSystem.writeNew(manifestTemp, manifestBytes, sync: config.syncWrites)
            try FileSystem.rename(manifestTemp, manifestPath)
            FileSystem.syncDirectory(output)
        } catch {
            try? FileSystem.remove(manifestTemp)
            throw error
        }

        // Only now is it safe to remove what the new manifest no longer lists.
        var removed = 0
        if let previous {
            removed = StaleFileRemover(root: output).remove(Set(previous.allFiles).subtracting(manifest.allFiles))
        } else if previousUnreadable {
            let warning = "the previous manifest could not be read; its stale files were not removed"
            warnings.append(warning)
            reporter?.warning(warning)
        }
        StaleFileRemover(root: output).removeTemporaryLeftovers(skipping: cache.directory)
        cache.prune()

        return layout.summary(results: results, written: stager.written, unchanged: stager.unchanged,
                              removed: removed, seconds: System.monotonicSeconds() - start,
                              warnings: warnings, manifestPath: manifestPath)
    }

    /// Brotli and gzip for one job, from the cache when possible.
    static func compress(_ job: CompressionJob, policy: CompressionPolicy, cache: CompressionCache) throws -> CompressedVariants {
        var out = CompressedVariants()
        let brKey = CompressionCache.key(settings: policy.brotliSettingsKey(job.type, size: job.content.count), contentSHA256: job.sha256)
        if let cached = cache.load(key: brKey, encoding: .br, original: job.content) {
            out.br = cached
            out.cachedCount += 1
        } else {
            do {
                out.br = try BrotliCodec.compress(job.content, quality: policy.brotliQuality, mode: job.type.brotliMode)
            } catch {
                throw AssetPipelineError(.compression, "\(job.paths[0]): \(error)")
            }
            cache.store(key: brKey, encoding: .br, bytes: out.br!)
        }
        let gzKey = CompressionCache.key(settings: policy.gzipSettingsKey(), contentSHA256: job.sha256)
        if let cached = cache.load(key: gzKey, encoding: .gzip, original: job.content) {
            out.gzip = cached
            out.cachedCount += 1
        } else {
            do {
                out.gzip = try GzipCodec.compressSmallest(job.content, level: policy.gzipLevel)
            } catch {
                throw AssetPipelineError(.compression, "\(job.paths[0]): \(error)")
            }
            cache.store(key: gzKey, encoding: .gzip, bytes: out.gzip!)
        }
        if let br = out.br, !policy.keeps(compressedSize: br.count, originalSize: job.content.count) { out.br = nil }
        if let gz = out.gzip, !policy.keeps(compressedSize: gz.count, originalSize: job.content.count) { out.gzip = nil }
        out.brSHA256 = out.br.map(SHA256.hexDigest)
        out.gzipSHA256 = out.gzip.map(SHA256.hexDigest)
        return out
    }
}
