import Foundation

/// The `staticfiles.json` that Django's ManifestStaticFilesStorage leaves in STATIC_ROOT: logical name → hashed
/// name. When SRC holds one, the pipeline reuses its names instead of hashing Django's files a second time.
public struct DjangoStaticFilesManifest: Equatable, Sendable {
    /// The file name Django uses, at the top of STATIC_ROOT.
    public static let fileName = "staticfiles.json"

    /// Logical name → hashed name, both relative to STATIC_ROOT.
    public var paths: [String: String]

    /// Creates a mapping directly.
    public init(paths: [String: String]) { self.paths = paths }

    /// Parses Django's format (`{"paths": {...}, "version": "1.x", ...}`).
    public init(json: [UInt8]) throws {
        struct Wire: Decodable { var paths: [String: String] }
        do {
            paths = try JSONDecoder().decode(Wire.self, from: Data(json)).paths
        } catch {
            throw AssetPipelineError(.manifest, "\(Self.fileName): not a Django static files manifest (\(error))")
        }
    }

    /// Keeps only the pairs whose two files both exist in SRC and differ, so every reused name is real.
    public func restricted(to existing: Set<String>) -> DjangoStaticFilesManifest {
        DjangoStaticFilesManifest(paths: paths.filter { existing.contains($0.key) && existing.contains($0.value) && $0.key != $0.value })
    }
}
