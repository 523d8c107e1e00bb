import NIOHTTP1
import XCTest
@testable import GatehouseHTTP

final class HopByHopHeadersTests: XCTestCase {
    func testRemovesStandardAndConnectionListedFields() {
        let headers = HTTPHeaders([
            ("Host", "example.com"), ("Connection", "keep-alive, X-Secret"), ("Keep-Alive", "timeout=5"),
            ("TE", "trailers"), ("Transfer-Encoding", "chunked"), ("Upgrade", "h2c"), ("Proxy-Connection", "x"),
            ("Trailer", "X"), ("x-secret", "1"), ("Accept", "*/*"), ("connection", " X-Other ,bad token"),
            ("X-Other", "2"),
        ])
        let names = HopByHopHeaders.names(in: headers)
        XCTAssertTrue(names.isSuperset(of: HopByHopHeaders.standard))
        XCTAssertTrue(names.contains("x-secret"))
        XCTAssertTrue(names.contains("x-other"))
        XCTAssertFalse(names.contains("bad token"))
        XCTAssertTrue(HopByHopHeaders.isHopByHop("Keep-Alive", in: names))
        XCTAssertFalse(HopByHopHeaders.isHopByHop("Accept", in: names))
        var h = headers
        HopByHopHeaders.remove(from: &h)
        XCTAssertEqual(h.map { $0.name }, ["Host", "Accept"])
    }

    func testHeaderFieldHelpers() {
        let h = HTTPHeaders([("If-None-Match", "\"a\""), ("Range", "bytes=0-1"), ("range", "bytes=2-3"),
                             ("if-none-match", "\"b\"")])
        XCTAssertEqual(h.listValue(named: "if-none-match"), "\"a\", \"b\"")
        XCTAssertNil(h.listValue(named: "if-match"))
        XCTAssertEqual(h.singletonValue(named: "range"), .many)
        XCTAssertEqual(h.singletonValue(named: "if-range"), .absent)
        XCTAssertEqual(HTTPHeaders([("If-Range", "x")]).singletonValue(named: "if-range"), .one("x"))
    }

    func testIsStandardMatchesTheSetIgnoringCase() {
        for name in HopByHopHeaders.standard {
            XCTAssertTrue(HopByHopHeaders.isStandard(name), name)
            XCTAssertTrue(HopByHopHeaders.isStandard(name.uppercased()), name)
        }
        for name in ["Accept", "Connections", "T", "Upgrade-Insecure-Requests", "Transfer-Encodings", ""] {
            XCTAssertFalse(HopByHopHeaders.isStandard(name), name)
        }
    }
}
