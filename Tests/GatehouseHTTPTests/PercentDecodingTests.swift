import GatehouseHTTP
import XCTest

final class PercentDecodingTests: XCTestCase {
    private func decode(_ s: String) throws -> [UInt8] {
        try PercentDecoding.decode(Array(s.utf8)) { _, _ in }
    }

    func testEscapesAreDecodedOnceInEitherCase() throws {
        XCTAssertEqual(try decode("/a%20b%2fc%2F"), Array("/a b/c/".utf8))
        XCTAssertEqual(try decode("%2541"), Array("%41".utf8), "decoded once, not twice")
        XCTAssertEqual(try decode(""), [])
    }

    func testMalformedEscapesAreRefused() {
        for bad in ["%", "%4", "/x%zz", "%g0", "/a%2"] {
            XCTAssertThrowsError(try decode(bad), bad) { XCTAssertTrue($0 is PercentDecoding.MalformedEscape, bad) }
        }
    }

    func testInspectSeesWhetherAByteWasEscaped() throws {
        var seen: [(UInt8, Bool)] = []
        _ = try PercentDecoding.decode(Array("/%2F".utf8)) { seen.append(($0, $1)) }
        XCTAssertEqual(seen.map(\.0), [0x2F, 0x2F])
        XCTAssertEqual(seen.map(\.1), [false, true])
        struct Refused: Error {}
        XCTAssertThrowsError(try PercentDecoding.decode(Array("a%00".utf8)) { b, _ in if b == 0 { throw Refused() } })
    }
}
