import NIOCore
import NIOHTTP1
import XCTest
@testable import GatehouseHTTP

/// Behaviour of `HTTP1RequestParser`: every input goes through `ParserHarness.parse`, which feeds it all at once,
/// byte by byte and in random pieces and fails unless all three give the same outcome.
final class HTTP1RequestParserTests: XCTestCase {
    typealias Field = ParserHarness.Field
    typealias Limits = HTTP1RequestParser.Limits

    // MARK: helpers

    /// The one complete request `input` holds, asserting nothing else was produced.
    private func single(_ input: String, limits: Limits = .init(), file: StaticString = #filePath,
                        line: UInt = #line) -> ParserHarness.Message? {
        let outcome = ParserHarness.parse(input, limits: limits, file: file, line: line)
        XCTAssertNil(outcome.error, "rejected: \(outcome.error.map { "\($0)" } ?? "")", file: file, line: line)
        XCTAssertEqual(outcome.messages.count, 1, "\(outcome.messages)", file: file, line: line)
        XCTAssertEqual(outcome.leftover, [], "unconsumed bytes", file: file, line: line)
        XCTAssertTrue(outcome.readingHead, file: file, line: line)
        guard outcome.messages.count == 1, outcome.messages[0].complete else {
            XCTFail("no single complete message", file: file, line: line)
            return nil
        }
        return outcome.messages[0]
    }

    /// Asserts that `input` is refused with exactly `expected`.
    private func assertRejects(_ input: [UInt8], _ expected: HTTPRequestParseError, limits: Limits = .init(),
                               file: StaticString = #filePath, line: UInt = #line) {
        let outcome = ParserHarness.parse(input, limits: limits, file: file, line: line)
        XCTAssertEqual(outcome.error, expected, "input \(String(decoding: input, as: UTF8.self).debugDescription)",
                       file: file, line: line)
    }

    private func assertRejects(_ input: String, _ expected: HTTPRequestParseError, limits: Limits = .init(),
                               file: StaticString = #filePath, line: UInt = #line) {
        assertRejects(Array(input.utf8), expected, limits: limits, file: file, line: line)
    }

    /// Asserts that `input` is refused with an error of the same case as `expected` (any message).
    private func assertRejects(_ input: String, like expected: HTTPRequestParseError, limits: Limits = .init(),
                               file: StaticString = #filePath, line: UInt = #line) {
        assertRejects(Array(input.utf8), like: expected, limits: limits, file: file, line: line)
    }

    private func assertRejects(_ input: [UInt8], like expected: HTTPRequestParseError, limits: Limits = .init(),
                               file: StaticString = #filePath, line: UInt = #line) {
        let outcome = ParserHarness.parse(input, limits: limits, file: file, line: line)
        guard let error = outcome.error else {
            XCTFail("accepted \(String(decoding: input, as: UTF8.self).debugDescription): \(outcome.messages)",
                    file: file, line: line)
            return
        }
        XCTAssertEqual(Self.kind(error), Self.kind(expected),
                       "input \(String(decoding: input, as: UTF8.self).debugDescription): \(error)", file: file, line: line)
    }

    private static func kind(_ error: HTTPRequestParseError) -> String {
        switch error {
        case .requestLineTooLong: return "requestLineTooLong"
        case .headerSectionTooLarge: return "headerSectionTooLarge"
        case .malformedRequestLine: return "malformedRequestLine"
        case .malformedHeader: return "malformedHeader"
        case .invalidContentLength: return "invalidContentLength"
        case .ambiguousFraming: return "ambiguousFraming"
        case .unsupportedTransferCoding: return "unsupportedTransferCoding"
        case .malformedChunk: return "malformedChunk"
        }
    }

    private static let anyMalformedRequestLine = HTTPRequestParseError.malformedRequestLine("")
    private static let anyMalformedHeader = HTTPRequestParseError.malformedHeader("")
    private static let anyMalformedChunk = HTTPRequestParseError.malformedChunk("")
    private static let anyAmbiguousFraming = HTTPRequestParseError.ambiguousFraming("")

    private func post(_ headers: String, _ body: String) -> String {
        "POST /upload HTTP/1.1\r\nHost: h\r\n\(headers)\r\n\(body)"
    }

    private func chunked(_ body: String) -> String {
        post("Transfer-Encoding: chunked\r\n", body)
    }

    // MARK: request line and methods

