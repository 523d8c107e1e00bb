import Foundation
import GatehouseHTTP
import GatehouseManifest
import NIOCore

extension AssetIndex {
    /// Builds the index of `mount`'s build directory from its manifest. Blocking (reads the manifest, stats
    /// every variant, reads the ones kept in memory): run it off the event loop.
    ///
    /// Checks: the schema version is known, every key and variant path is a clean relative path inside the
    /// directory, every entry has an `identity` variant, every variant file exists, is a regular file inside the
    /// directory and has the size the manifest states. Hashes are not recomputed (the manifest is the truth;
    /// `gatehouse assets verify` checks them). Dotfile paths and the manifest itself are never indexed.
    ///
    /// - Parameter previous: the index being replaced; in-memory contents with the same SHA-256 and size are
    ///   reused instead of read again.
    /// - Throws: ``AssetIndexError`` naming the file and the problem.
    public static func build(mount: StaticMount, configuration: StaticConfiguration = StaticConfiguration(),
                             previous: AssetIndex? = nil) throws -> AssetIndex {
        guard let directory = PosixFile.realPath(mount.directory),
              case .success(let dirInfo) = PosixFile.stat(directory), dirInfo.isDirectory else {
            throw AssetIndexError(.directoryMissing, file: mount.directory)
        }
        let manifestPath = directory + "/" + AssetManifest.fileName
        let signature: FileSignature
        switch PosixFile.stat(manifestPath) {
        case .success(let info): signature = info.signature
        case .failure(let e) where e.code == ENOENT: throw AssetIndexError(.manifestMissing, file: manifestPath)
        case .failure(let e):
            throw AssetIndexError(.manifestUnreadable, file: manifestPath, detail: e.description)
        }
        let manifest = try readManifest(manifestPath)
        var builder = Builder(mount: mount, directory: directory, configuration: configuration, previous: previous)
        try builder.collect(manifest)
        try builder.loadMemory()
        return builder.finish(signature: signature)
    }

    /// Reads and decodes the manifest, checking the schema version before the rest.
    static func readManifest(_ path: String) throws -> AssetManifest {
        let bytes: ByteBuffer
        do {
            bytes = try PosixFile.readAll(path)
        } catch {
            throw AssetIndexError(.manifestUnreadable, file: path, detail: "\(error)")
        }
        let data = Data(bytes.readableBytesView)
        struct VersionProbe: Decodable { var version: Int }
        let decoder = JSONDecoder()
        let version: Int
        do {
            version = try decoder.decode(VersionProbe.self, from: data).version
        } catch {
            throw AssetIndexError(.badJSON, file: path, detail: describe(error))
        }
        guard version == AssetManifest.currentVersion else {
            throw AssetIndexError(.unknownSchemaVersion, file: path,
                                  detail: "version \(version), this server reads \(AssetManifest.currentVersion)")
        }
        do {
            return try decoder.decode(AssetManifest.self, from: data)
        } catch {
            throw AssetIndexError(.badJSON, file: path, detail: describe(error))
        }
    }

    /// A one-line description of a decoding error with its coding path.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case DecodingError.keyNotFound(let key, let ctx):
            return "missing key \"\(key.stringValue)\" at \(path(ctx.codingPath))"
        case DecodingError.typeMismatch(_, let ctx), DecodingError.valueNotFound(_, let ctx):
            return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        case DecodingError.dataCorrupted(let ctx):
            return "\(ctx.debugDescription) at \(path(ctx.codingPath))"
        default:
            return "\(error)"
        }
    }
}

/// The steps of ``AssetIndex/build(mount:configuration:previous:)``.
private struct Builder {
    struct PendingVariant {
        var coding: ContentCoding
        var variant: AssetVariant
        var absolutePath: String
    }
    struct PendingAsset {
        var key: String
        var entry: AssetEntry
        var variants: [PendingVariant]
    }

    let mount: StaticMount
    let directory: String
    let configuration: StaticConfiguration
    let previous: AssetIndex?
    var assets: [PendingAsset] = []
    var warnings: [String] = []
    var checkedFiles: [String: Int64] = [:]
    var buffers: [String: ByteBuffer] = [:]
    var memoryBytes = 0

    init(mount: StaticMount, directory: String, configuration: StaticConfiguration, previous: AssetIndex?) {
        self.mount = mount
        self.directory = directory
        self.configuration = configuration
        self.previous = previous
    }

