import XCTest
@testable import GatehouseConfig

final class TOMLParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLTable {
        do {
            return try TOMLParser.parse(text)
        } catch {
            XCTFail("unexpected error: \(error)", file: file, line: line)
            return TOMLTable()
        }
    }

    private func value(_ table: TOMLTable, _ path: String) -> TOMLValue? {
        var current = table
        let parts = path.split(separator: ".").map(String.init)
        for (index, part) in parts.enumerated() {
            guard let entry = current[part] else { return nil }
            if index == parts.count - 1 { return entry.value }
            guard case .table(let next) = entry.value.kind else { return nil }
            current = next
        }
        return nil
    }

    private func syntaxError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLSyntaxError? {
        do {
            _ = try TOMLParser.parse(text)
            XCTFail("expected a syntax error", file: file, line: line)
            return nil
        } catch let error as TOMLSyntaxError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
            return nil
        }
    }

    func testScalarsWithLines() {
        let doc = parse("""
            # comment
            a = 1
            b = "two"  # trailing comment
            c = true

            d = 1.5
            """)
        XCTAssertEqual(value(doc, "a"), TOMLValue(.integer(1), line: 2))
        XCTAssertEqual(value(doc, "b"), TOMLValue(.string("two"), line: 3))
        XCTAssertEqual(value(doc, "c"), TOMLValue(.boolean(true), line: 4))
        XCTAssertEqual(value(doc, "d"), TOMLValue(.float(1.5), line: 6))
        XCTAssertEqual(doc.keys, ["a", "b", "c", "d"])
        XCTAssertEqual(doc["b"]?.keyLine, 3)
    }

    func testKeysBareQuotedDotted() {
        let doc = parse("""
            bare_key-1 = 1
            "quoted key" = 2
            'literal key' = 3
            site . "google.com" = 4
            1234 = 5
            """)
        XCTAssertEqual(value(doc, "bare_key-1")?.kind, .integer(1))
        XCTAssertEqual(doc["quoted key"]?.value.kind, .integer(2))
        XCTAssertEqual(doc["literal key"]?.value.kind, .integer(3))
        guard case .table(let site)? = doc["site"]?.value.kind else { return XCTFail("site is not a table") }
        XCTAssertEqual(site["google.com"]?.value.kind, .integer(4))
        XCTAssertEqual(doc["1234"]?.value.kind, .integer(5))
    }

    func testIntegers() {
        let doc = parse("""
            a = +99
            b = -17
            c = 1_000_000
            d = 0xDEAD_beef
            e = 0o755
            f = 0b1101
            g = 0
            h = -9223372036854775808
            i = 9223372036854775807
            """)
        XCTAssertEqual(value(doc, "a")?.kind, .integer(99))
        XCTAssertEqual(value(doc, "b")?.kind, .integer(-17))
        XCTAssertEqual(value(doc, "c")?.kind, .integer(1_000_000))
        XCTAssertEqual(value(doc, "d")?.kind, .integer(0xDEADBEEF))
        XCTAssertEqual(value(doc, "e")?.kind, .integer(0o755))
        XCTAssertEqual(value(doc, "f")?.kind, .integer(13))
        XCTAssertEqual(value(doc, "g")?.kind, .integer(0))
        XCTAssertEqual(value(doc, "h")?.kind, .integer(Int64.min))
        XCTAssertEqual(value(doc, "i")?.kind, .integer(Int64.max))
    }

    func testFloats() {
        let doc = parse("""
            a = 3.1415
            b = -0.01
            c = 5e+22
            d = 6.626e-34
            e = 1_000.5
            f = inf
            g = -inf
            h = nan
            """)
        XCTAssertEqual(value(doc, "a")?.kind, .float(3.1415))
        XCTAssertEqual(value(doc, "b")?.kind, .float(-0.01))
        XCTAssertEqual(value(doc, "c")?.kind, .float(5e22))
        XCTAssertEqual(value(doc, "d")?.kind, .float(6.626e-34))
        XCTAssertEqual(value(doc, "e")?.kind, .float(1000.5))
        XCTAssertEqual(value(doc, "f")?.kind, .float(.infinity))
        XCTAssertEqual(value(doc, "g")?.kind, .float(-.infinity))
        guard case .float(let nan)? = value(doc, "h")?.kind else { return XCTFail("nan is not a float") }
        XCTAssertTrue(nan.isNaN)
    }

    func testBasicStringEscapes() {
        let doc = parse(#"s = "tab\there \"quoted\" back\\slash \u00E9 \U0001F600 nl\n""#)
        XCTAssertEqual(value(doc, "s")?.kind, .string("tab\there \"quoted\" back\\slash é 😀 nl\n"))
    }

    func testLiteralStringsKeepBackslashes() {
        let doc = parse(#"p = 'C:\Users\nodejs\templates'"#)
        XCTAssertEqual(value(doc, "p")?.kind, .string(#"C:\Users\nodejs\templates"#))
    }

    func testMultiLineStrings() {
        let doc = parse("""
            a = \"\"\"
            Roses are red
            Violets are blue\"\"\"
            b = \"\"\"\\
                The quick \\
                brown fox.\\
                \"\"\"
            c = '''
            raw \\n text
            '''
            d = \"\"\"Here are two quotes: "".\"\"\"
            e = \"\"\"ends with quotes""\"\"\"
            after = 1
            """)
        XCTAssertEqual(value(doc, "a")?.kind, .string("Roses are red\nViolets are blue"))
        XCTAssertEqual(value(doc, "b")?.kind, .string("The quick brown fox."))
        XCTAssertEqual(value(doc, "c")?.kind, .string("raw \\n text\n"))
        XCTAssertEqual(value(doc, "d")?.kind, .string("Here are two quotes: \"\"."))
        XCTAssertEqual(value(doc, "e")?.kind, .string("ends with quotes\"\""))
        XCTAssertEqual(value(doc, "after")?.line, 13, "lines inside multi-line strings are counted")
    }

    func testArraysMultiLineWithTrailingCommaAndComments() {
        let doc = parse("""
            a = [
              1,   # one
              2,
              # nothing here
              3,
            ]
            b = [ "x", [1, 2], { k = "v" } ]
            c = []
            """)
        guard case .array(let a)? = value(doc, "a")?.kind else { return XCTFail("a is not an array") }
        XCTAssertEqual(a.map(\.kind), [.integer(1), .integer(2), .integer(3)])
        XCTAssertEqual(a.map(\.line), [2, 3, 5], "each element keeps its own line")
        guard case .array(let b)? = value(doc, "b")?.kind else { return XCTFail("b is not an array") }
        XCTAssertEqual(b.count, 3)
        XCTAssertEqual(value(doc, "c")?.kind, .array([]))
    }

    func testInlineTables() {
        let doc = parse(#"point = { x = 1, y = 2, name.first = "a" }"#)
        guard case .table(let point)? = value(doc, "point")?.kind else { return XCTFail("not a table") }
        XCTAssertEqual(point["x"]?.value.kind, .integer(1))
        XCTAssertEqual(point["y"]?.value.kind, .integer(2))
        guard case .table(let name)? = point["name"]?.value.kind else { return XCTFail("name is not a table") }
        XCTAssertEqual(name["first"]?.value.kind, .string("a"))
    }

    func testTablesAndArraysOfTables() {
        let doc = parse("""
            top = 0
            [server]
            workers = 2

            [tls.session]
            tickets = true

            [[upstream]]
            name = "a"

            [[upstream]]
            name = "b"
            [upstream.extra]
            x = 1

            [tls]
            min = "1.3"
            """)
        XCTAssertEqual(value(doc, "server.workers"), TOMLValue(.integer(2), line: 3))
        XCTAssertEqual(value(doc, "tls.session.tickets")?.kind, .boolean(true))
        XCTAssertEqual(value(doc, "tls.min")?.kind, .string("1.3"))
        XCTAssertEqual(doc["tls"]?.value.line, 16, "an implicit table takes the line of its own header")
        guard case .array(let upstreams)? = doc["upstream"]?.value.kind else { return XCTFail("not an array") }
        XCTAssertEqual(upstreams.count, 2)
        XCTAssertEqual(upstreams.map(\.line), [8, 11])
        guard case .table(let second) = upstreams[1].kind else { return XCTFail("not a table") }
        XCTAssertEqual(second["name"]?.value.kind, .string("b"))
        guard case .table(let extra)? = second["extra"]?.value.kind else { return XCTFail("extra missing") }
        XCTAssertEqual(extra["x"]?.value.kind, .integer(1))
    }

    func testCRLFLineEndings() {
        let doc = parse("a = 1\r\nb = \"x\"\r\n[t]\r\nc = [\r\n 1,\r\n]\r\n")
        XCTAssertEqual(value(doc, "b")?.line, 2)
        XCTAssertEqual(value(doc, "t.c")?.line, 4)
    }

    func testSyntaxErrorsCarryTheirLine() {
        let cases: [(String, Int, String)] = [
            ("a = 1\nb = \n", 2, "expected a value"),
            ("a = 1\n\nb = \"unterminated\n", 3, "unterminated string"),
            ("a = 1\na = 2\n", 2, "duplicate key a (first set on line 1)"),
            ("[t]\nx = 1\n[t]\n", 3, "table [t] is defined twice"),
            ("a = hello\n", 1, "strings must be quoted"),
            ("a = 1 2\n", 1, "expected the end of the line"),
            ("a = [1, 2\nb = 3\n", 2, "expected ',' or ']'"),
            ("a = 01\n", 1, "leading zeros"),
            ("a = 1__0\n", 1, "invalid number"),
            ("a = 99999999999999999999\n", 1, "does not fit in 64 bits"),
            ("a = \"bad \\q escape\"\n", 1, "invalid escape"),
            ("x = 1\n[a\n", 2, "expected ']'"),
            ("= 1\n", 1, "expected a key"),
            ("a.b = 1\na.b.c = 2\n", 2, "a.b already holds a value"),
            ("a = { x = 1 }\n[a.y]\n", 2, "cannot extend the inline table a"),
            ("[[a]]\n[a]\n", 2, "array of tables"),
            ("a = [1]\n[[a]]\n", 2, "already holds a value"),
            ("d = 1979-05-27\n", 1, "dates and times are not supported"),
            ("s = \"\"\"\nnever closed\n", 1, "unterminated multi-line string"),
            ("a = 1\nb = [\n  1,\n", 2, "unterminated array"),
            ("a = 1\rb = 2\n", 1, "carriage return"),
            ("k = \"a\u{01}b\"\n", 1, "not allowed in a string"),
            ("a = -0x10\n", 1, "take no sign"),
            ("p = { a = 1 b = 2 }\n", 1, "expected ',' or '}'"),
            ("[a]\nb.c = 1\n[a.b]\n", 3, "already created by dotted keys"),
        ]
        for (text, line, fragment) in cases {
            guard let error = syntaxError(text) else { continue }
            XCTAssertEqual(error.line, line, "line for \(text.debugDescription): \(error)")
            XCTAssertTrue(error.message.contains(fragment), "\(text.debugDescription): \(error.message)")
            XCTAssertEqual(error.description, "\(error.line): \(error.message)")
        }
    }

    func testDeepNestingIsRefusedNotCrashing() {
        let text = "a = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertTrue(syntaxError(text)?.message.contains("nested too deeply") ?? false)
    }
}
