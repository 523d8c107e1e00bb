import NIOCore
import NIOHTTP1
import GatehouseTestSupport
import XCTest
@testable import GatehouseHTTP

/// Drives an `HTTP1RequestParser` over a byte string and records what it produced, so that tests compare plain
/// values. `ParserHarness.parse` feeds the same bytes three ways (all at once, one byte at a time, in seeded random
/// pieces) and asserts the three outcomes are equal: the parser's result must not depend on how reads split.
enum ParserHarness {
    /// One request as the parser reported it.
    struct Message: Equatable, CustomStringConvertible {
        var method: HTTPMethod
        var uri: String
        var version: HTTPVersion
        /// Header fields in order, names as sent.
        var fields: [Field]
        /// The concatenated body slices.
        var body: [UInt8] = []
        /// True once `.end` was seen.
        var complete = false

        init(head: HTTPRequestHead) {
            method = head.method
            uri = head.uri
            version = head.version
            fields = head.headers.map { Field($0.name, $0.value) }
        }

        var description: String {
            "\(method) \(uri) \(version) \(fields) body=\(String(decoding: body, as: UTF8.self).debugDescription)"
                + (complete ? "" : " (incomplete)")
        }
    }

    /// A header field as a value (`HTTPHeaders`' own `==` ignores case and order).
    struct Field: Equatable, CustomStringConvertible {
        var name: String
        var value: String
        init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
        var description: String { "\(name): \(value.debugDescription)" }
    }

    /// Everything the parser produced for one input.
    struct Outcome: Equatable {
        var messages: [Message] = []
        var error: HTTPRequestParseError? = nil
        /// Bytes left unconsumed in the buffer at the end (nil after an error: where it stops is not specified).
        var leftover: [UInt8]? = nil
        /// `isReadingHead` after the last call.
        var readingHead = true

        /// The complete messages, or nil when there was an error.
        var accepted: [Message]? { error == nil ? messages.filter(\.complete) : nil }
    }

    /// The deterministic generator for the random feeding (seeded, so failures reproduce).
    typealias SeededGenerator = SplitMix64

    /// Feeds `input` split at the given piece sizes (the last piece takes what is left).
    static func feed(_ input: [UInt8], pieces: [Int], limits: HTTP1RequestParser.Limits) -> Outcome {
        var parser = HTTP1RequestParser(limits: limits)
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        var outcome = Outcome()
        var offset = 0
        var pieceIndex = 0
        while offset < input.count {
            let size = pieceIndex < pieces.count ? max(1, pieces[pieceIndex]) : input.count - offset
            pieceIndex += 1
            let end = min(input.count, offset + size)
            buffer.writeBytes(input[offset..<end])
            offset = end
            do {
                while let part = try parser.next(&buffer) {
                    record(part, into: &outcome)
                }
            } catch let error as HTTPRequestParseError {
                outcome.error = error
                outcome.readingHead = parser.isReadingHead
                // After an error every further call fails the same way.
                XCTAssertThrowsError(try parser.next(&buffer)) { XCTAssertEqual($0 as? HTTPRequestParseError, error) }
                return outcome
            } catch {
                XCTFail("unexpected error type \(error)")
                return outcome
            }
        }
        outcome.leftover = buffer.readBytes(length: buffer.readableBytes) ?? []
        outcome.readingHead = parser.isReadingHead
        return outcome
    }

    private static func record(_ part: HTTPServerRequestPart, into outcome: inout Outcome) {
        switch part {
        case .head(let head):
            if let last = outcome.messages.last, !last.complete {
                XCTFail("head before the end of the previous message")
            }
            outcome.messages.append(Message(head: head))
        case .body(var slice):
            guard !outcome.messages.isEmpty, !outcome.messages[outcome.messages.count - 1].complete else {
                XCTFail("body part outside a message")
                return
            }
            XCTAssertGreaterThan(slice.readableBytes, 0, "empty body part")
            outcome.messages[outcome.messages.count - 1].body += slice.readBytes(length: slice.readableBytes) ?? []
        case .end(let trailers):
            XCTAssertNil(trailers, "trailers are dropped, never reported")
            guard !outcome.messages.isEmpty, !outcome.messages[outcome.messages.count - 1].complete else {
                XCTFail("end outside a message")
                return
            }
            outcome.messages[outcome.messages.count - 1].complete = true
        }
    }

    /// Parses `input` all at once, byte by byte and in random pieces (three seeds), asserts the outcomes agree and
    /// returns it.
    @discardableResult
    static func parse(_ input: [UInt8], limits: HTTP1RequestParser.Limits = .init(),
                      file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        let whole = feed(input, pieces: [input.count], limits: limits)
        let byteByByte = feed(input, pieces: Array(repeating: 1, count: input.count), limits: limits)
        XCTAssertEqual(byteByByte, whole, "fed one byte at a time", file: file, line: line)
        for seed: UInt64 in [1, 42, 0xC0FFEE] {
            var rng = SeededGenerator(state: seed)
            var pieces: [Int] = []
            var total = 0
            while total < input.count {
                let size = Int.random(in: 1...24, using: &rng)
                pieces.append(size)
                total += size
            }
            let random = feed(input, pieces: pieces, limits: limits)
            XCTAssertEqual(random, whole, "fed in random pieces (seed \(seed))", file: file, line: line)
        }
        return whole
    }

    /// `parse` for a string's UTF-8 bytes.
    @discardableResult
    static func parse(_ input: String, limits: HTTP1RequestParser.Limits = .init(),
                      file: StaticString = #filePath, line: UInt = #line) -> Outcome {
        parse(Array(input.utf8), limits: limits, file: file, line: line)
    }
}
