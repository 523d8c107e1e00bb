import GatehouseManifest

/// `gatehouse assets inspect PATH`: finds one manifest entry and describes it.
public enum AssetInspector {
    /// The entry for `path` (a URL path, with or without a leading `/`), and its fingerprinted name if `path` is
    /// a logical name that has one.
    public static func lookup(_ path: String, in manifest: AssetManifest) throws -> (path: String, entry: AssetEntry, fingerprinted: String?) {
        var key = path
        while key.hasPrefix("/") { key.removeFirst() }
        guard let entry = manifest.files[key] else {
            throw AssetPipelineError(.notFound, "\(path): not in the manifest")
        }
        return (key, entry, manifest.fingerprints[key])
    }

    /// A human description: type, caching, mtime, then one line per variant.
    public static func describe(_ path: String, in manifest: AssetManifest) throws -> String {
        let found = try lookup(path, in: manifest)
        var lines: [String] = []
        lines.append(found.path)
        lines.append("  content-type  \(found.entry.contentType)")
        lines.append("  immutable     \(found.entry.immutable ? "yes (fingerprinted name)" : "no")")
        lines.append("  mtime         \(found.entry.mtime)")
        if let hashed = found.fingerprinted, hashed != found.path { lines.append("  fingerprinted \(hashed)") }
        let logical = manifest.fingerprints.first { $0.value == found.path }?.key
        if let logical { lines.append("  logical name  \(logical)") }
        let width = found.entry.variants.values.map(\.file.count).max() ?? 0
        for coding in ContentCoding.allCases.sorted(by: >) {
            guard let variant = found.entry.variant(coding) else { continue }
            let name = coding.rawValue.padding(8)
            lines.append("  \(name) \(variant.file.padding(width))  \(String(variant.size).leftPad(9)) B  \(variant.etag)  sha256:\(variant.sha256)")
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
