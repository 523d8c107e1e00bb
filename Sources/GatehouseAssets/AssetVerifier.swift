import GatehouseCompress
import GatehouseManifest

/// `gatehouse assets verify`: checks a build against its manifest. Every variant's size, SHA-256 and ETag must
/// match the manifest, and every compressed variant must decompress to exactly its identity file.
public struct AssetVerifier: Sendable {
    /// One mismatch, naming the file.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The file (relative to the build directory) at fault.
        public var file: String
        /// What is wrong.
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// The result of a verification.
    public struct Report: Sendable, Equatable {
        /// URL paths checked.
        public var entries: Int
        /// Variant files checked.
        public var files: Int
        /// Everything that did not match, in path order.
        public var problems: [Problem]
        /// True if nothing is wrong.
        public var ok: Bool { problems.isEmpty }
    }

    /// The build directory.
    public var buildDirectory: String

    /// Creates a verifier for a build directory.
    public init(buildDirectory: String) { self.buildDirectory = buildDirectory }

    /// Checks every entry.
    /// - Throws: only if the manifest itself cannot be read; mismatches are in the report.
    public func verify() throws -> Report {
        let manifest = try ManifestCodec.load(buildDirectory: buildDirectory)
        var problems: [Problem] = []
        var filesChecked = 0

        for urlPath in manifest.files.keys.sorted() {
            let entry = manifest.files[urlPath]!
            guard let identity = entry.variants[ContentCoding.identity.rawValue] else {
                problems.append(Problem(file: urlPath, message: "no identity variant in the manifest"))
                continue
            }
            filesChecked += 1
            let original = check(identity, into: &problems)
            for (encoding, variant) in entry.variants.sorted(by: { $0.key < $1.key }) where encoding != ContentCoding.identity.rawValue {
                filesChecked += 1
                guard let coding = ContentCoding(rawValue: encoding) else {
                    problems.append(Problem(file: variant.file, message: "unknown encoding \"\(encoding)\" in the manifest"))
                    continue
                }
                guard let packed = check(variant, into: &problems), let original else { continue }
                do {
                    let decoded: [UInt8]
                    switch coding {
                    case .br: decoded = try BrotliCodec.decompress(packed, limit: original.count)
                    case .gzip: decoded = try GzipCodec.decompress(packed, limit: original.count)
                    case .identity: continue
                    }
                    if decoded != original {
                        problems.append(Problem(file: variant.file, message: "does not decompress to \(identity.file)"))
                    }
                } catch {
                    problems.append(Problem(file: variant.file, message: "cannot be decompressed (\(error))"))
                }
            }
        }
        for (logical, hashed) in manifest.fingerprints.sorted(by: { $0.key < $1.key }) where manifest.files[hashed] == nil {
            problems.append(Problem(file: hashed, message: "fingerprinted name of \(logical) is not in the manifest's files"))
        }
        return Report(entries: manifest.files.count, files: filesChecked, problems: problems)
    }

    /// Reads a variant's file and compares size, hash and ETag; returns the bytes if they match the manifest.
    private func check(_ variant: AssetVariant, into problems: inout [Problem]) -> [UInt8]? {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(buildDirectory + "/" + variant.file)
        } catch {
            problems.append(Problem(file: variant.file, message: "cannot be read (\(error))"))
            return nil
        }
        var ok = true
        if Int64(bytes.count) != variant.size {
            problems.append(Problem(file: variant.file, message: "size is \(bytes.count), the manifest says \(variant.size)"))
            ok = false
        }
        let digest = SHA256.hexDigest(bytes)
        if digest != variant.sha256 {
            problems.append(Problem(file: variant.file, message: "SHA-256 is \(digest), the manifest says \(variant.sha256)"))
            ok = false
        }
        if variant.etag != AssetVariant.etag(forSHA256: variant.sha256) {
            problems.append(Problem(file: variant.file, message: "ETag \(variant.etag) does not derive from its SHA-256"))
            ok = false
        }
        return ok ? bytes : nil
    }
}
