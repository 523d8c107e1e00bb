/// Everything a build needs to know, as plain values. The CLI fills it from flags; the config file (GatehouseConfig)
/// will fill it too. Defaults match the documentation of `gatehouse assets build`.
public struct AssetPipelineConfiguration: Sendable, Equatable {
    /// Source tree to build (default `Examples/site`).
    public var source: String
    /// Output tree (default `assets-build`).
    public var output: String
    /// Lower-case extensions (without the dot) whose files also get a content-hashed name.
    public var fingerprintExtensions: Set<String>
    /// Files smaller than this many bytes are not compressed.
    public var minimumCompressSize: Int
    /// A compressed variant is kept only if its size is at most this fraction of the original.
    public var keepRatio: Double
    /// Include files and directories whose name starts with a dot.
    public var includeDotfiles: Bool
    /// References to missing files are errors instead of warnings.
    public var strict: Bool
    /// Where compressed outputs are cached between builds; `nil` means `OUT/.gatehouse-cache`.
    public var cacheDirectory: String?
    /// Worker threads for compression; `0` means one per core.
    public var parallelism: Int
    /// Brotli quality, 0…11.
    public var brotliQuality: Int
    /// zlib level for gzip, 0…9.
    public var gzipLevel: Int
    /// Flush each new output file to disk before it is renamed into place (crash safety; slower on some disks).
    public var syncWrites: Bool

    /// The default fingerprinted types: stylesheets, scripts, source maps, SVG, fonts and images.
    public static let defaultFingerprintExtensions: Set<String> = [
        "css", "js", "mjs", "map", "svg",
        "woff", "woff2", "ttf", "otf", "eot",
        "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "bmp",
    ]

    /// Creates a configuration; every parameter has the documented default.
    public init(source: String = "Examples/site",
                output: String = "assets-build",
                fingerprintExtensions: Set<String> = AssetPipelineConfiguration.defaultFingerprintExtensions,
                minimumCompressSize: Int = 256,
                keepRatio: Double = 0.95,
                includeDotfiles: Bool = false,
                strict: Bool = false,
                cacheDirectory: String? = nil,
                parallelism: Int = 0,
                brotliQuality: Int = 11,
                gzipLevel: Int = 9,
                syncWrites: Bool = true) {
        self.source = source
        self.output = output
        self.fingerprintExtensions = Set(fingerprintExtensions.map { $0.lowercased() })
        self.minimumCompressSize = minimumCompressSize
        self.keepRatio = keepRatio
        self.includeDotfiles = includeDotfiles
        self.strict = strict
        self.cacheDirectory = cacheDirectory
        self.parallelism = parallelism
        self.brotliQuality = brotliQuality
        self.gzipLevel = gzipLevel
        self.syncWrites = syncWrites
    }

    /// Checks the values that do not depend on the file system.
    public func validate() throws {
        func bad(_ message: String) -> AssetPipelineError { AssetPipelineError(.invalidConfiguration, message) }
        if source.isEmpty { throw bad("the source directory is empty") }
        if output.isEmpty { throw bad("the output directory is empty") }
        if minimumCompressSize < 0 { throw bad("minimum compress size must be >= 0, got \(minimumCompressSize)") }
        if !(keepRatio > 0 && keepRatio <= 1) { throw bad("keep ratio must be in (0, 1], got \(keepRatio)") }
        if parallelism < 0 { throw bad("parallelism must be >= 0, got \(parallelism)") }
        if !(0...11).contains(brotliQuality) { throw bad("brotli quality must be 0...11, got \(brotliQuality)") }
        if !(0...9).contains(gzipLevel) { throw bad("gzip level must be 0...9, got \(gzipLevel)") }
    }
}
