import NIOCore
import NIOHTTP1
import XCTest

@testable import GatehouseHTTP

/// Peer bytes must never trap the parser, and how the bytes are split into reads must never change the outcome.
/// Deterministic mutation fuzzing from a corpus of valid requests (seeded generator, so a failure reproduces).
final class HTTP1RequestParserFuzzTests: XCTestCase {
    /// SplitMix64: small, seedable, good enough to drive mutations.
    private struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private static let corpus: [String] = [
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /p?q=1 HTTP/1.0\r\n\r\n",
        "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n",
        "PUT /x HTTP/1.1\nHost: a\nContent-Length: 3\n\nabcGET / HTTP/1.1\nHost: a\n\n",
        "HEAD /h HTTP/1.1\r\nHost: a\r\nAccept-Encoding: br, gzip;q=0.5\r\nCookie: a=b\r\n\r\n",
    ]

    private static let interesting: [UInt8] = Array("\r\n :;,0fF-\t\u{0}\u{7f}".utf8) + [0x80, 0xC3, 0xFF]

    /// What a parse produced: the parts (heads by their fields, body bytes concatenated per message) or the error.
    private struct Outcome: Equatable {
        var heads: [String] = []
        var bodies: [[UInt8]] = []
        var ends = 0
        var error: HTTPRequestParseError?
    }

    private func parse(_ bytes: [UInt8], splits: [Int]) -> Outcome {
        var parser = HTTP1RequestParser(limits: .init(maxRequestLine: 64, maxHeaderSection: 128))
        var outcome = Outcome()
        var buffer = ByteBuffer()
        var body: [UInt8] = []
        var offset = 0
        var cuts = splits.filter { $0 > 0 && $0 < bytes.count }.sorted() + [bytes.count]
        while offset < bytes.count || !cuts.isEmpty {
            let cut = cuts.isEmpty ? bytes.count : cuts.removeFirst()
            if cut > offset {
                buffer.writeBytes(bytes[offset..<cut])
                offset = cut
            }
            do {
                while let part = try parser.next(&buffer) {
                    switch part {
                    case .head(let head):
                        outcome.heads.append("\(head.method) \(head.uri) \(head.version) \(Array(head.headers))")
                    case .body(let slice):
                        XCTAssertGreaterThan(slice.readableBytes, 0, "no empty body parts")
                        body += slice.readableBytesView
                    case .end:
                        outcome.bodies.append(body)
                        body = []
                        outcome.ends += 1
                    }
                }
            } catch let error as HTTPRequestParseError {
                outcome.error = error
                // After an error every further call fails the same way.
                XCTAssertThrowsError(try parser.next(&buffer)) { XCTAssertEqual($0 as? HTTPRequestParseError, error) }
                return outcome
            } catch {
                XCTFail("unexpected error type \(error)")
                return outcome
            }
            if cuts.isEmpty && offset >= bytes.count { break }
        }
        return outcome
    }

    func testMutatedRequestsNeverTrapAndSplittingNeverChangesTheOutcome() {
        var rng = Generator(state: 0x6761_7465_686F_7573)
        var accepted = 0, rejected = 0
        for round in 0..<4000 {
            var bytes = Array(Self.corpus[round % Self.corpus.count].utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0 where at < bytes.count: bytes.remove(at: at)
                case 1: bytes.insert(Self.interesting.randomElement(using: &rng)!, at: at)
                case 2 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                default: bytes.insert(contentsOf: repeatElement(UInt8(ascii: "a"), count: Int.random(in: 1...80, using: &rng)), at: at)
                }
            }
            let whole = parse(bytes, splits: [])
            let byteByByte = parse(bytes, splits: Array(0...bytes.count))
            let random = parse(bytes, splits: (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &rng) })
            XCTAssertEqual(whole, byteByByte, "input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            XCTAssertEqual(whole, random, "input \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            XCTAssertLessThanOrEqual(whole.bodies.reduce(0) { $0 + $1.count }, bytes.count)
            if whole.error == nil { accepted += 1 } else { rejected += 1 }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        XCTAssertGreaterThan(accepted, 200)
        XCTAssertGreaterThan(rejected, 200)
    }
}
