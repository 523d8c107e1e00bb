extension GatehouseConfiguration {
    /// `[assets]`: defaults for `gatehouse assets build` (its arguments override them).
    public struct Assets: Sendable, Equatable {
        /// Extensions fingerprinted by default: styles, scripts, source maps, fonts and images.
        public static let defaultFingerprintExtensions = [
            "css", "js", "mjs", "map", "svg", "woff", "woff2", "ttf", "otf", "eot",
            "png", "jpg", "jpeg", "gif", "webp", "avif", "ico",
        ]

        /// `src`: the source tree (default `"Examples/site"`).
        public var source = "Examples/site"
        /// `out`: the build directory (default `"assets-build"`).
        public var output = "assets-build"
        /// `fingerprint_extensions`: file extensions (lower case, no dot) that get content-hashed names.
        public var fingerprintExtensions = Assets.defaultFingerprintExtensions
        /// `min_compress_size`: files smaller than this are not compressed (default 256 bytes).
        public var minCompressSize = ByteSize(bytes: 256)
        /// `include_dotfiles`: also build files whose name starts with `.` (default false).
        public var includeDotfiles = false
        /// `strict`: references to missing files are errors rather than warnings (default false).
        public var strict = false

        /// The defaults.
        public init() {}
    }
}
