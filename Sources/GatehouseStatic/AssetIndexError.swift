/// Why an ``AssetIndex`` could not be built. The message names the file and the problem.
public struct AssetIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: String, Sendable {
        case directoryMissing = "build directory not found"
        case manifestMissing = "manifest not found"
        case manifestUnreadable = "manifest unreadable"
        case badJSON = "manifest is not valid JSON for the schema"
        case unknownSchemaVersion = "unknown manifest schema version"
        case invalidEntry = "invalid manifest entry"
        case variantMissing = "variant file missing"
        case variantNotRegularFile = "variant is not a regular file"
        case variantOutsideDirectory = "variant file is outside the build directory"
        case sizeMismatch = "variant size does not match the manifest"
        case readFailed = "variant file unreadable"
    }

    /// The kind of problem.
    public let kind: Kind
    /// The file (or manifest key) concerned.
    public let file: String
    /// Details.
    public let detail: String

    /// Makes an error.
    public init(_ kind: Kind, file: String, detail: String = "") {
        self.kind = kind
        self.file = file
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? "\(file): \(kind.rawValue)" : "\(file): \(kind.rawValue): \(detail)"
    }
}
