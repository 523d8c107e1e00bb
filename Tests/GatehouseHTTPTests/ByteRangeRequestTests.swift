import XCTest
@testable import GatehouseHTTP

final class ByteRangeRequestTests: XCTestCase {
    func testParse() {
        XCTAssertEqual(ByteRangeRequest.parse("bytes=0-99"), [.closed(first: 0, last: 99)])
        XCTAssertEqual(ByteRangeRequest.parse("bytes=100-"), [.from(first: 100)])
        XCTAssertEqual(ByteRangeRequest.parse("bytes=-5"), [.suffix(length: 5)])
        XCTAssertEqual(ByteRangeRequest.parse("Bytes = 0-1, 5-6 ,-2,"),
                       [.closed(first: 0, last: 1), .closed(first: 5, last: 6), .suffix(length: 2)])
        XCTAssertEqual(ByteRangeRequest.parse("bytes=0-99999999999999999999999"),
                       [.closed(first: 0, last: Int64.max)], "saturates")
    }

    func testParseRejects() {
        for bad in ["", "bytes", "bytes=", "bytes=,", "items=0-1", "bytes=5-2", "bytes=a-b", "bytes=-", "bytes=1",
                    "bytes=0-1;x", "bytes=0-1 2-3", "bytes 0-1"] {
            XCTAssertNil(ByteRangeRequest.parse(bad), bad)
        }
    }

    func testResolveSingle() {
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 0, last: 9)], size: 100), .single(0...9))
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 90, last: 500)], size: 100), .single(90...99))
        XCTAssertEqual(ByteRangeRequest.resolve([.from(first: 10)], size: 100), .single(10...99))
        XCTAssertEqual(ByteRangeRequest.resolve([.suffix(length: 10)], size: 100), .single(90...99))
        XCTAssertEqual(ByteRangeRequest.resolve([.suffix(length: 1000)], size: 100), .single(0...99))
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 0, last: 0)], size: 1), .single(0...0))
    }

    func testResolveUnsatisfiable() {
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 100, last: 200)], size: 100), .unsatisfiable)
        XCTAssertEqual(ByteRangeRequest.resolve([.from(first: 100)], size: 100), .unsatisfiable)
        XCTAssertEqual(ByteRangeRequest.resolve([.suffix(length: 0)], size: 100), .unsatisfiable)
        XCTAssertEqual(ByteRangeRequest.resolve([.suffix(length: 5)], size: 0), .unsatisfiable)
        XCTAssertEqual(ByteRangeRequest.resolve([.from(first: 0)], size: 0), .unsatisfiable)
        XCTAssertEqual(ByteRangeRequest.resolve([.from(first: 500), .closed(first: 5, last: 6)], size: 100),
                       .single(5...6), "unsatisfiable parts are dropped")
    }

    func testResolveMultiple() {
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 50, last: 59), .closed(first: 0, last: 9)], size: 100),
                       .multiple([50...59, 0...9]), "request order kept")
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 0, last: 9), .closed(first: 10, last: 19)], size: 100),
                       .multiple([0...9, 10...19]), "adjacent is fine")
    }

    func testOverlappingOrExcessiveRangesAreServedWhole() {
        XCTAssertEqual(ByteRangeRequest.resolve([.closed(first: 0, last: 50), .closed(first: 40, last: 60)], size: 100),
                       .full)
        XCTAssertEqual(ByteRangeRequest.resolve([.from(first: 0), .from(first: 0)], size: 100), .full)
        XCTAssertEqual(ByteRangeRequest.resolve([.suffix(length: 10), .closed(first: 95, last: 96)], size: 100), .full)
        let many = (0..<17).map { ByteRangeSpec.closed(first: Int64($0 * 2), last: Int64($0 * 2)) }
        XCTAssertEqual(ByteRangeRequest.resolve(many, size: 100), .full, "more than 16 ranges")
        XCTAssertEqual(ByteRangeRequest.resolve(Array(many.prefix(16)), size: 100),
                       .multiple((0..<16).map { Int64($0 * 2)...Int64($0 * 2) }))
        XCTAssertEqual(ByteRangeRequest.resolve(Array(many.prefix(3)), size: 100, maxRanges: 2), .full)
    }

    func testIfRange() {
        let lm: Int64 = 784_111_777
        XCTAssertTrue(ByteRangeRequest.ifRangeHolds("\"abc\"", etag: "\"abc\"", lastModified: lm))
        XCTAssertFalse(ByteRangeRequest.ifRangeHolds("\"old\"", etag: "\"abc\"", lastModified: lm))
        XCTAssertFalse(ByteRangeRequest.ifRangeHolds("W/\"abc\"", etag: "\"abc\"", lastModified: lm), "weak never")
        XCTAssertTrue(ByteRangeRequest.ifRangeHolds("Sun, 06 Nov 1994 08:49:37 GMT", etag: "\"abc\"", lastModified: lm))
        XCTAssertFalse(ByteRangeRequest.ifRangeHolds("Sun, 06 Nov 1994 08:49:38 GMT", etag: "\"abc\"", lastModified: lm),
                       "a date must match exactly")
        XCTAssertFalse(ByteRangeRequest.ifRangeHolds("garbage", etag: "\"abc\"", lastModified: lm))
        // Dates that start with "W" (Wednesday) are dates, not weak entity tags.
        let wednesday: Int64 = 1_795_588_420  // Wed, 25 Nov 2026 06:33:40 GMT
        XCTAssertTrue(ByteRangeRequest.ifRangeHolds("Wed, 25 Nov 2026 06:33:40 GMT", etag: "\"abc\"",
                                                    lastModified: wednesday))
        XCTAssertTrue(ByteRangeRequest.ifRangeHolds("Wednesday, 25-Nov-26 06:33:40 GMT", etag: "\"abc\"",
                                                    lastModified: wednesday))
        XCTAssertFalse(ByteRangeRequest.ifRangeHolds("Wed, 25 Nov 2026 06:33:41 GMT", etag: "\"abc\"",
                                                     lastModified: wednesday))
    }

    func testEvaluate() {
        XCTAssertEqual(ByteRangeRequest.evaluate(range: nil, ifRange: nil, size: 10, etag: nil, lastModified: nil), .full)
        XCTAssertEqual(ByteRangeRequest.evaluate(range: "bytes=2-3", ifRange: nil, size: 10, etag: nil,
                                                 lastModified: nil), .single(2...3))
        XCTAssertEqual(ByteRangeRequest.evaluate(range: "bytes=9-2", ifRange: nil, size: 10, etag: nil,
                                                 lastModified: nil), .full, "invalid Range is ignored")
        XCTAssertEqual(ByteRangeRequest.evaluate(range: "bytes=2-3", ifRange: "\"x\"", size: 10, etag: "\"y\"",
                                                 lastModified: nil), .full)
        XCTAssertEqual(ByteRangeRequest.evaluate(range: "bytes=2-3", ifRange: "\"y\"", size: 10, etag: "\"y\"",
                                                 lastModified: nil), .single(2...3))
        XCTAssertEqual(ByteRangeRequest.evaluate(range: "bytes=20-", ifRange: nil, size: 10, etag: nil,
                                                 lastModified: nil), .unsatisfiable)
    }
}
