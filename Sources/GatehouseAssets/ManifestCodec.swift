import Foundation
import GatehouseManifest

/// Reads and writes `gatehouse-manifest.json`: sorted keys, two-space indentation, no escaped slashes, trailing
/// newline — so equal manifests are equal bytes.
public enum ManifestCodec {
    /// The manifest's bytes.
    public static func encode(_ manifest: AssetManifest) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(manifest)) + [UInt8(ascii: "\n")]
        } catch {
            throw AssetPipelineError(.manifest, "cannot encode the manifest: \(error)")
        }
    }

    /// Parses a manifest and refuses unknown schema versions.
    /// - Parameter source: named in error messages.
    public static func decode(_ bytes: [UInt8], source: String) throws -> AssetManifest {
        let manifest: AssetManifest
        do {
            manifest = try JSONDecoder().decode(AssetManifest.self, from: Data(bytes))
        } catch {
            throw AssetPipelineError(.manifest, "\(source): not a valid manifest (\(error))")
        }
        guard manifest.version == AssetManifest.currentVersion else {
            throw AssetPipelineError(.manifest,
                "\(source): schema version \(manifest.version), this gatehouse reads version \(AssetManifest.currentVersion)")
        }
        return manifest
    }

    /// Reads the manifest of a build directory.
    public static func load(buildDirectory: String) throws -> AssetManifest {
        let path = buildDirectory + "/" + AssetManifest.fileName
        let bytes: [UInt8]
        do { bytes = try FileSystem.read(path) } catch {
            throw AssetPipelineError(.manifest, "\(path): cannot read the manifest (\(error))")
        }
        return try decode(bytes, source: path)
    }
}

extension AssetManifest {
    /// Every file the manifest names (all variants of all entries), deduplicated and sorted.
    public var allFiles: [String] {
        Array(Set(files.values.flatMap { $0.variants.values.map(\.file) })).sorted()
    }
}
