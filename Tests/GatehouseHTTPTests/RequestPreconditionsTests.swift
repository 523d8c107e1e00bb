import NIOHTTP1
import XCTest
@testable import GatehouseHTTP

final class RequestPreconditionsTests: XCTestCase {
    let etag = "\"abc\""
    let modified: Int64 = 784_111_777  // Sun, 06 Nov 1994 08:49:37 GMT
    let atModified = "Sun, 06 Nov 1994 08:49:37 GMT"
    let before = "Sun, 06 Nov 1994 08:49:36 GMT"
    let after = "Sun, 06 Nov 1994 08:49:38 GMT"

    private func eval(_ p: RequestPreconditions, get: Bool = true) -> PreconditionResult {
        p.evaluate(etag: etag, lastModified: modified, isGetOrHead: get)
    }

    func testNoPreconditionsProceed() {
        XCTAssertTrue(RequestPreconditions().isEmpty)
        XCTAssertEqual(eval(RequestPreconditions()), .proceed)
    }

    func testIfNoneMatch() {
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"abc\"")), .notModified)
        XCTAssertEqual(eval(.init(ifNoneMatch: "W/\"abc\"")), .notModified, "weak comparison")
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"x\", \"abc\"")), .notModified)
        XCTAssertEqual(eval(.init(ifNoneMatch: "*")), .notModified)
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"other\"")), .proceed)
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"abc\""), get: false), .preconditionFailed)
    }

    func testIfModifiedSince() {
        XCTAssertEqual(eval(.init(ifModifiedSince: atModified)), .notModified)
        XCTAssertEqual(eval(.init(ifModifiedSince: after)), .notModified)
        XCTAssertEqual(eval(.init(ifModifiedSince: before)), .proceed)
        XCTAssertEqual(eval(.init(ifModifiedSince: "garbage")), .proceed, "invalid date ignored")
        XCTAssertEqual(eval(.init(ifModifiedSince: atModified), get: false), .proceed, "only for GET/HEAD")
        XCTAssertEqual(RequestPreconditions(ifModifiedSince: atModified)
            .evaluate(etag: etag, lastModified: nil, isGetOrHead: true), .proceed)
    }

    func testIfNoneMatchTakesPrecedenceOverIfModifiedSince() {
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"other\"", ifModifiedSince: after)), .proceed)
        XCTAssertEqual(eval(.init(ifNoneMatch: "\"abc\"", ifModifiedSince: before)), .notModified)
    }

    func testIfMatch() {
        XCTAssertEqual(eval(.init(ifMatch: "\"abc\"")), .proceed)
        XCTAssertEqual(eval(.init(ifMatch: "*")), .proceed)
        XCTAssertEqual(eval(.init(ifMatch: "W/\"abc\"")), .preconditionFailed, "strong comparison")
        XCTAssertEqual(eval(.init(ifMatch: "\"nope\"")), .preconditionFailed)
        XCTAssertEqual(RequestPreconditions(ifMatch: "*").evaluate(etag: nil, lastModified: nil, isGetOrHead: true),
                       .preconditionFailed)
    }

    func testIfUnmodifiedSince() {
        XCTAssertEqual(eval(.init(ifUnmodifiedSince: atModified)), .proceed)
        XCTAssertEqual(eval(.init(ifUnmodifiedSince: before)), .preconditionFailed)
        XCTAssertEqual(eval(.init(ifUnmodifiedSince: "nonsense")), .proceed)
        XCTAssertEqual(eval(.init(ifMatch: "\"abc\"", ifUnmodifiedSince: before)), .proceed,
                       "If-Unmodified-Since is ignored when If-Match is present")
    }

    func testIfMatchIsEvaluatedBeforeIfNoneMatch() {
        XCTAssertEqual(eval(.init(ifMatch: "\"nope\"", ifNoneMatch: "\"abc\"")), .preconditionFailed)
        XCTAssertEqual(eval(.init(ifMatch: "\"abc\"", ifNoneMatch: "\"abc\"")), .notModified)
    }

    func testReadsHeaders() {
        var h = HTTPHeaders()
        h.add(name: "If-None-Match", value: "\"x\"")
        h.add(name: "if-none-match", value: "\"abc\"")
        h.add(name: "If-Modified-Since", value: atModified)
        h.add(name: "If-Modified-Since", value: atModified)
        let p = RequestPreconditions(headers: h)
        XCTAssertEqual(p.ifNoneMatch, "\"x\", \"abc\"")
        XCTAssertNil(p.ifModifiedSince, "a repeated date field is ignored")
        XCTAssertEqual(eval(p), .notModified)
    }
}
