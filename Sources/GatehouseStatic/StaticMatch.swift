import GatehouseHTTP

/// The static server's claim on a request, from ``StaticResponder/match(_:)``. A nil match means "not a static
/// path": the router sends the request on (to the dynamic backend, or answers 404).
public enum StaticMatch: Sendable {
    /// A file the manifest lists (for a directory path, its `index.html`).
    case asset(StaticAsset)
    /// `/dir` where `dir/index.html` exists: redirect to `location` (percent-encoded, query not yet appended).
    case redirect(location: String)
    /// The path is malformed or unsafe: always answer 400, never forward it.
    case invalidPath(RequestPathError)
}
