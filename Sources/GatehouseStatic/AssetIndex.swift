import GatehouseManifest
import NIOCore

/// An immutable snapshot of one build directory, ready to serve: URL path → asset (or directory redirect),
/// with small variants held in memory and every header value pre-encoded.
///
/// Build it with ``build(mount:configuration:previous:)`` off the event loop (it reads files), then publish it
/// with ``StaticResponder/swap(_:)``. Lookups are a single dictionary access.
public final class AssetIndex: Sendable {
    /// What a URL path resolves to.
    public enum Entry: Sendable {
        /// A listed file (for a directory path, its `index.html`).
        case asset(StaticAsset)
        /// A directory named without its trailing slash: redirect to this (percent-encoded) path.
        case redirect(location: String)
    }

    /// The mount this index serves.
    public let mount: StaticMount
    /// The build directory, resolved to an absolute path.
    public let directory: String
    /// The manifest's signature when it was read (nil for an empty index); the watcher compares against it.
    public let manifestSignature: FileSignature?
    /// Number of servable URL paths (directory aliases not counted).
    public let assetCount: Int
    /// Bytes of variant contents held in memory.
    public let memoryBytes: Int
    /// Number of representations streamed from disk because they are too large or over the memory budget.
    public let fileBackedCount: Int
    /// Entries skipped while building (dotfiles, unknown encodings…), for the log.
    public let warnings: [String]
    /// URL path (mount prefix included) → entry.
    let entries: [String: Entry]
    /// In-memory contents by SHA-256, so a rebuild can reuse unchanged buffers instead of reading them again.
    let buffersBySHA256: [String: ByteBuffer]

    init(mount: StaticMount, directory: String, manifestSignature: FileSignature?, assetCount: Int,
         memoryBytes: Int, fileBackedCount: Int, warnings: [String], entries: [String: Entry],
         buffersBySHA256: [String: ByteBuffer]) {
        self.mount = mount
        self.directory = directory
        self.manifestSignature = manifestSignature
        self.assetCount = assetCount
        self.memoryBytes = memoryBytes
        self.fileBackedCount = fileBackedCount
        self.warnings = warnings
        self.entries = entries
        self.buffersBySHA256 = buffersBySHA256
    }

    /// An index that serves nothing (before the first build exists).
    public static func empty(mount: StaticMount) -> AssetIndex {
        AssetIndex(mount: mount, directory: mount.directory, manifestSignature: nil, assetCount: 0, memoryBytes: 0,
                   fileBackedCount: 0, warnings: [], entries: [:], buffersBySHA256: [:])
    }

    /// The entry for a normalised URL path (mount prefix included), if the manifest lists it.
    public func entry(for urlPath: String) -> Entry? {
        entries[urlPath]
    }

    /// The asset for a normalised URL path, following directory index entries but not redirects.
    public func asset(for urlPath: String) -> StaticAsset? {
        if case .asset(let a)? = entries[urlPath] { return a }
        return nil
    }
}

extension AssetIndex {
    /// The manifest's file name inside a build directory.
    public static var manifestFileName: String { AssetManifest.fileName }
}
