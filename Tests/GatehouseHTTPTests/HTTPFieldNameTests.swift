import GatehouseHTTP
import XCTest

/// Header names compared the HTTP way: ASCII case-insensitive, whole names and prefixes.
final class HTTPFieldNameTests: XCTestCase {
    func testWholeNamesIgnoreASCIICaseOnly() {
        XCTAssertTrue(HTTPFieldName.matches("Content-Length", "content-length"))
        XCTAssertTrue(HTTPFieldName.matches("CONTENT-LENGTH", "content-length"))
        XCTAssertFalse(HTTPFieldName.matches("Content-Lengths", "content-length"))
        XCTAssertFalse(HTTPFieldName.matches("Content_Length", "content-length"))
        XCTAssertTrue(HTTPFieldName.equal("X-Forwarded-For", "x-forwarded-for"))
        XCTAssertFalse(HTTPFieldName.equal("X-Forwarded-For", "x-forwarded-fo"))
    }

    func testPrefixesIgnoreASCIICase() {
        XCTAssertTrue(HTTPFieldName.hasPrefix("X-Accel-Redirect", "x-accel-"))
        XCTAssertTrue(HTTPFieldName.hasPrefix("x-accel-", "x-accel-"))
        XCTAssertTrue(HTTPFieldName.hasPrefix("X-GATEHOUSE-Reason", "x-gatehouse-"))
        XCTAssertFalse(HTTPFieldName.hasPrefix("X-Accel", "x-accel-"))
        XCTAssertFalse(HTTPFieldName.hasPrefix("X-Acce1-Redirect", "x-accel-"))
        XCTAssertFalse(HTTPFieldName.hasPrefix("", "x"))
        XCTAssertTrue(HTTPFieldName.hasPrefix("anything", ""))
        // Non-ASCII bytes are never folded into ASCII letters.
        XCTAssertFalse(HTTPFieldName.hasPrefix("X-Äccel-Redirect", "x-accel-"))
    }
}
