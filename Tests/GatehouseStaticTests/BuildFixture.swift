import Foundation
import GatehouseHTTP
import GatehouseManifest
import NIOCore
import NIOHTTP1
@testable import GatehouseStatic

/// A build directory written by hand in a temp dir: files plus a manifest, as `gatehouse assets build` would
/// leave them. The bytes of br/gzip variants are not real compressions (the header logic does not care).
final class BuildFixture {
    let directory: String
    var manifest = AssetManifest()
    private var hashCounter = 0

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        directory = base + "/gatehouse-static-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Writes `bytes` to `file` (relative) and returns its variant record (a fake but unique SHA-256 per content).
    func writeVariant(_ file: String, _ bytes: [UInt8], sha256: String? = nil) throws -> AssetVariant {
        let path = directory + "/" + file
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let sha = sha256 ?? nextHash()
        return AssetVariant(file: file, size: Int64(bytes.count), sha256: sha, etag: AssetVariant.etag(forSHA256: sha))
    }

    func nextHash() -> String {
        hashCounter += 1
        let hex = String(hashCounter, radix: 16) + "f"
        return hex + String(repeating: "0", count: 64 - hex.count)
    }

    /// Adds a manifest entry.
    func add(_ key: String, contentType: String = "text/plain; charset=utf-8", immutable: Bool = false,
             mtime: Int64 = 1_700_000_000, variants: [ContentCoding: AssetVariant]) {
        manifest.files[key] = AssetEntry(contentType: contentType, immutable: immutable, mtime: mtime,
                                         variants: Dictionary(uniqueKeysWithValues: variants.map { ($0.key.rawValue, $0.value) }))
    }

    /// Writes the manifest (to a temp name, then renamed into place, as the pipeline does).
    func writeManifest() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeManifestBytes(Array(encoder.encode(manifest)))
    }

    /// Writes raw manifest bytes atomically.
    func writeManifestBytes(_ bytes: [UInt8]) throws {
        let tmp = directory + "/.manifest.tmp-\(UUID().uuidString)"
        try Data(bytes).write(to: URL(fileURLWithPath: tmp))
        guard rename(tmp, directory + "/" + AssetManifest.fileName) == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    // MARK: The standard site

    static let css = Array(String(repeating: "body { color: #333; }\n", count: 40).utf8)  // 880 bytes
    static let cssBr = Array("BR:".utf8) + Array(repeating: 0xB1, count: 120)
    static let cssGzip = Array("GZ:".utf8) + Array(repeating: 0x1F, count: 200)
    static let indexHTML = Array("<!doctype html><title>home</title>\n".utf8)
    static let docsHTML = Array("<!doctype html><title>docs</title>\n".utf8)
    static let big = (0..<(300 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    static let mtime: Int64 = 1_700_000_000

    var cssVariants: [ContentCoding: AssetVariant] = [:]

    /// css/site.css (+ fingerprinted alias sharing its files) with br and gzip; index.html; docs/index.html;
    /// big.bin (300 KiB, larger than the default memory limit); a dotfile entry; the manifest file itself.
    static func standard() throws -> BuildFixture {
        let f = try BuildFixture()
        let identity = try f.writeVariant("css/site.css", css)
        let br = try f.writeVariant("css/site.css.br", cssBr)
        let gzip = try f.writeVariant("css/site.css.gz", cssGzip)
        f.cssVariants = [.identity: identity, .br: br, .gzip: gzip]
        f.add("css/site.css", contentType: "text/css; charset=utf-8", mtime: mtime, variants: f.cssVariants)
        f.add("css/site.0123456789ab.css", contentType: "text/css; charset=utf-8", immutable: true, mtime: mtime,
              variants: f.cssVariants)
        f.add("index.html", contentType: "text/html; charset=utf-8",
              variants: [.identity: try f.writeVariant("index.html", indexHTML)])
        f.add("docs/index.html", contentType: "text/html; charset=utf-8",
              variants: [.identity: try f.writeVariant("docs/index.html", docsHTML)])
        f.add("big.bin", contentType: "application/octet-stream",
              variants: [.identity: try f.writeVariant("big.bin", big)])
        f.add(".env", variants: [.identity: try f.writeVariant(".env", Array("SECRET=1\n".utf8))])
        _ = try f.writeVariant("secret.txt", Array("not listed\n".utf8))
        try f.writeManifest()
        return f
    }
}

/// Request and body helpers.
enum TestHTTP {
    static func request(_ method: HTTPMethod = .GET, _ uri: String, _ headers: [(String, String)] = []) -> GatewayRequest {
        GatewayRequest(head: HTTPRequestHead(version: .http1_1, method: method, uri: uri, headers: HTTPHeaders(headers)),
                       scheme: "https", requestID: "test")
    }

    /// The bytes a body stands for (files read from disk).
    static func bytes(_ body: GatewayResponseBody) -> [UInt8] {
        switch body {
        case .empty: return []
        case .buffer(let b): return Array(b.readableBytesView)
        case .file(let path, let offset, let length, _):
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            return Array(data[Int(offset)..<Int(offset + length)])
        case .parts(let parts): return parts.flatMap(bytes)
        case .stream: return []
        }
    }

    static func isEmpty(_ body: GatewayResponseBody) -> Bool {
        if case .empty = body { return true }
        return false
    }
}
