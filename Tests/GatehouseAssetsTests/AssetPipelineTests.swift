import Foundation
import GatehouseCompress
import GatehouseManifest
import XCTest
@testable import GatehouseAssets

final class AssetPipelineTests: XCTestCase {
    private var tree: TemporaryTree!

    override func setUpWithError() throws { tree = try TemporaryTree() }
    override func tearDown() { tree = nil }

    /// A small site: CSS referencing a font and an SVG, JS with a source map, HTML, and a tiny file.
    private func writeSite(under dir: String = "src") throws {
        let rules = (0..<60).map { ".c\($0) { margin: \($0)px; color: #\(String(format: "%06x", $0 * 4099)); }" }.joined(separator: "\n")
        try tree.write("\(dir)/css/site.css", """
            @font-face { font-family: Inter; src: url("../fonts/inter.woff2") format("woff2"); }
            .logo { background: url(../img/logo.svg) no-repeat; }
            \(rules)
            /*# sourceMappingURL=site.css.map */
            """)
        try tree.write("\(dir)/css/site.css.map", #"{"version":3,"sources":["site.scss"],"mappings":"AAAA"}"#)
        try tree.write("\(dir)/fonts/inter.woff2", Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) }))
        try tree.write("\(dir)/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + String(repeating: "<rect width=\"10\" height=\"10\"/>", count: 20) + "</svg>")
        let js = (0..<200).map { "export function f\($0)(x) { return x * \($0) + \"value-\($0)\"; }" }.joined(separator: "\n")
        try tree.write("\(dir)/js/app.js", js + "\n//# sourceMappingURL=app.js.map\n")
        try tree.write("\(dir)/js/app.js.map", #"{"version":3,"file":"app.js","sources":["app.ts"],"mappings":";;AAAA"}"#)
        try tree.write("\(dir)/index.html", "<!doctype html><title>x</title>" + String(repeating: "<p>Hello, world.</p>\n", count: 40))
        try tree.write("\(dir)/robots.txt", "User-agent: *\n")
        try tree.write("\(dir)/.hidden", "secret")
    }

    private func config(out: String = "out", strict: Bool = false) -> AssetPipelineConfiguration {
        AssetPipelineConfiguration(source: tree.path("src"), output: tree.path(out), strict: strict, syncWrites: false)
    }

    private func manifest(_ out: String = "out") throws -> AssetManifest {
        try ManifestCodec.decode(Array(try tree.read("\(out)/gatehouse-manifest.json")), source: "test")
    }

    func testBuildProducesVerifiedVariantsAndManifest() throws {
        try writeSite()
        let summary = try AssetPipeline(configuration: config()).build()
        XCTAssertEqual(summary.files, 8, "dotfile skipped")
        XCTAssertFalse(tree.exists("out/.hidden"))
        let m = try manifest()

        // Plain and fingerprinted names; fingerprinted ones immutable.
        let cssHashed = try XCTUnwrap(m.fingerprints["css/site.css"])
        XCTAssertEqual(m.files["css/site.css"]?.immutable, false)
        XCTAssertEqual(m.files[cssHashed]?.immutable, true)
        XCTAssertNil(m.fingerprints["index.html"], "html is not fingerprinted by default")

        // The CSS served under both names references the fingerprinted font, SVG and map.
        let css = String(decoding: try tree.read("out/" + cssHashed), as: UTF8.self)
        XCTAssertTrue(css.contains(PathUtilities.lastComponent(m.fingerprints["fonts/inter.woff2"]!)))
        XCTAssertTrue(css.contains(PathUtilities.lastComponent(m.fingerprints["img/logo.svg"]!)))
        XCTAssertTrue(css.contains("sourceMappingURL=" + PathUtilities.lastComponent(m.fingerprints["css/site.css.map"]!)))
        XCTAssertEqual(try tree.read("out/css/site.css"), try tree.read("out/" + cssHashed))

        // Variants: compressible text has br and gzip, the font none, the tiny file none.
        let entry = try XCTUnwrap(m.files["css/site.css"])
        XCTAssertEqual(entry.contentType, "text/css; charset=utf-8")
        XCTAssertEqual(Set(entry.variants.keys), ["identity", "br", "gzip"])
        XCTAssertEqual(Set(m.files["fonts/inter.woff2"]!.variants.keys), ["identity"])
        XCTAssertEqual(Set(m.files["robots.txt"]!.variants.keys), ["identity"])
        let original = Array(try tree.read("out/css/site.css"))
        XCTAssertEqual(try BrotliCodec.decompress(Array(try tree.read("out/css/site.css.br")), limit: 1 << 20), original)
        XCTAssertEqual(try GzipCodec.decompress(Array(try tree.read("out/css/site.css.gz")), limit: 1 << 20), original)
        let identity = try XCTUnwrap(entry.variant(.identity))
        XCTAssertEqual(identity.sha256, SHA256.hexDigest(original))
        XCTAssertEqual(identity.etag, AssetVariant.etag(forSHA256: identity.sha256))

        let report = try AssetVerifier(buildDirectory: tree.path("out")).verify()
        XCTAssertTrue(report.ok, "\(report.problems)")
        XCTAssertEqual(report.entries, m.files.count)
    }

    func testVerifyNamesAFlippedByte() throws {
        try writeSite()
        _ = try AssetPipeline(configuration: config()).build()
        var bytes = Array(try tree.read("out/js/app.js.gz"))
        bytes[bytes.count / 2] ^= 0x01
        try tree.write("out/js/app.js.gz", Data(bytes))
        let report = try AssetVerifier(buildDirectory: tree.path("out")).verify()
        XCTAssertFalse(report.ok)
        XCTAssertEqual(Set(report.problems.map(\.file)), ["js/app.js.gz"])
    }

    func testDeterministicAcrossOutputs() throws {
        try writeSite()
        _ = try AssetPipeline(configuration: config(out: "one")).build()
        _ = try AssetPipeline(configuration: config(out: "two")).build()
        let one = tree.files(under: "one", skipping: [".gatehouse-cache", ".gatehouse.lock"])
        XCTAssertEqual(one, tree.files(under: "two", skipping: [".gatehouse-cache", ".gatehouse.lock"]))
        for file in one {
            XCTAssertEqual(try tree.read("one/" + file), try tree.read("two/" + file), file)
        }
    }

    func testUnchangedRebuildCompressesNothingAndWritesNothing() throws {
        try writeSite()
        let first = try AssetPipeline(configuration: config()).build()
        XCTAssertGreaterThan(first.compressed, 0)
        let manifestBefore = try tree.read("out/gatehouse-manifest.json")
        let second = try AssetPipeline(configuration: config()).build()
        XCTAssertEqual(second.compressed, 0)
        XCTAssertEqual(second.fromCache, first.compressed)
        XCTAssertEqual(second.written, 0)
        XCTAssertEqual(try tree.read("out/gatehouse-manifest.json"), manifestBefore)
    }

    func testChangingOneFileRecompressesItAndItsReferrersOnly() throws {
        try writeSite()
        let first = try AssetPipeline(configuration: config()).build()
        let oldSVG = try manifest().fingerprints["img/logo.svg"]!
        try tree.write("src/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">" + String(repeating: "<circle r=\"5\"/>", count: 30) + "</svg>")
        let second = try AssetPipeline(configuration: config()).build()
        XCTAssertEqual(second.compressed, 2, "the SVG and the CSS that references it")
        XCTAssertEqual(second.fromCache, first.compressed - 2)
        // The old fingerprinted SVG and its variants are gone; the new one is listed.
        let m = try manifest()
        XCTAssertNotEqual(m.fingerprints["img/logo.svg"], oldSVG)
        XCTAssertFalse(tree.exists("out/" + oldSVG))
        XCTAssertFalse(tree.exists("out/" + oldSVG + ".br"))
        XCTAssertTrue(tree.exists("out/" + m.fingerprints["img/logo.svg"]!))
        XCTAssertTrue(try AssetVerifier(buildDirectory: tree.path("out")).verify().ok)
    }

    func testBrokenSymlinkFailsNamingItAndLeavesThePreviousBuild() throws {
        try writeSite()
        _ = try AssetPipeline(configuration: config()).build()
        let before = try tree.read("out/gatehouse-manifest.json")
        let filesBefore = tree.files(under: "out")
        try tree.write("src/css/extra.css", "p { color: red; }")
        try FileManager.default.createSymbolicLink(atPath: tree.path("src/css/zz-missing.css"), withDestinationPath: "nowhere.css")
        XCTAssertThrowsError(try AssetPipeline(configuration: config()).build()) { error in
            XCTAssertTrue("\(error)".contains("css/zz-missing.css"), "\(error)")
        }
        XCTAssertEqual(try tree.read("out/gatehouse-manifest.json"), before)
        XCTAssertEqual(tree.files(under: "out"), filesBefore)
    }

    func testFIFOFailsNamingIt() throws {
        try writeSite()
        XCTAssertEqual(mkfifo(tree.path("src/js/pipe.js"), 0o644), 0)
        XCTAssertThrowsError(try AssetPipeline(configuration: config()).build()) { error in
            XCTAssertEqual((error as? AssetPipelineError)?.code, .notRegularFile)
            XCTAssertTrue("\(error)".contains("js/pipe.js"))
        }
        XCTAssertFalse(tree.exists("out/gatehouse-manifest.json"))
    }

    func testSymlinksInsideAreFollowedLoopsAndEscapesAreErrors() throws {
        try writeSite()
        try FileManager.default.createSymbolicLink(atPath: tree.path("src/vendor"), withDestinationPath: "js")
        _ = try AssetPipeline(configuration: config()).build()
        XCTAssertNotNil(try manifest().files["vendor/app.js"])

        try FileManager.default.createSymbolicLink(atPath: tree.path("src/js/loop"), withDestinationPath: "..")
        XCTAssertThrowsError(try AssetPipeline(configuration: config()).build()) { error in
            XCTAssertTrue("\(error)".contains("loop"), "\(error)")
        }
        try FileManager.default.removeItem(atPath: tree.path("src/js/loop"))
        try tree.write("elsewhere/x.css", "p{}")
        try FileManager.default.createSymbolicLink(atPath: tree.path("src/x.css"), withDestinationPath: tree.path("elsewhere/x.css"))
        XCTAssertThrowsError(try AssetPipeline(configuration: config()).build()) { error in
            XCTAssertTrue("\(error)".contains("outside the source directory"), "\(error)")
        }
    }

    func testOverlappingDirectoriesAreRefused() throws {
        try writeSite()
        for out in ["src/build", "src"] {
            XCTAssertThrowsError(try AssetPipeline(configuration: config(out: out)).build()) { error in
                XCTAssertEqual((error as? AssetPipelineError)?.code, .overlappingDirectories)
            }
        }
        var inverted = config()
        inverted.source = tree.path("src")
        inverted.output = tree.root
        XCTAssertThrowsError(try AssetPipeline(configuration: inverted).build())
    }

    func testStrictModeFailsOnMissingReferenceAndOtherwiseWarns() throws {
        try writeSite()
        try tree.write("src/css/broken.css", ".x { background: url(../img/missing.png); }")
        let summary = try AssetPipeline(configuration: config()).build()
        XCTAssertTrue(summary.warnings.contains { $0.contains("css/broken.css:1: ../img/missing.png") }, "\(summary.warnings)")
        let before = try tree.read("out/gatehouse-manifest.json")
        try tree.write("src/css/site.css", "changed{}")
        XCTAssertThrowsError(try AssetPipeline(configuration: config(strict: true)).build()) { error in
            XCTAssertEqual((error as? AssetPipelineError)?.code, .missingReference)
            XCTAssertTrue("\(error)".contains("css/broken.css:1"))
        }
        XCTAssertEqual(try tree.read("out/gatehouse-manifest.json"), before)
    }

    func testRemovedSourceFilesAreRemovedFromOutputButForeignFilesStay() throws {
        try writeSite()
        try tree.write("out/README.md", "not ours")
        _ = try AssetPipeline(configuration: config()).build()
        XCTAssertTrue(tree.exists("out/index.html.br"))
        try FileManager.default.removeItem(atPath: tree.path("src/index.html"))
        let summary = try AssetPipeline(configuration: config()).build()
        XCTAssertEqual(summary.removed, 3)
        XCTAssertFalse(tree.exists("out/index.html"))
        XCTAssertFalse(tree.exists("out/index.html.br"))
        XCTAssertTrue(tree.exists("out/README.md"))
    }

    func testPrecompressedSiblingsAreSkipped() throws {
        try writeSite()
        try tree.write("src/js/app.js.gz", "stale")
        let summary = try AssetPipeline(configuration: config()).build()
        XCTAssertTrue(summary.warnings.contains { $0.contains("js/app.js.gz") })
        XCTAssertNotEqual(Array(try tree.read("out/js/app.js.gz")), Array("stale".utf8))
    }

    func testReporterSeesEveryJob() throws {
        final class Recorder: AssetBuildReporter, @unchecked Sendable {
            let lock = NSLock()
            var total = 0
            var seen: [AssetBuildProgress] = []
            func started(files: Int, jobs: Int, bytes: Int64) { total = jobs }
            func progressed(_ progress: AssetBuildProgress) { lock.lock(); seen.append(progress); lock.unlock() }
            func warning(_ message: String) {}
        }
        try writeSite()
        let recorder = Recorder()
        let summary = try AssetPipeline(configuration: config()).build(reporter: recorder)
        XCTAssertEqual(recorder.seen.count, recorder.total)
        XCTAssertEqual(recorder.seen.count, summary.compressed + summary.fromCache)
        XCTAssertEqual(recorder.seen.map(\.done).sorted(), Array(1...recorder.total))
        let last = try XCTUnwrap(recorder.seen.max { $0.done < $1.done })
        XCTAssertEqual(last.bytesDone, last.bytesTotal)
        XCTAssertTrue(ProgressFormatter.bar(last).contains("\(recorder.total)/\(recorder.total) files"))
    }

    func testDjangoCollectstaticOutputKeepsDjangosNames() throws {
        try tree.write("src/staticfiles.json", #"{"paths": {"admin/base.css": "admin/base.5af66c1b1797.css"}, "version": "1.1"}"#)
        try tree.write("src/admin/base.css", String(repeating: "body { margin: 0; } ", count: 30))
        try tree.write("src/admin/base.5af66c1b1797.css", String(repeating: "body { margin: 0; } ", count: 30))
        try tree.write("src/site.css", "@import 'admin/base.css';")
        _ = try AssetPipeline(configuration: config()).build()
        let m = try manifest()
        XCTAssertEqual(m.fingerprints["admin/base.css"], "admin/base.5af66c1b1797.css")
        XCTAssertEqual(m.files["admin/base.5af66c1b1797.css"]?.immutable, true)
        XCTAssertEqual(m.files.keys.filter { $0.hasPrefix("admin/base.") }.count, 2, "no second hash of Django's files")
        let site = String(decoding: try tree.read("out/" + m.fingerprints["site.css"]!), as: UTF8.self)
        XCTAssertEqual(site, "@import 'admin/base.5af66c1b1797.css';")
    }
}
