/// The result of planning: every source file with its final content, hash and names. Pure data.
public struct FingerprintPlan: Sendable, Equatable {
    /// One source file after reference rewriting.
    public struct File: Sendable, Equatable {
        /// Path in SRC (also the plain URL path).
        public var path: String
        /// Content with references rewritten to fingerprinted names.
        public var content: [UInt8]
        /// Lower-case hex SHA-256 of `content`.
        public var sha256: String
        /// The content-hashed name, if the file has one (ours or Django's).
        public var fingerprintedPath: String?
        /// True if this file's own name is already a hashed name (a Django `staticfiles.json` value): it is
        /// served as immutable under its own path and gets no second hash.
        public var isAlreadyHashed: Bool
        /// Modification time of the source.
        public var mtime: Int64
    }

    /// A reference to a file that SRC does not hold.
    public struct MissingReference: Sendable, Equatable, CustomStringConvertible {
        /// The file holding the reference.
        public var referrer: String
        /// Line of the reference.
        public var line: Int
        /// The URL as written.
        public var url: String
        /// Why it did not resolve.
        public var reason: String

        public var description: String { "\(referrer):\(line): \(url): \(reason)" }
    }

    /// Files by source path.
    public var files: [String: File]
    /// References that did not resolve, in path and line order.
    public var missing: [MissingReference]
}