    func testSimpleGET() throws {
        let m = try XCTUnwrap(single("GET /index.html?q=1 HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n"))
        XCTAssertEqual(m.method, .GET)
        XCTAssertEqual(m.uri, "/index.html?q=1")
        XCTAssertEqual(m.version, .http1_1)
        XCTAssertEqual(m.fields, [Field("Host", "example.com"), Field("Accept", "*/*")])
        XCTAssertEqual(m.body, [])
    }

    func testRequestWithoutHeaderFields() throws {
        let m = try XCTUnwrap(single("GET / HTTP/1.0\r\n\r\n"))
        XCTAssertEqual(m.version, .http1_0)
        XCTAssertEqual(m.fields, [])
    }

    func testKnownAndUnknownMethods() throws {
        XCTAssertEqual(single("HEAD / HTTP/1.1\r\n\r\n")?.method, .HEAD)
        XCTAssertEqual(single("POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")?.method, .POST)
        XCTAssertEqual(single("OPTIONS * HTTP/1.1\r\n\r\n")?.uri, "*")
        XCTAssertEqual(single("FROBNICATE / HTTP/1.1\r\n\r\n")?.method, .RAW(value: "FROBNICATE"))
        XCTAssertEqual(single("X-Y_Z!~ / HTTP/1.1\r\n\r\n")?.method, .RAW(value: "X-Y_Z!~"))
        // Methods are case-sensitive: "get" is not GET.
        XCTAssertEqual(single("get / HTTP/1.1\r\n\r\n")?.method, .RAW(value: "get"))
    }

