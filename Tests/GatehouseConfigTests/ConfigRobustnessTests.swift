import Foundation
import GatehouseTestSupport
import XCTest
@testable import GatehouseConfig

/// Malformed input never traps: hundreds of deterministic mutations of the reference file each end in either a
/// configuration or diagnostics with a line.
final class ConfigRobustnessTests: XCTestCase {
    func testMutatedFilesNeverTrap() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/gatehouse.toml").path
        let original = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        let alphabet = Array("[]{}\"'=.,#\\\n\r\t 0-_xe:+/abc".utf8)
        var random = SplitMix64(state: 42)
        var rejected = 0
        for _ in 0..<500 {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[at] = alphabet[random.below(alphabet.count)]
                case 1: bytes.insert(alphabet[random.below(alphabet.count)], at: at)
                default: bytes.remove(at: at)
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let diagnostics = GatehouseConfiguration.check(text: text, fileName: "fuzz.toml")
            if !diagnostics.isEmpty { rejected += 1 }
            for diagnostic in diagnostics {
                XCTAssertNotNil(diagnostic.line, "\(diagnostic)")
                XCTAssertFalse(diagnostic.message.isEmpty)
            }
        }
        XCTAssertGreaterThan(rejected, 150, "most mutations break something and are reported")
    }

    func testHSTSValues() {
        for good in ["", "max-age=0", "max-age=63072000; includeSubDomains; preload"] {
            XCTAssertNil(ConfigDecoder.hstsProblem(good), good)
        }
        for bad in [";", "max-age=", "max-age=1y", "includeSubDomains", "max-age=1\r\nX: y"] {
            XCTAssertNotNil(ConfigDecoder.hstsProblem(bad), bad)
        }
    }
}
