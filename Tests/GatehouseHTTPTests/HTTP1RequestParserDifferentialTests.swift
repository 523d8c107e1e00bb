import NIOCore
import NIOEmbedded
import NIOHTTP1
import XCTest
@testable import GatehouseHTTP

/// Runs a corpus of valid and hostile requests through `HTTP1RequestParser` and through NIOHTTP1's
/// `HTTPRequestDecoder` (llhttp), which it replaces. The rule: whenever NIO refuses an input, ours refuses it too
/// (we are at least as strict), and where both accept, they report the same heads and bodies. Where the two are
/// deliberately different, the case says so and why; the test fails if the difference disappears or changes
/// direction, so the list stays true.
final class HTTP1RequestParserDifferentialTests: XCTestCase {
    typealias Message = ParserHarness.Message

    /// What the corpus expects of the two parsers for one input.
    enum Expectation: Equatable {
        /// Both accept with the same messages, or both refuse.
        case agree
        /// Ours refuses what NIO accepts, on purpose.
        case oursStricter(why: String)
        /// Ours accepts what NIO refuses, on purpose (never a framing ambiguity).
        case oursMoreLenient(why: String)
    }

    struct Case {
        var name: String
        var bytes: [UInt8]
        var expectation: Expectation

        init(_ name: String, _ text: String, _ expectation: Expectation = .agree) {
            self.init(name, Array(text.utf8), expectation)
        }

        init(_ name: String, _ bytes: [UInt8], _ expectation: Expectation = .agree) {
            self.name = name
            self.bytes = bytes
            self.expectation = expectation
        }
    }

    /// NIO's verdict: the complete messages it produced and the error it raised, if any.
    struct NIOOutcome {
        var messages: [Message] = []
        var error: Error? = nil
    }

