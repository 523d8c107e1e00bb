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
