@testable import GatehouseServer
import XCTest

/// Request IDs: format, and uniqueness across and within connection generators seeded from one process key.
final class RequestIDTests: XCTestCase {
    func testIDsAre32LowerCaseHexDigits() {
        var generator = RequestID()
        let id = generator.next()
        XCTAssertEqual(id.utf8.count, 32)
        XCTAssertTrue(id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }, id)
    }

    func testIDsDoNotRepeatAcrossOrWithinGenerators() {
        var seen = Set<String>()
        for _ in 0..<2_000 {
            var generator = RequestID()
            for _ in 0..<5 { seen.insert(generator.next()) }
        }
        XCTAssertEqual(seen.count, 10_000)
        XCTAssertNotEqual(RequestID.generate(), RequestID.generate())
    }

    func testSeedWordsAreDistinctForConsecutiveGenerators() {
        // The finaliser is a bijection, so distinct counter inputs can never give equal seed words.
        var words = Set<UInt64>()
        for input in 0..<4_096 as Range<UInt64> { words.insert(RequestIDSeed.mix(input)) }
        XCTAssertEqual(words.count, 4_096)
    }
}
