import NIOCore
import XCTest
@testable import GatehouseHTTP

final class HTTPDateTests: XCTestCase {
    // Sun, 06 Nov 1994 08:49:37 GMT (the RFC's example).
    let example: Int64 = 784_111_777

    func testFormat() {
        XCTAssertEqual(HTTPDate.format(example), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.format(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.format(4_133_980_799), "Fri, 31 Dec 2100 23:59:59 GMT")
        XCTAssertEqual(HTTPDate.format(-5), "Thu, 01 Jan 1970 00:00:00 GMT", "clamped")
    }

    func testWriteIntoBuffer() {
        var buffer = ByteBuffer(string: "date: ")
        XCTAssertEqual(HTTPDate.write(example, into: &buffer), 29)
        XCTAssertEqual(String(buffer: buffer), "date: Sun, 06 Nov 1994 08:49:37 GMT")
    }

    func testParseThreeFormats() {
        XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), example)
        XCTAssertEqual(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: 1_700_000_000), example)
        XCTAssertEqual(HTTPDate.parse("Sun Nov  6 08:49:37 1994"), example)
        XCTAssertEqual(HTTPDate.parse("  Sun, 06 Nov 1994 08:49:37 GMT \t"), example)
    }

    func testRFC850TwoDigitYearWindow() {
        let in2024: Int64 = 1_704_067_200  // 2024-01-01
        // RFC 9110: a two-digit year that would be more than 50 years in the future is in the past century.
        XCTAssertEqual(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: in2024), example)
        let y2070 = HTTPDate.parse("Wednesday, 01-Jan-70 00:00:00 GMT", now: in2024)
        XCTAssertEqual(y2070.map(HTTPDate.format), "Wed, 01 Jan 2070 00:00:00 GMT")
        let y2074 = HTTPDate.parse("Monday, 01-Jan-74 00:00:00 GMT", now: in2024)
        XCTAssertEqual(y2074.map(HTTPDate.format), "Mon, 01 Jan 2074 00:00:00 GMT")
        let y1975 = HTTPDate.parse("Wednesday, 01-Jan-75 00:00:00 GMT", now: in2024)
        XCTAssertEqual(y1975.map(HTTPDate.format), "Wed, 01 Jan 1975 00:00:00 GMT")
    }

    func testRoundTripOverManyDays() {
        var t: Int64 = 0
        while t < 4_102_444_800 {  // to 2100
            XCTAssertEqual(HTTPDate.parse(HTTPDate.format(t)), t)
            t += 86_400 * 17 + 3_607
        }
    }

    func testInvalidDates() {
        for bad in ["", "yesterday", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 1994 08:49:37 GMT",
                    "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 6 Nov 1994 08:49:37 GMT",
                    "sun, 06 nov 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
                    "Funday, 06-Nov-94 08:49:37 GMT", "Sun Nov 06 08:49:37 94", "Sun, 06 Nov 1994 08:49:37 GMT x",
                    "Sun, 29 Feb 1900 00:00:00 GMT"] {
            XCTAssertNil(HTTPDate.parse(bad, now: 1_700_000_000), bad)
        }
    }

    func testLeapSecondIsClamped() {
        XCTAssertEqual(HTTPDate.parse("Sat, 31 Dec 2016 23:59:60 GMT"), 1_483_228_799)
    }
}