    func testPipelinedRequestsInOneBuffer() {
        let input = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
            + "POST /b HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
            + "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "GET /d HTTP/1.1\r\n\r\n"
        let outcome = ParserHarness.parse(input)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.map(\.uri), ["/a", "/b", "/c", "/d"])
        XCTAssertEqual(outcome.messages.map { String(decoding: $0.body, as: UTF8.self) }, ["", "hello", "abc", ""])
        XCTAssertTrue(outcome.messages.allSatisfy(\.complete))
        XCTAssertEqual(outcome.leftover, [])
    }

    func testIncompleteSecondRequestStaysBuffered() {
        let outcome = ParserHarness.parse("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nHo")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.map(\.uri), ["/a"])
        XCTAssertEqual(outcome.leftover, Array("GET /b HTTP/1.1\r\nHo".utf8))
        XCTAssertTrue(outcome.readingHead)
    }

    func testLeadingEmptyLinesAreSkipped() {
        XCTAssertEqual(single("\r\n\r\n\nGET / HTTP/1.1\r\n\r\n")?.uri, "/")
        let outcome = ParserHarness.parse("GET /a HTTP/1.1\r\n\r\n\r\n\nGET /b HTTP/1.1\r\n\r\n")
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.map(\.uri), ["/a", "/b"])
        // Only empty lines so far: consumed, nothing reported.
        let blank = ParserHarness.parse("\r\n\n\r\n")
        XCTAssertEqual(blank, ParserHarness.Outcome(messages: [], error: nil, leftover: [], readingHead: true))
    }

    func testBareCRBeforeRequestLineIsRefused() {
        assertRejects("\rGET / HTTP/1.1\r\n\r\n", like: Self.anyMalformedRequestLine)
    }

    func testBareLFLineEndsAreAccepted() throws {
        let m = try XCTUnwrap(single("GET /lf HTTP/1.1\nHost: h\nX-A: 1\n\n"))
        XCTAssertEqual(m.uri, "/lf")
        XCTAssertEqual(m.fields, [Field("Host", "h"), Field("X-A", "1")])
        let mixed = try XCTUnwrap(single("POST / HTTP/1.1\r\nContent-Length: 2\nX: y\r\n\nok"))
        XCTAssertEqual(mixed.body, Array("ok".utf8))
        XCTAssertEqual(single("GET / HTTP/1.1\n\r\n")?.fields, [])
    }

    func testRequestLineErrors() {
        let bad = [
            "GET /\r\n\r\n",                       // missing version
            "GET\r\n\r\n",                         // method only
            "GET / HTTP/1.1x\r\n\r\n",             // junk after the version
            "GET / HTTP/1.1 \r\n\r\n",             // trailing space
            "GET  / HTTP/1.1\r\n\r\n",             // double space before the target
            "GET /  HTTP/1.1\r\n\r\n",             // double space before the version
            "GET / http/1.1\r\n\r\n",              // lower-case protocol name
            "GET / HTTP/1\r\n\r\n",
            "GET / HTTP/11.1\r\n\r\n",
            "GET / HTTP/1.a\r\n\r\n",
            "GET / HTTPS/1.1\r\n\r\n",
            " GET / HTTP/1.1\r\n\r\n",             // leading space: empty method
            "G(T / HTTP/1.1\r\n\r\n",              // method is not a token
            "GET /a\u{01}b HTTP/1.1\r\n\r\n",      // control byte in the target
            "GET /a\u{7F}b HTTP/1.1\r\n\r\n",      // DEL in the target
            "GET /a\u{00}b HTTP/1.1\r\n\r\n",      // NUL in the target
            "GET /a\tb HTTP/1.1\r\n\r\n",          // HTAB in the target
            "GET\t/ HTTP/1.1\r\n\r\n",             // HTAB as separator
            "GET /a\rb HTTP/1.1\r\n\r\n",          // bare CR in the request line
            "GET / HTTP/1.1\r\r\n\r\n",            // CR CR LF
        ]
        for input in bad {
            assertRejects(input, like: Self.anyMalformedRequestLine)
        }
    }

    func testRequestTargetMustBeUTF8() throws {
        var input = Array("GET /caf".utf8)
        input += [0xC3]  // a truncated two-byte sequence
        input += Array(" HTTP/1.1\r\n\r\n".utf8)
        assertRejects(input, .malformedRequestLine("request-target is not UTF-8"))
        assertRejects(Array("GET /".utf8) + [0xFF, 0xFE] + Array(" HTTP/1.1\r\n\r\n".utf8),
                      .malformedRequestLine("request-target is not UTF-8"))
        // Valid UTF-8 sent raw is accepted as is.
        XCTAssertEqual(single("GET /café/日本 HTTP/1.1\r\n\r\n")?.uri, "/café/日本")
    }

    // MARK: header fields

    func testHeaderValuesAreTrimmedAndNamesKeepTheirCase() throws {
        let m = try XCTUnwrap(single(
            "GET / HTTP/1.1\r\nX-Custom-NAME:   a  b \t \r\nlower: x\r\nEmpty:\r\nSpaces:    \r\nTab:\tv\t\r\nNoSpace:v\r\n\r\n"))
        XCTAssertEqual(m.fields, [
            Field("X-Custom-NAME", "a  b"), Field("lower", "x"), Field("Empty", ""), Field("Spaces", ""),
            Field("Tab", "v"), Field("NoSpace", "v"),
        ])
    }

    func testHeaderValueKeepsColonsQuotesAndObsText() throws {
        let m = try XCTUnwrap(single("GET / HTTP/1.1\r\nHost: h:8080\r\nX: \"q\" é\r\nY: a\tb\r\n\r\n"))
        XCTAssertEqual(m.fields, [Field("Host", "h:8080"), Field("X", "\"q\" é"), Field("Y", "a\tb")])
    }

    func testRepeatedHeaderFieldsAreKeptInOrder() throws {
        let m = try XCTUnwrap(single("GET / HTTP/1.1\r\nCookie: a=1\r\nX: 1\r\nCookie: b=2\r\n\r\n"))
        XCTAssertEqual(m.fields, [Field("Cookie", "a=1"), Field("X", "1"), Field("Cookie", "b=2")])
    }

    func testMalformedHeaderFields() {
        let bad = [
            "Host : h",          // space before the colon
            "Host\t: h",         // tab before the colon
            ": h",               // empty name
            "Host h",            // no colon
            "Host",              // no colon, no value
            "Ho(st: h",          // name is not a token
            "Hö: h",             // non-ASCII name
            "X: a\u{00}b",       // NUL in the value
            "X: a\u{01}b",       // control byte in the value
            "X: a\u{7F}b",       // DEL in the value
            "X: a\u{0B}b",       // vertical tab
            "X: a\rb",           // bare CR
        ]
        for field in bad {
            assertRejects("GET / HTTP/1.1\r\nHost: h\r\n\(field)\r\n\r\n", like: Self.anyMalformedHeader)
        }
    }

    func testBareCRIsRefusedBeforeTheHeadCompletes() {
        // Nothing after the bad line: the refusal must not wait for an empty line that may never come.
        assertRejects("GET / HTTP/1.1\r\nHost: h\r\r\n", .malformedHeader("bare CR"))
        assertRejects("GET / HTTP/1.1\r\nX: a\rb", .malformedHeader("bare CR"))
        assertRejects("GET /a\rb", .malformedRequestLine("bare CR"))
        // A CR that is the last byte so far is not judged yet.
        XCTAssertNil(ParserHarness.parse(Array("GET / HTTP/1.1\r\nHost: h\r".utf8), limits: .init()).error)
    }

    func testObsoleteLineFoldingIsRefused() {
        assertRejects("GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n", .malformedHeader("obsolete line folding"))
        assertRejects("GET / HTTP/1.1\r\nX: a\r\n\tb\r\n\r\n", .malformedHeader("obsolete line folding"))
        // Whitespace before the first field line is the same thing.
        assertRejects("GET / HTTP/1.1\r\n X: a\r\n\r\n", .malformedHeader("obsolete line folding"))
        assertRejects("GET / HTTP/1.1\n X: a\n\n", .malformedHeader("obsolete line folding"))
    }

    // MARK: Content-Length

    func testContentLengthBody() throws {
        let m = try XCTUnwrap(single(post("Content-Length: 11\r\n", "hello world")))
        XCTAssertEqual(String(decoding: m.body, as: UTF8.self), "hello world")
        XCTAssertEqual(m.fields.last, Field("Content-Length", "11"))
    }

    func testContentLengthZero() throws {
        let m = try XCTUnwrap(single(post("Content-Length: 0\r\n", "")))
        XCTAssertEqual(m.body, [])
        XCTAssertTrue(m.complete)
    }

    func testContentLengthIsCaseInsensitiveName() throws {
        XCTAssertEqual(single(post("content-LENGTH: 2\r\n", "ok"))?.body, Array("ok".utf8))
    }

    func testBodyIsNotReadPastContentLength() {
        let outcome = ParserHarness.parse(post("Content-Length: 3\r\n", "abcGET / HTTP/1.1\r\n\r\n"))
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.map { String(decoding: $0.body, as: UTF8.self) }, ["abc", ""])
        XCTAssertEqual(outcome.messages.map(\.uri), ["/upload", "/"])
    }

    func testIncompleteBodyWaits() {
        let outcome = ParserHarness.parse(post("Content-Length: 10\r\n", "abc"))
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.count, 1)
        XCTAssertEqual(outcome.messages.first?.body, Array("abc".utf8))
        XCTAssertEqual(outcome.messages.first?.complete, false)
        XCTAssertFalse(outcome.readingHead)
    }

    func testRepeatedIdenticalContentLengthIsAccepted() throws {
        let fields = try XCTUnwrap(single(post("Content-Length: 3\r\nContent-Length: 3\r\n", "abc")))
        XCTAssertEqual(fields.body, Array("abc".utf8))
        XCTAssertEqual(fields.fields.filter { $0.name == "Content-Length" }.count, 2)
        XCTAssertEqual(single(post("Content-Length: 3, 3\r\n", "abc"))?.body, Array("abc".utf8))
        XCTAssertEqual(single(post("Content-Length: 3,3,3\r\n", "abc"))?.body, Array("abc".utf8))
        XCTAssertEqual(single(post("Content-Length: 3 ,3\r\nContent-Length: 3\r\n", "abc"))?.body, Array("abc".utf8))
    }

    func testContentLengthWithTrailingWhitespaceIsAccepted() {
        // Field values are OWS-trimmed; the value is the number "3".
        XCTAssertEqual(single(post("Content-Length: 3 \r\n", "abc"))?.body, Array("abc".utf8))
        XCTAssertEqual(single(post("Content-Length:\t3\t\r\n", "abc"))?.body, Array("abc".utf8))
        XCTAssertEqual(single(post("Content-Length: 3, 3 \r\n", "abc"))?.body, Array("abc".utf8))
    }

    func testDifferingContentLengthsAreRefused() {
        assertRejects(post("Content-Length: 3\r\nContent-Length: 4\r\n", "abcd"), .invalidContentLength)
        assertRejects(post("Content-Length: 3, 4\r\n", "abcd"), .invalidContentLength)
        assertRejects(post("Content-Length: 3\r\nContent-Length: 3, 03\r\nContent-Length: 4\r\n", "abcd"),
                      .invalidContentLength)
    }

    func testInvalidContentLengthValues() {
        let bad = ["abc", "-1", "+3", "0x10", "", "3 4", "1.5", "3;", "3,", ",3", "3,,3", "1e3", "٣",
                   "99999999999999999999",  // 20 digits
                   "9223372036854775808",   // Int64.max + 1
                   "0000000000000000000003"]
        for value in bad {
            assertRejects(post("Content-Length: \(value)\r\n", ""), .invalidContentLength)
        }
    }

    func testLargeContentLengthWithinRangeIsAccepted() {
        let outcome = ParserHarness.parse(post("Content-Length: 999999999999999999\r\n", "abc"))  // 18 digits
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.first?.body, Array("abc".utf8))
        XCTAssertEqual(outcome.messages.first?.complete, false)
    }

    // MARK: Transfer-Encoding framing

    func testContentLengthWithTransferEncodingIsAmbiguous() {
        assertRejects(post("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"), like: Self.anyAmbiguousFraming)
        assertRejects(post("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "0\r\n\r\n"), like: Self.anyAmbiguousFraming)
        // Even an invalid-looking TE together with CL.
        assertRejects(post("Content-Length: 0\r\nTransfer-Encoding: identity\r\n", ""), like: Self.anyAmbiguousFraming)
    }

    func testTransferEncodingInHTTP10IsAmbiguous() {
        assertRejects("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                      .ambiguousFraming("Transfer-Encoding in an HTTP/1.0 request"))
    }

    func testTransferCodingsOtherThanChunked() {
        let gzip = ParserHarness.parse(post("Transfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n"))
        XCTAssertEqual(gzip.error, .unsupportedTransferCoding("gzip"))
        XCTAssertEqual(gzip.error?.status, .notImplemented)
        // Split over two fields it is the same list.
        assertRejects(post("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
                      .unsupportedTransferCoding("gzip"))
        for value in ["chunked, chunked", "chunked, gzip", "gzip", "identity", "xchunked", "chunkedx", "chunked;x=1", ""] {
            let outcome = ParserHarness.parse(post("Transfer-Encoding: \(value)\r\n", "0\r\n\r\n"))
            XCTAssertEqual(outcome.error.map(Self.kind), "ambiguousFraming", "Transfer-Encoding: \(value)")
            XCTAssertEqual(outcome.error?.status, .badRequest, "Transfer-Encoding: \(value)")
        }
        assertRejects(post("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\n"),
                      .ambiguousFraming("chunked applied twice"))
    }

    func testTransferEncodingSpellingsOfChunked() {
        for value in ["chunked", "Chunked", "CHUNKED", "chunked ", ", chunked", "chunked,"] {
            XCTAssertEqual(single(post("Transfer-Encoding: \(value)\r\n", "2\r\nok\r\n0\r\n\r\n"))?.body,
                           Array("ok".utf8), "Transfer-Encoding: \(value)")
        }
    }

    // MARK: chunked bodies

    func testChunkedBody() throws {
        let m = try XCTUnwrap(single(chunked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")))
        XCTAssertEqual(String(decoding: m.body, as: UTF8.self), "hello world")
        XCTAssertEqual(m.fields.last, Field("Transfer-Encoding", "chunked"))
    }

    func testChunkedBodyWithExtensionsAndHexCases() throws {
        let ten = "0123456789"
        let body = "a;name=value\r\n\(ten)\r\nA ; q=\"x y\"\r\n\(ten)\r\n1F\r\n\(String(repeating: "x", count: 31))\r\n"
            + "1f;a;b=c\r\n\(String(repeating: "y", count: 31))\r\n0;last\r\n\r\n"
        let m = try XCTUnwrap(single(chunked(body)))
        XCTAssertEqual(String(decoding: m.body, as: UTF8.self),
                       ten + ten + String(repeating: "x", count: 31) + String(repeating: "y", count: 31))
    }

    func testChunkExtensionsMayFollowBadWhitespace() throws {
        // RFC 9112 §7.1.1: chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ).
        XCTAssertEqual(single(chunked("5 ;a=b\r\nhello\r\n0\t; x = \"y\"\r\n\r\n"))?.body, Array("hello".utf8))
    }

    func testChunkedBodyWithBareLFs() throws {
        let m = try XCTUnwrap(single(chunked("5\nhello\n0\n\n")))
        XCTAssertEqual(m.body, Array("hello".utf8))
    }

    func testTrailersAreReadAndDropped() {
        let input = chunked("3\r\nabc\r\n0\r\nX-Checksum: 123\r\nY:z\r\n\r\n") + "GET /next HTTP/1.1\r\n\r\n"
        let outcome = ParserHarness.parse(input)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.map(\.uri), ["/upload", "/next"])
        XCTAssertEqual(outcome.messages.first?.body, Array("abc".utf8))
        // The trailer fields are not added to the head.
        XCTAssertFalse(outcome.messages[0].fields.contains { $0.name == "X-Checksum" })
        XCTAssertEqual(outcome.leftover, [])
    }

    func testLeadingZerosInChunkSize() throws {
        XCTAssertEqual(single(chunked("000000000000005\r\nhello\r\n0\r\n\r\n"))?.body, Array("hello".utf8))  // 15 digits
        assertRejects(chunked("0000000000000005\r\nhello\r\n0\r\n\r\n"), .malformedChunk("chunk size too large"))
        assertRejects(chunked("10000000000000000\r\n"), .malformedChunk("chunk size too large"))
    }

    func testLargestChunkSizeStartsData() {
        let outcome = ParserHarness.parse(chunked("fffffffffffffff\r\nabc"))
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.first?.body, Array("abc".utf8))
        XCTAssertFalse(outcome.readingHead)
    }

    func testMalformedChunks() {
        let bad = [
            "5\r\nhelloX0\r\n\r\n",         // no CRLF after the data
            "5\r\nhello\rX0\r\n\r\n",       // CR not followed by LF after the data
            "5\r\nhelloo\r\n0\r\n\r\n",     // data longer than the size
            "g\r\n",                        // not hexadecimal
            "\r\n",                         // empty size
            "-1\r\n",
            "0x5\r\nhello\r\n0\r\n\r\n",
            "+5\r\nhello\r\n0\r\n\r\n",
            " 5\r\nhello\r\n0\r\n\r\n",      // whitespace before the size
            "5 x\r\nhello\r\n0\r\n\r\n",     // junk after the size
            "5 \r\nhello\r\n0\r\n\r\n",      // whitespace after the size, no extension (not BWS before ";")
            "5\t\r\nhello\r\n0\r\n\r\n",
            "0 \r\n\r\n",
            "5\rX\n",                       // bare CR in the size line
            "5;a\u{00}b\r\nhello\r\n0\r\n\r\n",  // control byte in an extension
            "0\r\nbad trailer\r\n\r\n",     // trailer without colon
            "0\r\n : x\r\n\r\n",            // folded trailer
            "0\r\nX: a\u{01}\r\n\r\n",      // control byte in a trailer
            "0\r\nX: a\rb\r\n\r\n",         // bare CR in a trailer
        ]
        for body in bad {
            assertRejects(chunked(body), like: Self.anyMalformedChunk)
        }
    }

    func testChunkSizeLineLongerThanLimitIsRefused() {
        let ext = ";" + String(repeating: "e", count: HTTP1RequestParser.maxChunkLine)
        assertRejects(chunked("5\(ext)\r\nhello\r\n0\r\n\r\n"), .malformedChunk("chunk-size line too long"))
        // Also while it never ends.
        assertRejects(chunked("5\(ext)"), .malformedChunk("chunk-size line too long"))
    }

    func testTrailerSectionIsBoundedByTheHeaderLimit() {
        let limits = Limits(maxRequestLine: 64, maxHeaderSection: 64)
        let trailer = "X-Trailer: " + String(repeating: "t", count: 20) + "\r\n"  // 33 bytes
        XCTAssertNotNil(single(chunked("0\r\n\(trailer)\r\n"), limits: limits))
        assertRejects(chunked("0\r\n\(trailer)\(trailer)\(trailer)\r\n"), like: Self.anyMalformedChunk, limits: limits)
        assertRejects(chunked("0\r\n\(trailer)\(trailer)\(trailer)"), like: Self.anyMalformedChunk, limits: limits)
    }

    // MARK: limits

    private let small = Limits(maxRequestLine: 32, maxHeaderSection: 64)

    /// A request line of exactly `length` bytes (without its line end).
    private func requestLine(length: Int) -> String {
        let fixed = "GET / HTTP/1.1".utf8.count
        return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
    }

    func testRequestLineAtTheLimitIsAccepted() {
        XCTAssertEqual(requestLine(length: 32).utf8.count, 32)
        XCTAssertNotNil(single(requestLine(length: 32) + "\r\n\r\n", limits: small))
        XCTAssertNotNil(single(requestLine(length: 32) + "\n\n", limits: small))
        XCTAssertNotNil(single(requestLine(length: 32) + "\r\nHost: h\r\n\r\n", limits: small))
    }

    func testRequestLineOverTheLimitIs414() {
        assertRejects(requestLine(length: 33) + "\r\n\r\n", .requestLineTooLong(limit: 32), limits: small)
        assertRejects(requestLine(length: 33) + "\r\nHost: h\r\n\r\n", .requestLineTooLong(limit: 32), limits: small)
        assertRejects(requestLine(length: 33) + "\n\n", .requestLineTooLong(limit: 32), limits: small)
        XCTAssertEqual(HTTPRequestParseError.requestLineTooLong(limit: 32).status, .uriTooLong)
    }

    func testRequestLineThatNeverEndsIs414() {
        // No line feed ever arrives: refused once more than the limit (plus a possible CR) is buffered.
        assertRejects("GET /" + String(repeating: "a", count: 40), .requestLineTooLong(limit: 32), limits: small)
        let outcome = ParserHarness.parse("GET /" + String(repeating: "a", count: 28), limits: small)  // 33 bytes
        XCTAssertNil(outcome.error, "33 bytes may still be 32 and a CR")
    }

    func testHeaderSectionAtTheLimitIsAccepted() {
        // Field lines with their CRLFs: 64 bytes.
        let fields = "X-A: " + String(repeating: "a", count: 25) + "\r\n" + "X-B: " + String(repeating: "b", count: 25) + "\r\n"
        XCTAssertEqual(fields.utf8.count, 64)
        XCTAssertNotNil(single("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: small))
    }

    func testHeaderSectionOverTheLimitIs431() {
        let fields = "X-A: " + String(repeating: "a", count: 26) + "\r\n" + "X-B: " + String(repeating: "b", count: 25) + "\r\n"
        XCTAssertEqual(fields.utf8.count, 65)
        assertRejects("GET / HTTP/1.1\r\n" + fields + "\r\n", .headerSectionTooLarge(limit: 64), limits: small)
        XCTAssertEqual(HTTPRequestParseError.headerSectionTooLarge(limit: 64).status, .requestHeaderFieldsTooLarge)
    }

    func testHeaderSectionThatNeverEndsIs431() {
        let many = String(repeating: "X-A: aaaaaaaaaaaaaa\r\n", count: 10)  // 200 bytes, no empty line
        assertRejects("GET / HTTP/1.1\r\n" + many, .headerSectionTooLarge(limit: 64), limits: small)
        let oneLongLine = "GET / HTTP/1.1\r\nX-Long: " + String(repeating: "v", count: 100)
        assertRejects(oneLongLine, .headerSectionTooLarge(limit: 64), limits: small)
    }

    func testLongHeaderSectionWithShortRequestLineIsNot414() throws {
        // The header section is longer than the request-line limit; only the request line counts for 414,
        // however the bytes arrive.
        let limits = Limits(maxRequestLine: 32, maxHeaderSection: 512)
        let fields = String(repeating: "X-Field: 0123456789abcdef\r\n", count: 10)
        let m = try XCTUnwrap(single("GET / HTTP/1.1\r\n" + fields + "\r\n", limits: limits))
        XCTAssertEqual(m.fields.count, 10)
    }

    func testLimitsApplyPerRequest() {
        // Two requests whose heads together exceed the limits are both fine.
        let request = requestLine(length: 32) + "\r\nX: " + String(repeating: "x", count: 50) + "\r\n\r\n"
        let outcome = ParserHarness.parse(request + request + request, limits: small)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.messages.count, 3)
    }

    // MARK: errors and state

    func testErrorStatuses() {
        let expected: [(HTTPRequestParseError, HTTPResponseStatus)] = [
            (.requestLineTooLong(limit: 1), .uriTooLong),
            (.headerSectionTooLarge(limit: 1), .requestHeaderFieldsTooLarge),
            (.malformedRequestLine("x"), .badRequest),
            (.malformedHeader("x"), .badRequest),
            (.invalidContentLength, .badRequest),
            (.ambiguousFraming("x"), .badRequest),
            (.unsupportedTransferCoding("gzip"), .notImplemented),
            (.malformedChunk("x"), .badRequest),
        ]
        for (error, status) in expected {
            XCTAssertEqual(error.status, status, "\(error)")
            XCTAssertFalse(error.description.isEmpty)
        }
    }

    func testFurtherCallsAfterAnErrorThrowTheSameError() {
        var parser = HTTP1RequestParser()
        var buffer = ByteBuffer(string: "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n")
        var first: HTTPRequestParseError?
        XCTAssertThrowsError(try parser.next(&buffer)) { first = $0 as? HTTPRequestParseError }
        XCTAssertNotNil(first)
        buffer.writeString("GET / HTTP/1.1\r\n\r\n")
        XCTAssertThrowsError(try parser.next(&buffer)) { XCTAssertEqual($0 as? HTTPRequestParseError, first) }
        var empty = ByteBuffer()
        XCTAssertThrowsError(try parser.next(&empty)) { XCTAssertEqual($0 as? HTTPRequestParseError, first) }
        XCTAssertFalse(parser.isReadingHead)
    }

    func testErrorInChunkedBodyIsSticky() throws {
        var parser = HTTP1RequestParser()
        var buffer = ByteBuffer(string: chunked("zz\r\n"))
        guard case .head = try parser.next(&buffer) else { return XCTFail("expected the head") }
        XCTAssertThrowsError(try parser.next(&buffer)) {
            XCTAssertEqual($0 as? HTTPRequestParseError, .malformedChunk("chunk size is not hexadecimal"))
        }
        buffer.writeString("0\r\n\r\n")
        XCTAssertThrowsError(try parser.next(&buffer)) {
            XCTAssertEqual($0 as? HTTPRequestParseError, .malformedChunk("chunk size is not hexadecimal"))
        }
    }

    func testIsReadingHeadAtBoundariesOnly() throws {
        var parser = HTTP1RequestParser()
        XCTAssertTrue(parser.isReadingHead)
        var buffer = ByteBuffer(string: "POST / HTTP/1.1\r\nContent-Le")
        XCTAssertNil(try parser.next(&buffer))
        XCTAssertTrue(parser.isReadingHead, "inside an incomplete head")
        buffer.writeString("ngth: 4\r\n\r\nab")
        guard case .head = try parser.next(&buffer) else { return XCTFail("expected the head") }
        XCTAssertFalse(parser.isReadingHead)
        guard case .body(let first) = try parser.next(&buffer) else { return XCTFail("expected a body part") }
        XCTAssertEqual(first.readableBytes, 2)
        XCTAssertNil(try parser.next(&buffer))
        XCTAssertFalse(parser.isReadingHead, "inside the body")
        buffer.writeString("cdGET /x HTTP/1.1\r\n\r\n")
        guard case .body(let second) = try parser.next(&buffer) else { return XCTFail("expected a body part") }
        XCTAssertEqual(String(buffer: second), "cd")
        XCTAssertFalse(parser.isReadingHead, "body read, end not yet reported")
        guard case .end(nil) = try parser.next(&buffer) else { return XCTFail("expected the end") }
        XCTAssertTrue(parser.isReadingHead)
        guard case .head(let head) = try parser.next(&buffer) else { return XCTFail("expected the second head") }
        XCTAssertEqual(head.uri, "/x")
        XCTAssertFalse(parser.isReadingHead, "a body-less request still reports its end")
        guard case .end(nil) = try parser.next(&buffer) else { return XCTFail("expected the end") }
        XCTAssertTrue(parser.isReadingHead)
        XCTAssertNil(try parser.next(&buffer))
        XCTAssertEqual(buffer.readableBytes, 0)
    }

    func testIsReadingHeadIsFalseInsideAChunkedBody() throws {
        var parser = HTTP1RequestParser()
        var buffer = ByteBuffer(string: chunked("3\r\nab"))
        guard case .head = try parser.next(&buffer) else { return XCTFail("expected the head") }
        guard case .body = try parser.next(&buffer) else { return XCTFail("expected a body part") }
        XCTAssertNil(try parser.next(&buffer))
        XCTAssertFalse(parser.isReadingHead)
        buffer.writeString("c\r\n0\r\nT: x\r\n")
        guard case .body = try parser.next(&buffer) else { return XCTFail("expected a body part") }
        XCTAssertNil(try parser.next(&buffer))
        XCTAssertFalse(parser.isReadingHead, "inside the trailers")
        buffer.writeString("\r\n")
        guard case .end(nil) = try parser.next(&buffer) else { return XCTFail("expected the end") }
        XCTAssertTrue(parser.isReadingHead)
    }
}
