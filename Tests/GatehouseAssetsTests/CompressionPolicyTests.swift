import XCTest
@testable import GatehouseAssets

final class CompressionPolicyTests: XCTestCase {
    let policy = CompressionPolicy()

    func testKeepIfAtMost95Percent() {
        XCTAssertTrue(policy.keeps(compressedSize: 950, originalSize: 1000))
        XCTAssertFalse(policy.keeps(compressedSize: 951, originalSize: 1000))
        XCTAssertTrue(policy.keeps(compressedSize: 10, originalSize: 1000))
        XCTAssertFalse(policy.keeps(compressedSize: 1000, originalSize: 1000))
        XCTAssertFalse(policy.keeps(compressedSize: 0, originalSize: 0))
    }

    func testMinimumSizeAndType() {
        XCTAssertFalse(policy.shouldCompress(.of(path: "a.css"), size: 255))
        XCTAssertTrue(policy.shouldCompress(.of(path: "a.css"), size: 256))
        XCTAssertFalse(policy.shouldCompress(.of(path: "a.png"), size: 100_000))
        XCTAssertTrue(CompressionPolicy(minimumSize: 0).shouldCompress(.of(path: "a.css"), size: 1))
        XCTAssertFalse(CompressionPolicy(minimumSize: 0).shouldCompress(.of(path: "a.css"), size: 0))
    }

    func testSettingsKeysChangeWithSettings() {
        let type = AssetType.of(path: "a.css")
        XCTAssertNotEqual(policy.brotliSettingsKey(type, size: 1000),
                          CompressionPolicy(brotliQuality: 10).brotliSettingsKey(type, size: 1000))
        XCTAssertNotEqual(policy.brotliSettingsKey(type, size: 1000), policy.brotliSettingsKey(type, size: 1_000_000))
        XCTAssertNotEqual(policy.gzipSettingsKey(), CompressionPolicy(gzipLevel: 6).gzipSettingsKey())
    }
}

final class ProgressFormatterTests: XCTestCase {
    private func progress(done: Int, bytesDone: Int64, elapsed: Double) -> AssetBuildProgress {
        AssetBuildProgress(done: done, total: 10, bytesDone: bytesDone, bytesTotal: 1000, elapsed: elapsed,
                           path: "css/site.css", fromCache: false, size: 5000, brotliSize: 1200, gzipSize: nil)
    }

    func testBarShowsFilesBytesAndETA() {
        let bar = ProgressFormatter.bar(progress(done: 4, bytesDone: 250, elapsed: 2), width: 80)
        XCTAssertTrue(bar.hasPrefix("[##########------------------------------]"), bar)
        XCTAssertTrue(bar.contains("4/10 files"))
        XCTAssertTrue(bar.contains("250 B/1.0 KB"))
        XCTAssertTrue(bar.contains("ETA 6s"), bar)   // 750 bytes left at 125 B/s
        XCTAssertLessThanOrEqual(bar.count, 80)
        XCTAssertTrue(ProgressFormatter.bar(progress(done: 0, bytesDone: 0, elapsed: 0)).contains("ETA --"))
    }

    func testPlainLine() {
        XCTAssertEqual(ProgressFormatter.line(progress(done: 1, bytesDone: 1, elapsed: 1)),
                       "compressed css/site.css 5.0 KB -> br 1.2 KB, gzip not kept")
    }

    func testByteFormatting() {
        XCTAssertEqual(ByteCountFormatter.format(999), "999 B")
        XCTAssertEqual(ByteCountFormatter.format(1_500), "1.5 KB")
        XCTAssertEqual(ByteCountFormatter.format(2_345_678), "2.3 MB")
    }
}
