/// A URL prefix served from a build directory (the output of `gatehouse assets build`).
///
/// The prefix is stored normalised: it starts and ends with `/` (`/static/`, or `/` for the root).
/// Requests match the longest mounted prefix; the mount then answers for every path under it that its
/// manifest lists (plus `prefix` without its trailing slash, which redirects to the prefix).
public struct StaticMount: Sendable, Hashable, CustomStringConvertible {
    /// The URL prefix, starting and ending with `/`.
    public let prefix: String
    /// The build directory holding `gatehouse-manifest.json`.
    public let directory: String

    /// Makes a mount; `prefix` gets a leading and trailing `/` if missing.
    public init(prefix: String, directory: String) {
        var p = prefix
        if !p.hasPrefix("/") { p = "/" + p }
        if !p.hasSuffix("/") { p += "/" }
        self.prefix = p
        self.directory = directory
    }

    /// Parses the command-line form `PREFIX=DIR` (as in `--static /static/=assets-build`); nil when either side
    /// is empty or there is no `=`.
    public init?(argument: String) {
        guard let eq = argument.firstIndex(of: "=") else { return nil }
        let prefix = argument[..<eq]
        let directory = argument[argument.index(after: eq)...]
        guard !prefix.isEmpty, !directory.isEmpty else { return nil }
        self.init(prefix: String(prefix), directory: String(directory))
    }

    /// The default mount: `/` → `assets-build`.
    public static let `default` = StaticMount(prefix: "/", directory: "assets-build")

    public var description: String { "\(prefix)=\(directory)" }

    /// Whether the normalised request path `path` belongs to this mount (`/static/x`, or `/static` itself).
    func contains(_ path: String) -> Bool {
        if prefix.utf8.count == 1 { return true }
        if path.hasPrefix(prefix) { return true }
        return path.utf8.count == prefix.utf8.count - 1 && prefix.hasPrefix(path)
    }
}
