/// Decides the final content and names of every source file: finds references, orders files so that each file is
/// hashed after the files it references, rewrites the references and hashes. Pure: no I/O.
///
/// A file's hash depends on the hashed names it references, so the references form a graph that must have no
/// cycle; a cycle is an error naming the files around it.
public struct FingerprintPlanner: Sendable {
    /// Extensions (lower case) that get a content-hashed name.
    public var fingerprintExtensions: Set<String>
    /// Names Django already hashed (only pairs whose files both exist).
    public var django: DjangoStaticFilesManifest

    /// Creates a planner.
    public init(fingerprintExtensions: Set<String>, django: DjangoStaticFilesManifest = DjangoStaticFilesManifest(paths: [:])) {
        self.fingerprintExtensions = fingerprintExtensions
        self.django = django
    }

    /// Plans `sources`.
    /// - Throws: `AssetPipelineError` `.referenceCycle` naming the cycle.
    public func plan(_ sources: [SourceFile]) throws -> FingerprintPlan {
        let byPath = Dictionary(sources.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let djangoHashed = Set(django.paths.values)
        let djangoOwned = djangoHashed.union(django.paths.keys)

        // 1. References and edges. Django's own files are left exactly as Django wrote them.
        var edges: [String: [(AssetReference, String)]] = [:]
        var missing: [FingerprintPlan.MissingReference] = []
        for source in sources.sorted(by: { $0.path < $1.path }) where !djangoOwned.contains(source.path) {
            let syntax = AssetType.of(path: source.path).references
            var out: [(AssetReference, String)] = []
            for ref in ReferenceScanner.references(in: source.content, syntax: syntax) {
                guard case .relative(let relPath, _) = ref.target else { continue }
                guard let target = PathUtilities.resolve(relPath, relativeTo: source.path) else {
                    missing.append(.init(referrer: source.path, line: ref.line, url: ref.url, reason: "points above the source root"))
                    continue
                }
                guard byPath[target] != nil else {
                    missing.append(.init(referrer: source.path, line: ref.line, url: ref.url, reason: "no such file in the source tree (\(target))"))
                    continue
                }
                if renames(target, djangoOwned: djangoOwned) { out.append((ref, target)) }
            }
            edges[source.path] = out
        }

        // 2. Depth-first, dependencies first; a grey node met again closes a cycle.
        var state: [String: Bool] = [:]   // false = in progress, true = done
        var stack: [String] = []
        var planned: [String: FingerprintPlan.File] = [:]

        func visit(_ path: String) throws {
            if let done = state[path] {
                if done { return }
                let start = stack.lastIndex(of: path) ?? 0
                let cycle = Array(stack[start...]) + [path]
                throw AssetPipelineError(.referenceCycle,
                    "reference cycle: \(cycle.joined(separator: " → ")) (a file's hash depends on the names it references)")
            }
            state[path] = false
            stack.append(path)
            for (_, target) in edges[path] ?? [] { try visit(target) }
            stack.removeLast()
            state[path] = true

            guard let source = byPath[path] else { return }
            let content = rewrite(source.content, edges[path] ?? [], planned)
            let digest = SHA256.hexDigest(content)
            let fingerprinted: String?
            if let djangoName = django.paths[path] {
                fingerprinted = djangoName
            } else if !djangoOwned.contains(path), fingerprints(path) {
                fingerprinted = PathUtilities.fingerprinted(path, hash: String(digest.prefix(12)))
            } else {
                fingerprinted = nil
            }
            planned[path] = FingerprintPlan.File(path: path, content: content, sha256: digest,
                                                 fingerprintedPath: fingerprinted,
                                                 isAlreadyHashed: djangoHashed.contains(path), mtime: source.mtime)
        }

        for path in byPath.keys.sorted() { try visit(path) }
        return FingerprintPlan(files: planned, missing: missing)
    }

    /// True if references to `path` must be rewritten (it has a hashed name).
    private func renames(_ path: String, djangoOwned: Set<String>) -> Bool {
        if django.paths[path] != nil { return true }
        return !djangoOwned.contains(path) && fingerprints(path)
    }

    private func fingerprints(_ path: String) -> Bool {
        fingerprintExtensions.contains(PathUtilities.fileExtension(path).lowercased())
    }

    /// Replaces the last path component of each reference with the target's hashed name, keeping the directory
    /// part, query string and fragment exactly as written.
    private func rewrite(_ content: [UInt8], _ refs: [(AssetReference, String)],
                         _ planned: [String: FingerprintPlan.File]) -> [UInt8] {
        guard !refs.isEmpty else { return content }
        var out: [UInt8] = []
        out.reserveCapacity(content.count + refs.count * 16)
        var cursor = 0
        for (ref, target) in refs.sorted(by: { $0.0.range.lowerBound < $1.0.range.lowerBound }) {
            guard let hashed = planned[target]?.fingerprintedPath,
                  case .relative(_, let pathEnd) = ref.target else { continue }
            let urlBytes = Array(ref.url.utf8)
            let pathBytes = urlBytes[..<pathEnd]
            let lastSlash = pathBytes.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
            out.append(contentsOf: content[cursor..<ref.range.lowerBound])
            out.append(contentsOf: urlBytes[..<lastSlash])
            out.append(contentsOf: Array(Self.escape(PathUtilities.lastComponent(hashed)).utf8))
            out.append(contentsOf: urlBytes[pathEnd...])
            cursor = ref.range.upperBound
        }
        out.append(contentsOf: content[cursor...])
        return out
    }

    /// Percent-encodes the few characters that cannot stand in a URL path component inside CSS; other characters,
    /// non-ASCII included, are kept as written.
    static func escape(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || "% ?#\"'()\\".unicodeScalars.contains(scalar) {
                for byte in String(scalar).utf8 { out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
