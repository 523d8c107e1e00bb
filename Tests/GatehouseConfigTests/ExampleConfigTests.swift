import Foundation
import XCTest
@testable import GatehouseConfig

/// `Examples/gatehouse.toml` is the config reference: it must parse, set every key the decoder knows (and no
/// other), and give each key its default — so the reference cannot drift from the code.
final class ExampleConfigTests: XCTestCase {
    private static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/gatehouse.toml").path

    private func exampleText() throws -> String {
        try String(contentsOfFile: ExampleConfigTests.examplePath, encoding: .utf8)
    }

    /// Leaf key paths of a document, with `[]` for arrays of tables: `upstream[].servers`.
    private func leafKeys(_ table: TOMLTable, prefix: String = "") -> Set<String> {
        var keys: Set<String> = []
        for entry in table.entries {
            let path = prefix.isEmpty ? entry.key : "\(prefix).\(entry.key)"
            switch entry.value.kind {
            case .table(let child):
                keys.formUnion(leafKeys(child, prefix: path))
            case .array(let items) where !items.isEmpty && items.allSatisfy({
                if case .table = $0.kind { return true } else { return false }
            }):
                for case .table(let child) in items.map(\.kind) { keys.formUnion(leafKeys(child, prefix: path + "[]")) }
            default:
                keys.insert(path)
            }
        }
        return keys
    }

    func testExampleIsValid() throws {
        XCTAssertEqual(GatehouseConfiguration.check(path: ExampleConfigTests.examplePath), [])
    }

    func testExampleDocumentsEveryKeyTheDecoderReads() throws {
        let document = try TOMLParser.parse(try exampleText())
        let (_, context) = ConfigDecoder.decode(document, fileName: "gatehouse.toml")
        let documented = leafKeys(document)
        let read = context.requestedKeys
        XCTAssertEqual(read.subtracting(documented).sorted(), [], "keys the decoder reads but the example lacks")
        XCTAssertEqual(documented.subtracting(read).sorted(), [], "keys in the example the decoder does not read")
        XCTAssertGreaterThanOrEqual(read.count, 84, "the schema walk saw every section")
    }

    func testEveryExampleKeyHasAComment() throws {
        // Each key line is preceded by a comment line, or belongs to a block introduced by one.
        let lines = try exampleText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var undocumented: [String] = []
        for (index, line) in lines.enumerated() {
            guard let equals = line.firstIndex(of: "="), !line.hasPrefix("#"), !line.hasPrefix(" ") else { continue }
            let previous = index > 0 ? lines[index - 1] : ""
            let startsSection = previous.hasPrefix("[")
            if !previous.hasPrefix("#") && !startsSection && !previous.contains("=") {
                undocumented.append(String(line[..<equals]))
            }
        }
        XCTAssertEqual(undocumented, [])
    }

    func testExampleValuesAreTheDefaults() throws {
        let example = try GatehouseConfiguration.parse(text: try exampleText(), fileName: "gatehouse.toml")
        // The sections without defaults are examples; everything else must equal the built-in defaults.
        var withoutExamples = example
        withoutExamples.upstreams = []
        withoutExamples.routes = []
        withoutExamples.cache.rules = []
        XCTAssertEqual(withoutExamples, GatehouseConfiguration())
        XCTAssertEqual(example.server, .init())
        XCTAssertEqual(example.tls, .init())
        XCTAssertEqual(example.http, .init())
        XCTAssertEqual(example.proxy, .init())

        // The example upstream spells out every default except its servers.
        XCTAssertEqual(example.upstreams.count, 1)
        if let upstream = example.upstreams.first {
            XCTAssertEqual(upstream, GatehouseConfiguration.Upstream(servers: upstream.servers))
        }
        XCTAssertEqual(example.routes, [.init(prefix: "/", upstream: "app")])
        XCTAssertEqual(example.cache.rules.map(\.match), [.prefix("/posts/"), .pattern("/tags/*/feed")])
    }
}
