import Foundation
import GatehouseHTTP
import GatehouseManifest
import NIOCore
import XCTest
@testable import GatehouseStatic

final class AssetIndexTests: XCTestCase {
    private func build(_ f: BuildFixture, prefix: String = "/",
                       _ configuration: StaticConfiguration = StaticConfiguration(),
                       previous: AssetIndex? = nil) throws -> AssetIndex {
        try AssetIndex.build(mount: StaticMount(prefix: prefix, directory: f.directory), configuration: configuration,
                             previous: previous)
    }

    private func assertFails(_ f: BuildFixture, _ kind: AssetIndexError.Kind, fileContains: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try build(f), file: file, line: line) { error in
            guard let e = error as? AssetIndexError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual(e.kind, kind, "\(e)", file: file, line: line)
            XCTAssertTrue(e.file.contains(fileContains), "\(e)", file: file, line: line)
            XCTAssertTrue(e.description.contains(e.file), file: file, line: line)
        }
    }

    func testStandardBuild() throws {
        let f = try BuildFixture.standard()
        let index = try build(f)
        XCTAssertEqual(index.assetCount, 5, "css x2, index.html, docs/index.html, big.bin; not .env")
        XCTAssertTrue(index.warnings.contains { $0.contains(".env") })
        XCTAssertNotNil(index.manifestSignature)
        let css = try XCTUnwrap(index.asset(for: "/css/site.css"))
        XCTAssertEqual(css.codings, [.identity, .br, .gzip])
        XCTAssertTrue(css.hasVariants)
        XCTAssertTrue(css.identity.isInMemory)
        XCTAssertEqual(css.manifestPath, "css/site.css")
        let big = try XCTUnwrap(index.asset(for: "/big.bin"))
        XCTAssertFalse(big.identity.isInMemory, "300 KiB is over the 256 KiB default")
        XCTAssertEqual(index.fileBackedCount, 1)
        // Plain and fingerprinted names share the same files: their bytes are held once.
        let expectedMemory = BuildFixture.css.count + BuildFixture.cssBr.count + BuildFixture.cssGzip.count
            + BuildFixture.indexHTML.count + BuildFixture.docsHTML.count
        XCTAssertEqual(index.memoryBytes, expectedMemory)
        let fingerprinted = try XCTUnwrap(index.asset(for: "/css/site.0123456789ab.css"))
        XCTAssertTrue(sameStorage(css.br!, fingerprinted.br!))
        XCTAssertTrue(fingerprinted.immutable)
    }

    func testDiskBackedPlainNameIsReadFromTheFingerprintedCopy() throws {
        // The next build may rewrite app.css before its manifest is picked up; app.<hash>.css never changes.
        let f = try BuildFixture()
        let bytes = Array(repeating: UInt8(ascii: "a"), count: 1000)
        let sha = String(repeating: "a", count: 64)
        let plain = try f.writeVariant("app.css", bytes, sha256: sha)
        let hashed = try f.writeVariant("app.aaaaaaaaaaaa.css", bytes, sha256: sha)
        let alone = try f.writeVariant("alone.css", bytes, sha256: String(repeating: "b", count: 64))
        f.add("app.css", variants: [.identity: plain])
        f.add("app.aaaaaaaaaaaa.css", immutable: true, variants: [.identity: hashed])
        f.add("alone.css", variants: [.identity: alone])
        try f.writeManifest()
        let index = try build(f, StaticConfiguration(memoryMaxFile: 0))
        func path(_ url: String) throws -> String {
            guard case .file(let p) = try XCTUnwrap(index.asset(for: url)).identity.storage else {
                XCTFail("\(url) should be disk-backed")
                return ""
            }
            return p
        }
        XCTAssertTrue(try path("/app.css").hasSuffix("/app.aaaaaaaaaaaa.css"))
        XCTAssertTrue(try path("/app.aaaaaaaaaaaa.css").hasSuffix("/app.aaaaaaaaaaaa.css"))
        XCTAssertTrue(try path("/alone.css").hasSuffix("/alone.css"), "no fingerprinted copy: its own file")
    }

    func testMemoryLimits() throws {
        let f = try BuildFixture.standard()
        let tiny = try build(f, StaticConfiguration(memoryMaxFile: 200))
        XCTAssertTrue(try XCTUnwrap(tiny.asset(for: "/css/site.css")).br!.isInMemory, "123 bytes")
        XCTAssertFalse(try XCTUnwrap(tiny.asset(for: "/css/site.css")).gzip!.isInMemory, "203 bytes")
        XCTAssertFalse(try XCTUnwrap(tiny.asset(for: "/css/site.css")).identity.isInMemory)

        let budget = try build(f, StaticConfiguration(memoryTotal: 100))
        XCTAssertEqual(budget.memoryBytes, BuildFixture.indexHTML.count + BuildFixture.docsHTML.count,
                       "smallest first, within the budget")
        XCTAssertFalse(try XCTUnwrap(budget.asset(for: "/css/site.css")).br!.isInMemory)
        XCTAssertTrue(try XCTUnwrap(budget.asset(for: "/index.html")).identity.isInMemory)
    }

    func testRebuildReusesUnchangedBuffers() throws {
        let f = try BuildFixture.standard()
        let first = try build(f)
        let second = try build(f, previous: first)
        XCTAssertTrue(sameStorage(first.asset(for: "/css/site.css")!.identity, second.asset(for: "/css/site.css")!.identity))
        let third = try build(f)
        XCTAssertFalse(sameStorage(first.asset(for: "/css/site.css")!.identity, third.asset(for: "/css/site.css")!.identity))
    }

    func testKeysGetTheMountPrefixAndDirectoryEntries() throws {
        let index = try build(BuildFixture.standard(), prefix: "/static/")
        XCTAssertNotNil(index.asset(for: "/static/css/site.css"))
        XCTAssertNil(index.entry(for: "/css/site.css"))
        XCTAssertEqual(index.asset(for: "/static/")?.manifestPath, "index.html")
        XCTAssertEqual(index.asset(for: "/static/docs/")?.manifestPath, "docs/index.html")
        guard case .redirect(let location)? = index.entry(for: "/static/docs") else { return XCTFail("redirect") }
        XCTAssertEqual(location, "/static/docs/")
    }

    func testRedirectLocationIsPercentEncoded() throws {
        let f = try BuildFixture()
        f.add("a b/index.html", variants: [.identity: try f.writeVariant("a b/index.html", Array("x".utf8))])
        try f.writeManifest()
        guard case .redirect(let location)? = try build(f).entry(for: "/a b") else { return XCTFail("redirect") }
        XCTAssertEqual(location, "/a%20b/")
        let responder = StaticResponder(indexes: [try build(f)])
        guard case .redirect? = responder.match(TestHTTP.request(.GET, "/a%20b")) else { return XCTFail("match") }
    }

    func testErrorsNameTheFileAndProblem() throws {
        var f = try BuildFixture.standard()
        try FileManager.default.removeItem(atPath: f.directory + "/css/site.css.br")
        assertFails(f, .variantMissing, fileContains: "css/site.css.br")

        f = try BuildFixture.standard()
        try Data("short".utf8).write(to: URL(fileURLWithPath: f.directory + "/index.html"))
        assertFails(f, .sizeMismatch, fileContains: "index.html")

        f = try BuildFixture.standard()
        try f.writeManifestBytes(Array("{\"version\": 1, \"files\": {".utf8))
        assertFails(f, .badJSON, fileContains: AssetManifest.fileName)

        f = try BuildFixture.standard()
        try f.writeManifestBytes(Array("{\"version\": 1, \"files\": {\"a\": {\"contentType\": 3}}, \"fingerprints\": {}}".utf8))
        XCTAssertThrowsError(try build(f)) { error in
            XCTAssertTrue("\(error)".contains("files.a"), "\(error)")
        }

        f = try BuildFixture.standard()
        try f.writeManifestBytes(Array("{\"version\": 99, \"whatever\": true}".utf8))
        assertFails(f, .unknownSchemaVersion, fileContains: AssetManifest.fileName)

        f = try BuildFixture()
        f.add("x.txt", variants: [.br: try f.writeVariant("x.txt.br", [1, 2, 3])])
        try f.writeManifest()
        assertFails(f, .invalidEntry, fileContains: "x.txt")

        for badKey in ["../x", "/abs", "a//b", "a/./b", "a\\b"] {
            f = try BuildFixture()
            f.add(badKey, variants: [.identity: try f.writeVariant("ok.txt", [1])])
            try f.writeManifest()
            assertFails(f, .invalidEntry, fileContains: badKey)
        }

        f = try BuildFixture()
        f.add("x.txt", variants: [.identity: AssetVariant(file: "../../etc/passwd", size: 1, sha256: f.nextHash(),
                                                          etag: "\"abc\"")])
        try f.writeManifest()
        assertFails(f, .invalidEntry, fileContains: "x.txt")

        f = try BuildFixture()
        f.add("x.txt", variants: [.identity: AssetVariant(file: "x.txt", size: 1, sha256: f.nextHash(), etag: "W/\"abc\"")])
        _ = try f.writeVariant("x.txt", [1])
        try f.writeManifest()
        assertFails(f, .invalidEntry, fileContains: "x.txt")

        f = try BuildFixture()
        assertFails(f, .manifestMissing, fileContains: AssetManifest.fileName)

        XCTAssertThrowsError(try AssetIndex.build(mount: StaticMount(prefix: "/", directory: f.directory + "/nope"))) {
            XCTAssertEqual(($0 as? AssetIndexError)?.kind, .directoryMissing)
        }
    }

    func testVariantSymlinkLeavingTheDirectoryIsRefused() throws {
        let outside = try BuildFixture()
        _ = try outside.writeVariant("secret.txt", Array("secret".utf8))
        let f = try BuildFixture()
        XCTAssertEqual(symlink(outside.directory + "/secret.txt", f.directory + "/link.txt"), 0)
        f.add("link.txt", variants: [.identity: AssetVariant(file: "link.txt", size: 6, sha256: f.nextHash(),
                                                             etag: "\"0123\"")])
        try f.writeManifest()
        assertFails(f, .variantOutsideDirectory, fileContains: "link.txt")
    }

    func testVariantThatIsADirectoryIsRefused() throws {
        let f = try BuildFixture()
        try FileManager.default.createDirectory(atPath: f.directory + "/dir", withIntermediateDirectories: true)
        f.add("dir", variants: [.identity: AssetVariant(file: "dir", size: 0, sha256: f.nextHash(), etag: "\"0\"")])
        try f.writeManifest()
        assertFails(f, .variantNotRegularFile, fileContains: "dir")
    }

    func testUnknownEncodingIsSkippedWithAWarning() throws {
        let f = try BuildFixture()
        f.manifest.files["a.txt"] = AssetEntry(contentType: "", immutable: false, mtime: 0, variants: [
            "identity": try f.writeVariant("a.txt", [1, 2]),
            "zstd": try f.writeVariant("a.txt.zst", [3]),
        ])
        try f.writeManifest()
        let index = try build(f)
        let asset = try XCTUnwrap(index.asset(for: "/a.txt"))
        XCTAssertEqual(asset.codings, [.identity])
        XCTAssertEqual(asset.contentType, "application/octet-stream", "empty type falls back")
        XCTAssertTrue(index.warnings.contains { $0.contains("zstd") })
    }

    func testEmptyIndexServesNothing() {
        let index = AssetIndex.empty(mount: .default)
        XCTAssertEqual(index.assetCount, 0)
        XCTAssertNil(index.entry(for: "/"))
        XCTAssertEqual(StaticMount.default.prefix, "/")
        XCTAssertEqual(StaticMount.default.directory, "assets-build")
    }

    func testMountParsing() {
        XCTAssertEqual(StaticMount(argument: "/static=build")?.prefix, "/static/")
        XCTAssertEqual(StaticMount(argument: "static/=build")?.prefix, "/static/")
        XCTAssertEqual(StaticMount(argument: "/=a=b")?.directory, "a=b")
        XCTAssertNil(StaticMount(argument: "/static"))
        XCTAssertNil(StaticMount(argument: "=dir"))
        XCTAssertNil(StaticMount(argument: "/x="))
    }

    private func sameStorage(_ a: StaticRepresentation, _ b: StaticRepresentation) -> Bool {
        guard case .memory(let x) = a.storage, case .memory(let y) = b.storage else { return false }
        let px = x.withUnsafeReadableBytes { $0.baseAddress }
        let py = y.withUnsafeReadableBytes { $0.baseAddress }
        return px == py
    }
}
