import XCTest

@testable import GatehouseHTTP

/// Peer bytes must never trap the parser, and how the bytes are split into reads must never change the outcome.
/// Deterministic mutation fuzzing from a corpus of valid requests (seeded generator, so a failure reproduces);
/// `ParserHarness.parse` feeds each input whole, byte by byte and in random pieces and asserts they agree.
final class HTTP1RequestParserFuzzTests: XCTestCase {
    private static let corpus: [String] = [
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /p?q=1 HTTP/1.0\r\n\r\n",
        "POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /u HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: v\r\n\r\n",
        "PUT /x HTTP/1.1\nHost: a\nContent-Length: 3\n\nabcGET / HTTP/1.1\nHost: a\n\n",
        "HEAD /h HTTP/1.1\r\nHost: a\r\nAccept-Encoding: br, gzip;q=0.5\r\nCookie: a=b\r\n\r\n",
    ]

    private static let interesting: [UInt8] = Array("\r\n :;,0fF-\t\u{0}\u{7f}".utf8) + [0x80, 0xC3, 0xFF]

    func testMutatedRequestsNeverTrapAndSplittingNeverChangesTheOutcome() {
        var rng = ParserHarness.SeededGenerator(state: 0x6761_7465_686F_7573)
        let limits = HTTP1RequestParser.Limits(maxRequestLine: 64, maxHeaderSection: 128)
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
            let outcome = ParserHarness.parse(bytes, limits: limits)
            XCTAssertLessThanOrEqual(outcome.messages.reduce(0) { $0 + $1.body.count }, bytes.count)
            if outcome.error == nil { accepted += 1 } else { rejected += 1 }
        }
        // The mutations must exercise both outcomes, or the test proves little.
        XCTAssertGreaterThan(accepted, 200)
        XCTAssertGreaterThan(rejected, 200)
    }
}
