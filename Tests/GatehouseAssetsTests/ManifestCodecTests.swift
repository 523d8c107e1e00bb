import XCTest
import GatehouseManifest
@testable import GatehouseAssets

final class ManifestCodecTests: XCTestCase {
    private func sample() -> AssetManifest {
        let sha = SHA256.hexDigest(Array("body{}".utf8))
        let variant = AssetVariant(file: "css/site.abc.css", size: 6, sha256: sha, etag: AssetVariant.etag(forSHA256: sha))
        return AssetManifest(files: [
            "css/site.abc.css": AssetEntry(contentType: "text/css; charset=utf-8", immutable: true, mtime: 1_700_000_000,
                                           variants: ["identity": variant]),
            "css/site.css": AssetEntry(contentType: "text/css; charset=utf-8", immutable: false, mtime: 1_700_000_000,
                                       variants: ["identity": AssetVariant(file: "css/site.css", size: 6, sha256: sha,
                                                                           etag: AssetVariant.etag(forSHA256: sha))]),
        ], fingerprints: ["css/site.css": "css/site.abc.css"])
    }

    func testRoundTrip() throws {
        let manifest = sample()
        XCTAssertEqual(try ManifestCodec.decode(try ManifestCodec.encode(manifest), source: "t"), manifest)
    }

    func testEncodingIsStableSortedAndUnescaped() throws {
        let a = try ManifestCodec.encode(sample())
        let b = try ManifestCodec.encode(sample())
        XCTAssertEqual(a, b)
        let text = String(decoding: a, as: UTF8.self)
        XCTAssertTrue(text.contains("\"css/site.abc.css\""), "slashes are not escaped")
        let abc = try XCTUnwrap(text.range(of: "\"css/site.abc.css\" :"))
        let plain = try XCTUnwrap(text.range(of: "\"css/site.css\" :"))
        XCTAssertLessThan(abc.lowerBound, plain.lowerBound, "keys are sorted")
        XCTAssertEqual(a.last, UInt8(ascii: "\n"))
    }

    func testETagDerivesFromHash() {
        let sha = String(repeating: "ab", count: 32)
        XCTAssertEqual(AssetVariant.etag(forSHA256: sha), "\"" + String(sha.prefix(20)) + "\"")
    }

    func testUnknownVersionAndGarbageAreRefused() throws {
        var future = sample()
        future.version = 99
        XCTAssertThrowsError(try ManifestCodec.decode(try ManifestCodec.encode(future), source: "m.json")) { error in
            XCTAssertTrue("\(error)".contains("version 99"))
        }
        XCTAssertThrowsError(try ManifestCodec.decode(Array("{".utf8), source: "m.json")) { error in
            XCTAssertEqual((error as? AssetPipelineError)?.code, .manifest)
        }
    }

    func testAllFilesListsEveryVariantOnce() {
        XCTAssertEqual(sample().allFiles, ["css/site.abc.css", "css/site.css"])
    }
}
