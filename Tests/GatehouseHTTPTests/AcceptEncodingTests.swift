import GatehouseManifest
import NIOHTTP1
import XCTest
@testable import GatehouseHTTP

final class AcceptEncodingTests: XCTestCase {
    let all: Set<ContentCoding> = [.br, .gzip, .identity]

    private func pick(_ header: String?, _ available: Set<ContentCoding>? = nil) -> ContentCoding? {
        AcceptEncoding(header).negotiate(available: available ?? all)
    }

    func testNoHeaderMeansIdentity() {
        XCTAssertEqual(pick(nil), .identity)
        XCTAssertFalse(AcceptEncoding(nil).isPresent)
    }

    func testEmptyHeaderMeansIdentityOnly() {
        XCTAssertEqual(pick(""), .identity)
        XCTAssertEqual(pick("", [.br, .gzip]), nil)
    }

    func testBrowserHeaderPrefersBrotli() {
        XCTAssertEqual(pick("gzip, deflate, br, zstd"), .br)
        XCTAssertEqual(pick("gzip, deflate, br", [.gzip, .identity]), .gzip)
    }

    func testTokensAreCaseInsensitive() {
        XCTAssertEqual(pick("GZIP"), .gzip)
        XCTAssertEqual(pick("Br;Q=0.5, GZip;q=0.4"), .br)
        XCTAssertEqual(pick("x-gzip"), .gzip)
    }

    func testZeroQualityForbidsACoding() {
        XCTAssertEqual(pick("br;q=0, gzip"), .gzip)
        XCTAssertEqual(pick("br;q=0, gzip;q=0"), .identity)
        XCTAssertEqual(pick("br;q=0.000"), .identity)
    }

    func testHighestQualityWinsAndTiesPreferBrThenGzip() {
        XCTAssertEqual(pick("br;q=0.5, gzip;q=0.8"), .gzip)
        XCTAssertEqual(pick("gzip;q=0.8, br;q=0.8"), .br)
        XCTAssertEqual(pick("identity, gzip"), .gzip)
        XCTAssertEqual(pick("identity;q=1, gzip;q=0.9"), .identity)
    }

    func testIdentityRefused() {
        XCTAssertEqual(pick("identity;q=0"), nil, "nothing listed is available: 406")
        XCTAssertEqual(pick("identity;q=0, gzip"), .gzip)
        XCTAssertEqual(pick("identity;q=0, gzip", [.identity]), nil)
        XCTAssertTrue(AcceptEncoding("identity;q=0").refusesIdentity)
    }

    func testWildcard() {
        XCTAssertEqual(pick("*"), .br)
        XCTAssertEqual(pick("*;q=0"), nil)
        XCTAssertTrue(AcceptEncoding("*;q=0").refusesIdentity)
        XCTAssertEqual(pick("*;q=0, identity"), .identity)
        XCTAssertEqual(pick("*;q=0, gzip;q=0.1"), .gzip)
        XCTAssertEqual(pick("br;q=0, *"), .gzip)
        XCTAssertEqual(pick("*;q=0.5, gzip;q=0.4"), .br)
    }

    func testUnlistedCodingsAreNotAcceptableButIdentityIsImplicit() {
        XCTAssertEqual(pick("deflate"), .identity)
        XCTAssertEqual(pick("deflate", [.br, .gzip]), nil)
        XCTAssertEqual(pick("gzip;q=0.001"), .gzip, "an explicit coding beats implicit identity")
    }

    func testMalformedElementsAreIgnored() {
        XCTAssertEqual(pick("br;q=2, gzip"), .gzip, "q above 1")
        XCTAssertEqual(pick("br;q=0.1234, gzip;q=0.5"), .gzip, "more than three decimals")
        XCTAssertEqual(pick("br;q=, gzip"), .gzip)
        XCTAssertEqual(pick("br;q=abc, gzip"), .gzip)
        XCTAssertEqual(pick("br;q=1.5"), .identity)
        XCTAssertEqual(pick("br garbage, gzip"), .gzip)
        XCTAssertEqual(pick(";q=1, gzip"), .gzip)
        XCTAssertEqual(pick("br;x=\"a,b\";q=0, gzip"), .gzip, "quoted commas stay inside the element")
        XCTAssertEqual(pick("br;x=\"unterminated, gzip"), .gzip, "an unterminated quote is not a quote")
        XCTAssertEqual(pick("br;foo"), .identity, "parameter without value")
    }

    func testWhitespaceAndEmptyElements() {
        XCTAssertEqual(pick(" ,, gzip ; q = 0.5 ,\tbr ;q=0.4 ,"), .gzip)
        XCTAssertEqual(AcceptEncoding("gzip ; q = 0.5").gzip, 500)
    }

    func testFirstOccurrenceWins() {
        XCTAssertEqual(AcceptEncoding("gzip;q=0, gzip").gzip, 0)
    }

    func testQValueGrammar() {
        func q(_ s: String) -> Int? { AcceptEncoding("br;q=" + s).br }
        XCTAssertEqual(q("1"), 1000)
        XCTAssertEqual(q("1."), 1000)
        XCTAssertEqual(q("1.000"), 1000)
        XCTAssertNil(q("1.001"))
        XCTAssertEqual(q("0"), 0)
        XCTAssertEqual(q("0.5"), 500)
        XCTAssertEqual(q("0.05"), 50)
        XCTAssertEqual(q("0.123"), 123)
        XCTAssertNil(q("0.1234"))
        XCTAssertNil(q(".5"))
        XCTAssertNil(q("2"))
        XCTAssertNil(q("-0"))
    }

    func testSeveralHeaderLinesAreCombined() {
        var headers = HTTPHeaders()
        headers.add(name: "Accept-Encoding", value: "br;q=0")
        headers.add(name: "accept-encoding", value: "gzip")
        let ae = AcceptEncoding(headers: headers)
        XCTAssertTrue(ae.isPresent)
        XCTAssertEqual(ae.negotiate(available: all), .gzip)
        XCTAssertFalse(AcceptEncoding(headers: HTTPHeaders()).isPresent)
    }

    func testFlagFormAgreesWithSetForm() {
        let headers: [String?] = [nil, "", "br", "gzip", "identity;q=0", "*;q=0", "br;q=0.5, gzip;q=0.5", "*",
                                  "identity;q=0, *;q=0.2", "gzip;q=0, *"]
        for h in headers {
            let ae = AcceptEncoding(h)
            for mask in 0..<8 {
                var set: Set<ContentCoding> = []
                if mask & 1 != 0 { set.insert(.br) }
                if mask & 2 != 0 { set.insert(.gzip) }
                if mask & 4 != 0 { set.insert(.identity) }
                XCTAssertEqual(ae.negotiate(available: set),
                               ae.negotiate(br: mask & 1 != 0, gzip: mask & 2 != 0, identity: mask & 4 != 0),
                               "\(h ?? "none") \(mask)")
            }
        }
    }
}
