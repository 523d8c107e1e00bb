import GatehouseCompress

/// What the pipeline knows about a file from its extension: media type, whether it is text, whether compressing it
/// is worth trying, and whether its references are rewritten.
public struct AssetType: Sendable, Equatable {
    /// How references inside a file are found.
    public enum ReferenceSyntax: Sendable, Equatable {
        /// No references are rewritten.
        case none
        /// CSS: `url(…)`, `@import`, and the `sourceMappingURL` comment.
        case css
        /// JavaScript: the `sourceMappingURL` comment.
        case javaScript
    }

    /// Media type without parameters (`text/css`).
    public var mediaType: String
    /// Text types are served with `; charset=utf-8`.
    public var isText: Bool
    /// False for formats that are already compressed (images, fonts, archives, media).
    public var isCompressible: Bool
    /// Which reference syntax the file uses.
    public var references: ReferenceSyntax
    /// The hint given to the brotli encoder.
    public var brotliMode: BrotliCodec.Mode

    /// The `Content-Type` header value.
    public var contentType: String { isText ? mediaType + "; charset=utf-8" : mediaType }

    /// The type of a file, from the extension of its name (case-insensitive). Unknown types are binary and
    /// compressible (the keep-if-smaller rule still applies).
    public static func of(path: String) -> AssetType {
        let ext = PathUtilities.fileExtension(path).lowercased()
        if let known = table[ext] { return known }
        return AssetType(mediaType: "application/octet-stream", isText: false, isCompressible: true,
                         references: .none, brotliMode: .generic)
    }

    private static func text(_ media: String, _ refs: ReferenceSyntax = .none) -> AssetType {
        AssetType(mediaType: media, isText: true, isCompressible: true, references: refs, brotliMode: .text)
    }

    private static func binary(_ media: String, compressible: Bool, mode: BrotliCodec.Mode = .generic) -> AssetType {
        AssetType(mediaType: media, isText: false, isCompressible: compressible, references: .none, brotliMode: mode)
    }

    private static let table: [String: AssetType] = [
        // Text.
        "html": text("text/html"), "htm": text("text/html"),
        "css": text("text/css", .css),
        "js": text("text/javascript", .javaScript), "mjs": text("text/javascript", .javaScript),
        "cjs": text("text/javascript", .javaScript),
        "json": text("application/json"), "map": text("application/json"),
        "webmanifest": text("application/manifest+json"),
        "xml": text("application/xml"), "rss": text("application/rss+xml"), "atom": text("application/atom+xml"),
        "svg": text("image/svg+xml"),
        "txt": text("text/plain"), "csv": text("text/csv"), "md": text("text/markdown"),
        "ics": text("text/calendar"), "vtt": text("text/vtt"),
        // Compressible binaries.
        "wasm": binary("application/wasm", compressible: true),
        "ico": binary("image/vnd.microsoft.icon", compressible: true),
        "bmp": binary("image/bmp", compressible: true),
        "ttf": binary("font/ttf", compressible: true, mode: .font),
        "otf": binary("font/otf", compressible: true, mode: .font),
        "eot": binary("application/vnd.ms-fontobject", compressible: true, mode: .font),
        "pdf": binary("application/pdf", compressible: true),
        // Already compressed: never worth another pass.
        "png": binary("image/png", compressible: false),
        "jpg": binary("image/jpeg", compressible: false), "jpeg": binary("image/jpeg", compressible: false),
        "gif": binary("image/gif", compressible: false), "webp": binary("image/webp", compressible: false),
        "avif": binary("image/avif", compressible: false), "heic": binary("image/heic", compressible: false),
        "jxl": binary("image/jxl", compressible: false),
        "woff": binary("font/woff", compressible: false), "woff2": binary("font/woff2", compressible: false),
        "zip": binary("application/zip", compressible: false), "gz": binary("application/gzip", compressible: false),
        "tgz": binary("application/gzip", compressible: false), "br": binary("application/octet-stream", compressible: false),
        "bz2": binary("application/x-bzip2", compressible: false), "xz": binary("application/x-xz", compressible: false),
        "zst": binary("application/zstd", compressible: false), "7z": binary("application/x-7z-compressed", compressible: false),
        "rar": binary("application/vnd.rar", compressible: false),
        "mp4": binary("video/mp4", compressible: false), "m4v": binary("video/mp4", compressible: false),
        "webm": binary("video/webm", compressible: false), "mov": binary("video/quicktime", compressible: false),
        "ogv": binary("video/ogg", compressible: false), "mp3": binary("audio/mpeg", compressible: false),
        "m4a": binary("audio/mp4", compressible: false), "aac": binary("audio/aac", compressible: false),
        "ogg": binary("audio/ogg", compressible: false), "oga": binary("audio/ogg", compressible: false),
        "opus": binary("audio/opus", compressible: false), "flac": binary("audio/flac", compressible: false),
    ]
}
