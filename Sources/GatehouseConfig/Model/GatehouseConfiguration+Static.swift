extension GatehouseConfiguration {
    /// `[[static]]`: one URL prefix served from one asset build directory.
    public struct StaticMount: Sendable, Equatable {
        /// `prefix`: the URL prefix, starting and (after normalisation) ending with `/`, e.g. `/static/`.
        public var prefix: String
        /// `dir`: the build directory written by `gatehouse assets build` (holds `gatehouse-manifest.json`).
        public var directory: String

        /// A mount of `directory` at `prefix`; a missing trailing `/` is added.
        public init(prefix: String, directory: String) {
            self.prefix = StaticMount.normalizedPrefix(prefix)
            self.directory = directory
        }

        /// Parses the `--static PREFIX=DIR` flag; throws `ConfigValueError` naming the problem.
        public init(parsing text: String) throws {
            guard let equals = text.firstIndex(of: "=") else {
                throw ConfigValueError("\"\(text)\": expected PREFIX=DIR, like \"/static/=assets-build\"")
            }
            let prefix = String(text[..<equals])
            let directory = String(text[text.index(after: equals)...])
            if let problem = StaticMount.prefixProblem(prefix) { throw ConfigValueError("\"\(text)\": \(problem)") }
            guard !directory.isEmpty else { throw ConfigValueError("\"\(text)\": the directory is empty") }
            self.init(prefix: prefix, directory: directory)
        }

        /// `prefix` with a trailing `/` added when missing.
        static func normalizedPrefix(_ prefix: String) -> String {
            prefix.hasSuffix("/") ? prefix : prefix + "/"
        }

        /// Why `prefix` cannot be a URL prefix, or nil when it can.
        static func prefixProblem(_ prefix: String) -> String? {
            URLPrefix.problem(prefix)
        }
    }

    /// `[static_options]`: how static files are held in memory and how a new build is picked up.
    public struct StaticOptions: Sendable, Equatable {
        /// `memory_max_file`: variants up to this size are held in memory (default 256KiB).
        public var memoryMaxFile = ByteSize.kibibytes(256)
        /// `memory_total`: the most memory all in-memory variants may use together (default 256MiB).
        public var memoryTotal = ByteSize.mebibytes(256)
        /// `mutable_cache_control`: `Cache-Control` for files that are not fingerprinted
        /// (default `"public, max-age=60"`; fingerprinted files always get a year and `immutable`).
        public var mutableCacheControl = "public, max-age=60"
        /// `reload_interval`: how often the manifest is checked for a new build (default 500ms).
        public var reloadInterval = ConfigDuration.milliseconds(500)

        /// The defaults.
        public init() {}
    }
}
