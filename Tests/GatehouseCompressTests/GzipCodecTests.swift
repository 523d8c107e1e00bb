import XCTest
@testable import GatehouseCompress

final class GzipCodecTests: XCTestCase {
    private let text = Array(String(repeating: "body { color: #123456; margin: 0 auto; }\n", count: 500).utf8)

    func testRoundTrip() throws {
        let packed = try GzipCodec.compress(text)
        XCTAssertLessThan(packed.count, text.count / 10)
        XCTAssertEqual(try GzipCodec.decompress(packed, limit: text.count), text)
    }

    func testEmptyInputRoundTrips() throws {
        let packed = try GzipCodec.compress([])
        XCTAssertEqual(try GzipCodec.decompress(packed, limit: 0), [])
    }

    func testHeaderHasNoNameAndNoMtime() throws {
        let packed = try GzipCodec.compress(text)
        XCTAssertEqual(Array(packed.prefix(3)), [0x1F, 0x8B, 8])   // magic, deflate
        XCTAssertEqual(packed[3], 0)                                // FLG: no FNAME, no FCOMMENT, no FEXTRA
        XCTAssertEqual(Array(packed[4..<8]), [0, 0, 0, 0])          // MTIME = 0
        XCTAssertEqual(packed[8], 2)                                // XFL: maximum compression
    }

    func testTrailerCarriesLengthAndIsDeterministic() throws {
        let packed = try GzipCodec.compress(text)
        let isize = packed.suffix(4).reversed().reduce(0) { ($0 << 8) | Int($1) }
        XCTAssertEqual(isize, text.count)
        XCTAssertEqual(packed, try GzipCodec.compress(text))
    }

    func testFlippedByteIsDetected() throws {
        let packed = try GzipCodec.compress(text)
        for index in [10, packed.count / 2, packed.count - 6, packed.count - 2] {
            var damaged = packed
            damaged[index] ^= 0x01
            XCTAssertThrowsError(try GzipCodec.decompress(damaged, limit: text.count * 2), "byte \(index)") { error in
                XCTAssertEqual((error as? CompressionError)?.codec, "gzip")
            }
        }
    }

    func testTruncatedTrailingAndGarbage() throws {
        let packed = try GzipCodec.compress(text)
        XCTAssertThrowsError(try GzipCodec.decompress(Array(packed.dropLast(5)), limit: text.count))
        XCTAssertThrowsError(try GzipCodec.decompress(packed + [0x1F], limit: text.count))
        XCTAssertThrowsError(try GzipCodec.decompress(Array("not gzip".utf8), limit: 100))
        XCTAssertThrowsError(try GzipCodec.decompress([], limit: 100))
    }

    func testLimit() throws {
        let packed = try GzipCodec.compress(text)
        XCTAssertThrowsError(try GzipCodec.decompress(packed, limit: text.count - 1))
    }

    func testLargeInputCrossesChunks() throws {
        var input: [UInt8] = []
        for i in 0..<60_000 { input.append(UInt8(truncatingIfNeeded: i &* 31 &+ (i >> 7))) }
        input += text + text + text
        let packed = try GzipCodec.compress(input)
        XCTAssertEqual(try GzipCodec.decompress(packed, limit: input.count), input)
    }

    func testSmallestIsNoLargerThanEitherMemLevel() throws {
        let smallest = try GzipCodec.compressSmallest(text)
        XCTAssertLessThanOrEqual(smallest.count, try GzipCodec.compress(text, memLevel: 8).count)
        XCTAssertLessThanOrEqual(smallest.count, try GzipCodec.compress(text, memLevel: 9).count)
        XCTAssertEqual(try GzipCodec.decompress(smallest, limit: text.count), text)
    }

    func testBadLevel() {
        XCTAssertThrowsError(try GzipCodec.compress(text, level: 10))
    }
}