    /// Validates every entry and variant file.
    mutating func collect(_ manifest: AssetManifest) throws {
        for key in manifest.files.keys.sorted() {
            guard let entry = manifest.files[key] else { continue }
            guard Self.isCleanRelativePath(key) else {
                throw AssetIndexError(.invalidEntry, file: key, detail: "not a clean relative path")
            }
            if Self.hasDotfileSegment(key) {
                warnings.append("\(key): dotfile, not served")
                continue
            }
            if key == AssetManifest.fileName {
                warnings.append("\(key): the manifest itself is never served")
                continue
            }
            guard entry.variants[ContentCoding.identity.rawValue] != nil else {
                throw AssetIndexError(.invalidEntry, file: key, detail: "no identity variant")
            }
            var variants: [PendingVariant] = []
            for name in entry.variants.keys.sorted() {
                guard let variant = entry.variants[name] else { continue }
                guard let coding = ContentCoding(rawValue: name) else {
                    warnings.append("\(key): unknown encoding \"\(name)\" ignored")
                    continue
                }
                guard let tag = EntityTag(variant.etag), !tag.isWeak else {
                    throw AssetIndexError(.invalidEntry, file: key, detail: "\(name) etag \(variant.etag) is not a strong entity tag")
                }
                guard variant.size >= 0 else {
                    throw AssetIndexError(.invalidEntry, file: key, detail: "\(name) size is negative")
                }
                let path = try checkFile(variant, key: key)
                variants.append(PendingVariant(coding: coding, variant: variant, absolutePath: path))
            }
            assets.append(PendingAsset(key: key, entry: entry, variants: variants))
        }
    }

    /// Checks a variant's file: clean relative path, exists, regular, inside the directory, size as stated.
    mutating func checkFile(_ variant: AssetVariant, key: String) throws -> String {
        guard Self.isCleanRelativePath(variant.file) else {
            throw AssetIndexError(.invalidEntry, file: key, detail: "variant file \"\(variant.file)\" is not a clean relative path")
        }
        guard variant.file != AssetManifest.fileName else {
            throw AssetIndexError(.invalidEntry, file: key, detail: "variant file is the manifest")
        }
        let path = directory + "/" + variant.file
        if let size = checkedFiles[path] {
            guard size == variant.size else { throw sizeMismatch(path, stated: variant.size, actual: size) }
            return path
        }
        let info: PosixFile.Info
        switch PosixFile.stat(path) {
        case .success(let i): info = i
        case .failure(let e) where e.code == ENOENT || e.code == ENOTDIR:
            throw AssetIndexError(.variantMissing, file: path, detail: "listed for \(key)")
        case .failure(let e):
            throw AssetIndexError(.readFailed, file: path, detail: e.description)
        }
        guard info.isRegular else { throw AssetIndexError(.variantNotRegularFile, file: path) }
        // A symlink may point anywhere: the resolved file must stay inside the build directory.
        if let real = PosixFile.realPath(path), real != path, !real.hasPrefix(directory + "/") {
            throw AssetIndexError(.variantOutsideDirectory, file: path, detail: "resolves to \(real)")
        }
        guard info.size == variant.size else { throw sizeMismatch(path, stated: variant.size, actual: info.size) }
        checkedFiles[path] = info.size
        return path
    }

    func sizeMismatch(_ path: String, stated: Int64, actual: Int64) -> AssetIndexError {
        AssetIndexError(.sizeMismatch, file: path, detail: "manifest says \(stated) bytes, file has \(actual)")
    }

    /// Loads the variants that fit the memory limits, smallest first; identical contents are held once and
    /// buffers of the previous index are reused.
    mutating func loadMemory() throws {
        var candidates: [String: PendingVariant] = [:]
        for asset in assets {
            for v in asset.variants where v.variant.size <= Int64(configuration.memoryMaxFile) {
                if candidates[v.variant.sha256] == nil { candidates[v.variant.sha256] = v }
            }
        }
        let ordered = candidates.values.sorted {
            ($0.variant.size, $0.variant.sha256) < ($1.variant.size, $1.variant.sha256)
        }
        for v in ordered {
            let size = Int(v.variant.size)
            guard memoryBytes + size <= configuration.memoryTotal else { break }
            if let reused = previous?.buffersBySHA256[v.variant.sha256], reused.readableBytes == size {
                buffers[v.variant.sha256] = reused
            } else {
                do {
                    buffers[v.variant.sha256] = try PosixFile.readAll(v.absolutePath, expectedSize: size)
                } catch PosixFile.ReadError.sizeChanged(let expected, let actual) {
                    throw sizeMismatch(v.absolutePath, stated: Int64(expected), actual: Int64(actual))
                } catch {
                    throw AssetIndexError(.readFailed, file: v.absolutePath, detail: "\(error)")
                }
            }
            memoryBytes += size
        }
    }

