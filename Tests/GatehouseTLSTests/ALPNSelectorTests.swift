import GatehouseTLS
import XCTest

final class ALPNSelectorTests: XCTestCase {
    func testServerPreferenceWins() {
        let selector = ALPNSelector(protocols: ["h2", "http/1.1"])
        let offer = ALPNSelector.wireFormat(["http/1.1", "h2"])
        XCTAssertEqual(selector.select(clientOffer: offer), .selected("h2", range: 10..<12))
    }

    func testHTTP11Only() {
        let selector = ALPNSelector(protocols: ["http/1.1"])
        XCTAssertEqual(selector.select(clientOffer: ALPNSelector.wireFormat(["h2", "http/1.1"])),
                       .selected("http/1.1", range: 4..<12))
    }

    func testNoOverlapAndEmptyOffer() {
        let selector = ALPNSelector(protocols: ["http/1.1"])
        XCTAssertEqual(selector.select(clientOffer: ALPNSelector.wireFormat(["h2", "spdy/3"])), .noOverlap)
        XCTAssertEqual(selector.select(clientOffer: []), .noOverlap)
        // A prefix of a protocol is not that protocol.
        XCTAssertEqual(selector.select(clientOffer: ALPNSelector.wireFormat(["http/1"])), .noOverlap)
    }

    func testMalformedOffersNeverTrap() {
        let selector = ALPNSelector(protocols: ["http/1.1"])
        XCTAssertEqual(selector.select(clientOffer: [8, 0x68, 0x74]), .malformed)       // length overruns
        XCTAssertEqual(selector.select(clientOffer: [0]), .malformed)                    // empty protocol
        XCTAssertEqual(selector.select(clientOffer: [255]), .malformed)
        for length in 0..<40 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            _ = selector.select(clientOffer: bytes)
        }
    }

    func testWireFormat() {
        XCTAssertEqual(ALPNSelector.wireFormat(["h2", "http/1.1"]), [2, 0x68, 0x32, 8] + Array("http/1.1".utf8))
    }
}
