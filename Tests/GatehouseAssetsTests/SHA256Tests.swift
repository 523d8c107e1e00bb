import XCTest
@testable import GatehouseAssets

/// FIPS 180-4 / NIST CAVP example vectors, plus streaming boundaries.
final class SHA256Tests: XCTestCase {
    func testEmptyString() {
        XCTAssertEqual(SHA256.hexDigest([UInt8]()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testABC() {
        XCTAssertEqual(SHA256.hexDigest(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testTwoBlockMessage() {
        XCTAssertEqual(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFourBlockMessage() {
        let message = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(SHA256.hexDigest(Array(message.utf8)),
                       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testOneMillionA() {
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testPaddingBoundaries() {
        // Lengths around 55/56/64 bytes exercise the one-or-two-block padding paths.
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 55)),
                       "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 56)),
                       "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 64)),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    func testStreamingInOddPiecesMatchesOneShot() {
        let data = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let expected = SHA256.hash(data)
        for pieceSize in [1, 3, 63, 64, 65, 1000] {
            var hasher = SHA256()
            var index = 0
            while index < data.count {
                let end = min(index + pieceSize, data.count)
                hasher.update(data[index..<end])
                index = end
            }
            XCTAssertEqual(hasher.finalize(), expected, "piece size \(pieceSize)")
        }
    }

    func testNonContiguousSequence() {
        XCTAssertEqual(SHA256.hexDigest("abc".utf8.lazy.map { $0 }),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testThroughputIsReasonable() {
        // 8 MiB must hash well within a debug build's budget; this catches per-byte allocation regressions.
        let data = [UInt8](repeating: 0x5A, count: 8 << 20)
        let start = ContinuousClock.now
        _ = SHA256.hash(data)
        let elapsed = ContinuousClock.now - start
        XCTAssertLessThan(elapsed, .seconds(20))
    }
}