    /// Makes the representations, assets, directory aliases and redirects.
    func finish(signature: FileSignature) -> AssetIndex {
        var entries: [String: AssetIndex.Entry] = [:]
        entries.reserveCapacity(assets.count * 2)
        var dateTexts: [Int64: String] = [:]
        var fileBacked = 0
        var rng = SystemRandomNumberGenerator()
        let hex = Array("0123456789abcdef".utf8)
        let boundary = String(decoding: (0..<24).map { _ in hex[Int(rng.next() % 16)] }, as: UTF8.self)
        // The next build may rewrite a plain (mutable) name before its manifest is picked up, while a
        // fingerprinted name never changes content: disk-backed bytes are read from the fingerprinted copy of the
        // same content when there is one.
        var stablePaths: [String: String] = [:]
        for pending in assets where pending.entry.immutable {
            for v in pending.variants { stablePaths[v.variant.sha256] = v.absolutePath }
        }
        for pending in assets {
            let entry = pending.entry
            let vary = pending.variants.count > 1
            let cacheControl = entry.immutable ? configuration.immutableCacheControl : configuration.mutableCacheControl
            let contentType = entry.contentType.isEmpty ? "application/octet-stream" : entry.contentType
            let lastModifiedText: String
            if let t = dateTexts[entry.mtime] {
                lastModifiedText = t
            } else {
                lastModifiedText = HTTPDate.format(entry.mtime)
                dateTexts[entry.mtime] = lastModifiedText
            }
            var reps: [ContentCoding: StaticRepresentation] = [:]
            for v in pending.variants {
                let storage: StaticRepresentation.Storage
                if let buffer = buffers[v.variant.sha256], buffer.readableBytes == Int(v.variant.size) {
                    storage = .memory(buffer)
                } else {
                    storage = .file(path: stablePaths[v.variant.sha256] ?? v.absolutePath)
                    fileBacked += 1
                }
                reps[v.coding] = StaticRepresentation(
                    coding: v.coding, etag: v.variant.etag, size: v.variant.size, lastModified: entry.mtime,
                    lastModifiedText: lastModifiedText, storage: storage, contentType: contentType,
                    cacheControl: cacheControl, vary: vary)
            }
            guard let identity = reps[.identity] else { continue }  // checked in collect()
            let urlPath = mount.prefix + pending.key
            let asset = StaticAsset(urlPath: urlPath, manifestPath: pending.key, contentType: contentType,
                                    immutable: entry.immutable, identity: identity, gzip: reps[.gzip], br: reps[.br],
                                    multipartBoundary: boundary)
            entries[urlPath] = .asset(asset)
        }
        // Directory index files: `dir/` serves `dir/index.html`; `dir` redirects to `dir/`.
        for pending in assets {
            let key = pending.key
            guard key == "index.html" || key.hasSuffix("/index.html"),
                  case .asset(let asset)? = entries[mount.prefix + key] else { continue }
            let dirPath = mount.prefix + key.dropLast("index.html".count)  // ends with "/"
            if entries[dirPath] == nil { entries[dirPath] = .asset(asset) }
            let bare = String(dirPath.dropLast())
            if !bare.isEmpty, entries[bare] == nil {
                entries[bare] = .redirect(location: RequestPath.percentEncode(dirPath))
            }
        }
        return AssetIndex(mount: mount, directory: directory, manifestSignature: signature,
                          assetCount: assets.count, memoryBytes: memoryBytes, fileBackedCount: fileBacked,
                          warnings: warnings, entries: entries, buffersBySHA256: buffers)
    }

    /// A relative path of non-empty segments without `.`/`..`, backslash, NUL or control characters.
    static func isCleanRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment == "." || segment == ".." { return false }
            if segment.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }) { return false }
        }
        return true
    }

    /// True when a segment of `path` starts with `.`.
    static func hasDotfileSegment(_ path: String) -> Bool {
        path.split(separator: "/").contains { $0.hasPrefix(".") }
    }
}
