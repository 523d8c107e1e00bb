import GatehouseCompress

/// The rules that decide what is compressed and which results are kept. Pure.
public struct CompressionPolicy: Sendable, Equatable {
    /// Files smaller than this are not compressed.
    public var minimumSize: Int
    /// A variant is kept only if `compressed <= keepRatio × original`.
    public var keepRatio: Double
    /// Brotli quality.
    public var brotliQuality: Int
    /// zlib level.
    public var gzipLevel: Int

    /// Creates a policy.
    public init(minimumSize: Int = 256, keepRatio: Double = 0.95, brotliQuality: Int = 11, gzipLevel: Int = 9) {
        self.minimumSize = minimumSize
        self.keepRatio = keepRatio
        self.brotliQuality = brotliQuality
        self.gzipLevel = gzipLevel
    }

    /// Whether compressing a file of this type and size is worth trying at all.
    public func shouldCompress(_ type: AssetType, size: Int) -> Bool {
        type.isCompressible && size >= minimumSize && size > 0
    }

    /// The keep-if-smaller rule: a variant must save at least `1 - keepRatio` of the original.
    public func keeps(compressedSize: Int, originalSize: Int) -> Bool {
        originalSize > 0 && Double(compressedSize) <= keepRatio * Double(originalSize)
    }

    /// Everything that changes brotli's output for a given input, as a cache-key prefix.
    public func brotliSettingsKey(_ type: AssetType, size: Int) -> String {
        "br q=\(brotliQuality) lgwin=\(BrotliCodec.window(forSize: size)) mode=\(type.brotliMode) lib=\(BrotliCodec.encoderVersion)"
    }

    /// Everything that changes gzip's output for a given input, as a cache-key prefix.
    public func gzipSettingsKey() -> String {
        "gzip level=\(gzipLevel) mem=smallest(8,9) zlib=\(GzipCodec.libraryVersion)"
    }
}
