import XCTest
@testable import GatehouseCompress

final class BrotliCodecTests: XCTestCase {
    private func sampleText(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while out.count < count {
            out.append(contentsOf: Array("function item\(i % 97)(a, b) { return a * \(i) + b; }\n".utf8))
            i += 1
        }
        return Array(out.prefix(count))
    }

    func testRoundTripText() throws {
        let input = sampleText(50_000)
        let packed = try BrotliCodec.compress(input, mode: .text)
        XCTAssertLessThan(packed.count, input.count / 5)
        XCTAssertEqual(try BrotliCodec.decompress(packed, limit: input.count), input)
    }

    func testRoundTripEmptyAndTiny() throws {
        for input in [[], [0x41], Array("hello".utf8)] as [[UInt8]] {
            let packed = try BrotliCodec.compress(input)
            XCTAssertFalse(packed.isEmpty)
            XCTAssertEqual(try BrotliCodec.decompress(packed, limit: 16), input)
        }
    }

    func testRoundTripIncompressibleBytes() throws {
        var rng = SystemRandomNumberGenerator()
        let input = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let packed = try BrotliCodec.compress(input)
        XCTAssertEqual(try BrotliCodec.decompress(packed, limit: input.count), input)
    }

    func testWindowCoversSize() {
        XCTAssertEqual(BrotliCodec.window(forSize: 0), 16)
        XCTAssertEqual(BrotliCodec.window(forSize: 1000), 16)
        XCTAssertEqual(BrotliCodec.window(forSize: 65_520), 16)   // 2^16 - 16
        XCTAssertEqual(BrotliCodec.window(forSize: 65_521), 18)   // 17 is skipped: its header costs 7 bits
        XCTAssertEqual(BrotliCodec.window(forSize: 262_128), 18)
        XCTAssertEqual(BrotliCodec.window(forSize: 262_129), 19)
        XCTAssertEqual(BrotliCodec.window(forSize: 1 << 30), 24)
    }

    func testSizedWindowNeverLosesToDefaultWindow() throws {
        for size in [300, 5_000, 70_000] {
            let input = sampleText(size)
            let sized = try BrotliCodec.compress(input)
            let wide = try BrotliCodec.compress(input, window: 22)
            XCTAssertLessThanOrEqual(sized.count, wide.count, "size \(size)")
            XCTAssertEqual(try BrotliCodec.decompress(sized, limit: size), input)
        }
    }

    func testCompressionIsDeterministic() throws {
        let input = sampleText(20_000)
        XCTAssertEqual(try BrotliCodec.compress(input), try BrotliCodec.compress(input))
    }

    func testRejectsBadParameters() {
        XCTAssertThrowsError(try BrotliCodec.compress([1, 2, 3], quality: 12))
        XCTAssertThrowsError(try BrotliCodec.compress([1, 2, 3], window: 30))
    }

    func testCorruptStreamIsAnErrorNotATrap() throws {
        let input = sampleText(10_000)
        var packed = try BrotliCodec.compress(input)
        packed[packed.count / 2] ^= 0xFF
        XCTAssertThrowsError(try BrotliCodec.decompress(packed, limit: input.count * 2)) { error in
            XCTAssertEqual((error as? CompressionError)?.codec, "brotli")
        }
    }

    func testTruncatedAndTrailingAreErrors() throws {
        let input = sampleText(10_000)
        let packed = try BrotliCodec.compress(input)
        XCTAssertThrowsError(try BrotliCodec.decompress(Array(packed.dropLast(3)), limit: input.count))
        XCTAssertThrowsError(try BrotliCodec.decompress(packed + [0], limit: input.count))
        XCTAssertThrowsError(try BrotliCodec.decompress([], limit: 10))
    }

    func testLimitStopsBombs() throws {
        let input = [UInt8](repeating: 0x61, count: 1_000_000)
        let packed = try BrotliCodec.compress(input)
        XCTAssertLessThan(packed.count, 100)
        XCTAssertThrowsError(try BrotliCodec.decompress(packed, limit: 999_999)) { error in
            XCTAssertTrue("\(error)".contains("limit"))
        }
    }

    func testVersionLooksLikeSemver() {
        XCTAssertEqual(BrotliCodec.encoderVersion.split(separator: ".").count, 3)
    }
}
