/// Why a build, a verification or an inspection failed. Every message names the file it is about.
public struct AssetPipelineError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The kind of failure, open for additions.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let raw: String
        private init(_ raw: String) { self.raw = raw }
        public var description: String { raw }

        /// A file or directory could not be read, written, renamed or removed.
        public static let io = Code("io")
        /// SRC holds something other than regular files, directories and symlinks to them (a FIFO, a socket…).
        public static let notRegularFile = Code("not-regular-file")
        /// A symlink inside SRC leads outside SRC, nowhere, or back into one of its own ancestors.
        public static let badSymlink = Code("bad-symlink")
        /// Files reference each other in a cycle, so no content hash can be computed.
        public static let referenceCycle = Code("reference-cycle")
        /// A reference names a file that is not in SRC (an error only in strict mode).
        public static let missingReference = Code("missing-reference")
        /// SRC and OUT are the same directory or one contains the other.
        public static let overlappingDirectories = Code("overlapping-directories")
        /// Two different outputs would be written to the same path.
        public static let nameCollision = Code("name-collision")
        /// The manifest is missing, unreadable, or of an unknown schema version.
        public static let manifest = Code("manifest")
        /// A codec failed.
        public static let compression = Code("compression")
        /// Another build holds the lock on OUT.
        public static let locked = Code("locked")
        /// The configuration cannot work (empty SRC path, nonsense numbers…).
        public static let invalidConfiguration = Code("invalid-configuration")
        /// `verify` found variants that do not match the manifest or their original.
        public static let verificationFailed = Code("verification-failed")
        /// `inspect` was asked about a path the manifest does not list.
        public static let notFound = Code("not-found")
    }

    /// What kind of failure.
    public var code: Code
    /// The full message, naming the file(s) involved.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