    static func decodeWithNIO(_ input: [UInt8]) -> NIOOutcome {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder()))
        var outcome = NIOOutcome()
        do {
            try channel.writeInbound(channel.allocator.buffer(bytes: input))
        } catch {
            outcome.error = error
        }
        while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
            switch part {
            case .head(let head):
                var message = Message(head: head)
                // llhttp keeps a value's trailing whitespace; RFC 9112 §5 says OWS is not part of the value, and
                // ours drops it. Normalise so that the comparison is about framing and content.
                for i in message.fields.indices {
                    while let last = message.fields[i].value.last, last == " " || last == "\t" {
                        message.fields[i].value.removeLast()
                    }
                }
                outcome.messages.append(message)
            case .body(var slice):
                if !outcome.messages.isEmpty {
                    outcome.messages[outcome.messages.count - 1].body += slice.readBytes(length: slice.readableBytes) ?? []
                }
            case .end:
                if !outcome.messages.isEmpty {
                    outcome.messages[outcome.messages.count - 1].complete = true
                }
            }
        }
        // An input that ends inside a message makes finish() complain; that is not a refusal of what was sent.
        _ = try? channel.finish()
        outcome.messages = outcome.messages.filter(\.complete)
        return outcome
    }

    private static let post = "POST /form HTTP/1.1\r\nHost: h\r\n"

    /// The corpus. Each case is a whole request (or several), so that an accepting parser ends between messages.
    static let corpus: [Case] = [
        // Valid requests.
        Case("simple GET", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"),
        Case("GET with query and fields",
             "GET /search?q=a+b&x=%20 HTTP/1.1\r\nHost: h\r\nAccept: text/html, */*;q=0.8\r\nUser-Agent: t/1\r\n\r\n"),
        Case("HEAD", "HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n"),
        Case("HTTP/1.0", "GET / HTTP/1.0\r\n\r\n"),
        Case("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n"),
        Case("absolute-form target", "GET http://h/x?y HTTP/1.1\r\nHost: h\r\n\r\n"),
        Case("Content-Length body", post + "Content-Length: 11\r\n\r\nhello world"),
        Case("Content-Length 0", post + "Content-Length: 0\r\n\r\n"),
        Case("value whitespace trimmed", "GET / HTTP/1.1\r\nHost:   h \t\r\nX-Tab:\tv\r\nX-Empty:\r\n\r\n"),
        Case("obs-text in a value", "GET / HTTP/1.1\r\nHost: h\r\nX-Name: café\r\n\r\n"),
        Case("chunked with extensions and hex cases",
             post + "Transfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\nA\r\n0123456789\r\nb\r\n0123456789a\r\n0\r\n\r\n"),
        Case("chunked with trailers", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n"),
        Case("Transfer-Encoding with a tab", post + "Transfer-Encoding:\tchunked\r\n\r\n0\r\n\r\n"),
        Case("Transfer-Encoding in capitals", post + "transfer-encoding: CHUNKED\r\n\r\n1\r\nx\r\n0\r\n\r\n"),
        Case("pipelined requests",
             "GET /a HTTP/1.1\r\nHost: h\r\n\r\n" + post + "Content-Length: 2\r\n\r\nok"
                + post + "Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\nGET /d HTTP/1.1\r\n\r\n"),
        Case("empty line before the request line", "\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n"),

        // Smuggling vectors and malformed framing.
        Case("CL.TE", post + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG"),
        Case("TE.CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n"),
        Case("space before the colon of Transfer-Encoding",
             post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
        Case("xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        Case("chunked then an unknown coding", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: cow\r\n\r\n0\r\n\r\n"),
        Case("chunked, chunked", post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
        Case("Transfer-Encoding with a parameter", post + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n"),
        Case("identity", post + "Transfer-Encoding: identity\r\n\r\n"),
        Case("chunked, gzip", post + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
        Case("differing Content-Lengths", post + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
        Case("Content-Length +5", post + "Content-Length: +5\r\n\r\nhello"),
        Case("Content-Length -1", post + "Content-Length: -1\r\n\r\n"),
        Case("Content-Length in hex", post + "Content-Length: 0x5\r\n\r\nhello"),
        Case("Content-Length overflow", post + "Content-Length: 99999999999999999999\r\n\r\n"),
        Case("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\n10000000000000000\r\nx\r\n0\r\n\r\n"),
        Case("no CRLF after chunk data", post + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n"),
        Case("whitespace after the chunk size", post + "Transfer-Encoding: chunked\r\n\r\n5 \r\nhello\r\n0\r\n\r\n"),
        Case("chunk extensions", post + "Transfer-Encoding: chunked\r\n\r\n5;a=\"b c\"\r\nhello\r\n0;z\r\n\r\n"),
        Case("non-hex chunk size", post + "Transfer-Encoding: chunked\r\n\r\nz\r\nx\r\n0\r\n\r\n"),
        Case("obs-fold", "GET / HTTP/1.1\r\nHost: h\r\nX-Folded: a\r\n b\r\n\r\n"),
        Case("NUL in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{0}b\r\n\r\n"),
        Case("NUL in the target", "GET /a\u{0}b HTTP/1.1\r\nHost: h\r\n\r\n"),
        Case("bare CR in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\rb\r\n\r\n"),
        Case("space in a header name", "GET / HTTP/1.1\r\nHost Name: h\r\n\r\n"),
        Case("empty header name", "GET / HTTP/1.1\r\n: h\r\n\r\n"),
        Case("lower-case version", "GET / http/1.1\r\nHost: h\r\n\r\n"),
        Case("junk after the version", "GET / HTTP/1.1x\r\nHost: h\r\n\r\n"),
        Case("DEL in a header value", "GET / HTTP/1.1\r\nHost: h\r\nX: a\u{7F}\r\n\r\n"),
        Case("tab before the colon", "GET / HTTP/1.1\r\nHost\t: h\r\n\r\n"),
        Case("CR CR LF ending the request line", "GET / HTTP/1.1\r\r\nHost: h\r\n\r\n"),
        Case("invalid UTF-8 in the target", Array("GET /".utf8) + [0xFF] + Array(" HTTP/1.1\r\nHost: h\r\n\r\n".utf8)),
        Case("trailer without a colon", post + "Transfer-Encoding: chunked\r\n\r\n0\r\nX-Sum\r\n\r\n"),
        Case("space in the target", "GET /a b HTTP/1.1\r\nHost: h\r\n\r\n"),
        Case("header field too large for both", "GET / HTTP/1.1\r\nX: " + String(repeating: "v", count: 100_000) + "\r\n\r\n"),

        // Deliberate differences.
        Case("Transfer-Encoding in HTTP/1.0",
             "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
             .oursStricter(why: "RFC 9112 §6.1: an HTTP/1.0 peer cannot use chunked; such a message is a smuggling probe")),
        Case("gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
             .oursStricter(why: "we cannot decode gzip for uWSGI, which needs a length: 501 (RFC 9110 §6.1)")),
        Case("very long request line",
             "GET /" + String(repeating: "a", count: 20_000) + " HTTP/1.1\r\nHost: h\r\n\r\n",
             .oursStricter(why: "our request-line limit (8 KiB, 414); NIO has none")),
        Case("empty Transfer-Encoding", post + "Transfer-Encoding: \r\n\r\n",
             .oursStricter(why: "a Transfer-Encoding that does not end in chunked leaves the length unknown")),
        Case("very long header section",
             "GET / HTTP/1.1\r\n" + String(repeating: "X-Pad: " + String(repeating: "p", count: 100) + "\r\n", count: 200) + "\r\n",
             .oursStricter(why: "our header-section limit (16 KiB, 431); NIO allows 80 KiB")),

        Case("repeated identical Content-Length", post + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
             .oursMoreLenient(why: "RFC 9110 §8.6 lets a recipient accept repeats of one value; no ambiguity")),
        Case("Content-Length as a list of one value", post + "Content-Length: 3, 3\r\n\r\nabc",
             .oursMoreLenient(why: "RFC 9110 §8.6, as above")),
        Case("unknown method", "FROBNICATE / HTTP/1.1\r\nHost: h\r\n\r\n",
             .oursMoreLenient(why: "any token is a method (RFC 9110 §9.1); llhttp knows a fixed list")),
        Case("lower-case method", "get / HTTP/1.1\r\nHost: h\r\n\r\n",
             .oursMoreLenient(why: "a token; reaches the responder as .RAW(\"get\"), which answers 405/501")),
        Case("bare LF line ends", "GET / HTTP/1.1\nHost: h\n\n",
             .oursMoreLenient(why: "RFC 9112 §2.2 allows a recipient to accept LF alone; framing is unaffected")),
        Case("bare LF in chunked framing", post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\n0\nX: y\n\n",
             .oursMoreLenient(why: "as above, for chunk-size lines, chunk ends and trailers")),
        Case("BWS before a chunk extension", post + "Transfer-Encoding: chunked\r\n\r\n5 ;a=b\r\nhello\r\n0\r\n\r\n",
             .oursMoreLenient(why: "RFC 9112 §7.1.1 allows BWS before \";\"; llhttp does not")),
        Case("chunk extension that is not a token", post + "Transfer-Encoding: chunked\r\n\r\n5;a=b@c\r\nhello\r\n0\r\n\r\n",
             .oursMoreLenient(why: "extensions are skipped unvalidated (as nginx does): the line ends at its LF either way")),
        Case("empty element in Transfer-Encoding", post + "Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n",
             .oursMoreLenient(why: "RFC 9110 §5.6.1: a recipient MUST ignore empty list elements")),
        Case("raw UTF-8 in the target", "GET /café HTTP/1.1\r\nHost: h\r\n\r\n",
             .oursMoreLenient(why: "sent by real clients; valid UTF-8 is checked, path rules apply later (RequestPath)")),
        Case("HTTP/2.0 in an HTTP/1 request line", "GET / HTTP/2.0\r\nHost: h\r\n\r\n",
             .oursMoreLenient(why: "the parser checks the HTTP/d.d syntax; HTTPConnectionHandler answers 505 for major != 1")),
        Case("HTTP/1.2", "GET / HTTP/1.2\r\nHost: h\r\n\r\n",
             .oursMoreLenient(why: "RFC 9110 §2.5: a higher minor version is processed as the highest one we implement")),
        Case("request after Connection: close", "GET /a HTTP/1.1\r\nConnection: close\r\n\r\nGET /b HTTP/1.1\r\n\r\n",
             .oursMoreLenient(why: "the parser frames; HTTPConnectionHandler closes after the close request's response")),
    ]

    func testCorpusAgainstNIO() {
        XCTAssertGreaterThanOrEqual(Self.corpus.count, 40)
        for item in Self.corpus {
            let ours = ParserHarness.parse(item.bytes)
            let nio = Self.decodeWithNIO(item.bytes)
            let oursRefused = ours.error != nil
            let nioRefused = nio.error != nil
            let verdict = "ours: \(ours.error.map { "refused (\($0))" } ?? "accepted"), "
                + "NIO: \(nio.error.map { "refused (\($0))" } ?? "accepted")"

            switch item.expectation {
            case .agree:
                XCTAssertEqual(oursRefused, nioRefused, "\(item.name): \(verdict)")
            case .oursStricter(let why):
                XCTAssertTrue(oursRefused && !nioRefused, "\(item.name) (stricter: \(why)): \(verdict)")
            case .oursMoreLenient(let why):
                XCTAssertTrue(!oursRefused && nioRefused, "\(item.name) (more lenient: \(why)): \(verdict)")
            }
            // The rule that matters: only a listed, explained case may accept what NIO refuses.
            var excused = false
            if case .oursMoreLenient = item.expectation { excused = true }
            if nioRefused && !excused {
                XCTAssertTrue(oursRefused, "\(item.name): NIO refuses, ours must too; \(verdict)")
            }
            if !oursRefused && !nioRefused {
                XCTAssertEqual(ours.accepted, nio.messages, "\(item.name): different messages")
                XCTAssertFalse(nio.messages.isEmpty, "\(item.name): nothing decoded")
            }
        }
    }

    func testAcceptedCasesAreWholeMessages() {
        // Sanity of the corpus itself: whatever ours accepts ends between messages, so a difference in messages
        // cannot come from where the input was cut.
        for item in Self.corpus {
            let ours = ParserHarness.parse(item.bytes)
            guard ours.error == nil else { continue }
            XCTAssertEqual(ours.leftover, [], item.name)
            XCTAssertTrue(ours.messages.allSatisfy(\.complete), item.name)
        }
    }
}
