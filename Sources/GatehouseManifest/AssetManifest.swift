/// The schema of `gatehouse-manifest.json`, written by `gatehouse assets build` (GatehouseAssets) and read by the
/// server (GatehouseStatic). The manifest is the truth about a build: only files it lists are served.
///
/// Paths are relative to the build directory, use `/` separators and never start with `/`
/// (`css/site.3f2a9c1b7d4e.css`). JSON is written with sorted keys so two builds of one tree are byte-identical.
public struct AssetManifest: Codable, Sendable, Equatable {
    /// The schema version this code reads and writes.
    public static let currentVersion = 1
    /// The manifest's file name inside the build directory.
    public static let fileName = "gatehouse-manifest.json"

    /// Schema version of this manifest; readers refuse versions they do not know.
    public var version: Int
    /// Every servable URL path (relative, no leading slash) → its entry. Both the plain and the fingerprinted
    /// name of a file are listed.
    public var files: [String: AssetEntry]
    /// Logical name → fingerprinted name (the role of Django's `staticfiles.json` "paths").
    public var fingerprints: [String: String]

    public init(version: Int = AssetManifest.currentVersion, files: [String: AssetEntry] = [:],
                fingerprints: [String: String] = [:]) {
        self.version = version
        self.files = files
        self.fingerprints = fingerprints
    }
}

/// One servable URL path and its representations.
public struct AssetEntry: Codable, Sendable, Equatable {
    /// Media type, with `; charset=utf-8` for text types.
    public var contentType: String
    /// True for fingerprinted names: their content never changes, so they may be cached for a year.
    public var immutable: Bool
    /// Modification time of the source file, whole seconds since the epoch (for `Last-Modified`).
    public var mtime: Int64
    /// Encoding (`identity`, `br`, `gzip`) → the file holding that representation. `identity` is always present.
    public var variants: [String: AssetVariant]

    public init(contentType: String, immutable: Bool, mtime: Int64, variants: [String: AssetVariant]) {
        self.contentType = contentType
        self.immutable = immutable
        self.mtime = mtime
        self.variants = variants
    }

    /// The variant for an encoding, if the build kept one.
    public func variant(_ encoding: ContentCoding) -> AssetVariant? { variants[encoding.rawValue] }
}

/// One stored representation of an asset.
public struct AssetVariant: Codable, Sendable, Equatable {
    /// Path of the file inside the build directory holding exactly these bytes.
    public var file: String
    /// Size in bytes.
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    /// Strong entity tag including the quotes, derived from `sha256` (`"` + first 20 hex digits + `"`).
    public var etag: String

    public init(file: String, size: Int64, sha256: String, etag: String) {
        self.file = file
        self.size = size
        self.sha256 = sha256
        self.etag = etag
    }

    /// The strong ETag the pipeline derives from a content hash.
    public static func etag(forSHA256 hex: String) -> String { "\"" + hex.prefix(20) + "\"" }
}

/// The content codings a build may hold, in server preference order for ties.
public enum ContentCoding: String, Codable, Sendable, CaseIterable, Comparable {
    case br
    case gzip
    case identity

    /// Tie-break rank: br > gzip > identity.
    public var preference: Int {
        switch self {
        case .br: return 3
        case .gzip: return 2
        case .identity: return 1
        }
    }

    public static func < (lhs: ContentCoding, rhs: ContentCoding) -> Bool { lhs.preference < rhs.preference }
}
