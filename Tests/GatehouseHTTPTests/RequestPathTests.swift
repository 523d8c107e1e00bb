import XCTest
@testable import GatehouseHTTP

final class RequestPathTests: XCTestCase {
    private func norm(_ s: String) throws -> RequestPath { try RequestPath(normalizing: s) }

    private func assertRejected(_ s: String, _ code: RequestPathError.Code, file: StaticString = #filePath,
                                line: UInt = #line) {
        XCTAssertThrowsError(try norm(s), s, file: file, line: line) { error in
            XCTAssertEqual((error as? RequestPathError)?.code, code, s, file: file, line: line)
        }
    }

    func testCleanPathsPassUnchanged() throws {
        XCTAssertEqual(try norm("/").path, "/")
        XCTAssertTrue(try norm("/").hasTrailingSlash)
        XCTAssertEqual(try norm("/css/site.css").path, "/css/site.css")
        XCTAssertFalse(try norm("/css/site.css").hasTrailingSlash)
        XCTAssertEqual(try norm("/docs/").path, "/docs/")
        XCTAssertTrue(try norm("/docs/").hasTrailingSlash)
        XCTAssertFalse(try norm("/a.b/c..d/e.").containsDotfile)
    }

    func testDecodingOnce() throws {
        XCTAssertEqual(try norm("/a%20b").path, "/a b")
        XCTAssertEqual(try norm("/%25252e").path, "/%252e", "decoded exactly once")
        XCTAssertEqual(try norm("/caf%C3%A9").path, "/café")
        XCTAssertEqual(try norm("/%7Euser").path, "/~user")
    }

    func testDotSegmentsResolve() throws {
        XCTAssertEqual(try norm("/a/./b").path, "/a/b")
        XCTAssertEqual(try norm("/a/../b").path, "/b")
        XCTAssertEqual(try norm("/a/b/..").path, "/a/")
        XCTAssertEqual(try norm("/a/.").path, "/a/")
        XCTAssertEqual(try norm("/a/%2e%2e/b").path, "/b")
        XCTAssertEqual(try norm("/a/%2E/b").path, "/a/b")
        XCTAssertEqual(try norm("//a///b//").path, "/a/b/")
        XCTAssertEqual(try norm("/a/..").path, "/")
        XCTAssertEqual(try norm("/static/../etc/passwd").path, "/etc/passwd", "stays inside the root")
    }

    func testEscapeAboveRoot() {
        assertRejected("/..", .escapesRoot)
        assertRejected("/../etc/passwd", .escapesRoot)
        assertRejected("/%2e%2e/etc/passwd", .escapesRoot)
        assertRejected("/a/../../b", .escapesRoot)
        assertRejected("/.%2E/x", .escapesRoot)
    }

    func testRejections() {
        assertRejected("/a%00b", .nul)
        assertRejected("/..%2fetc/passwd", .encodedSlash)
        assertRejected("/a%2Fb", .encodedSlash)
        assertRejected("/a\\b", .backslash)
        assertRejected("/..\\..\\windows", .backslash)
        assertRejected("/a%5cb", .backslash)
        assertRejected("/a%", .badPercentEncoding)
        assertRejected("/a%4", .badPercentEncoding)
        assertRejected("/a%zz", .badPercentEncoding)
        assertRejected("/a%0a", .controlCharacter)
        assertRejected("/a%7f", .controlCharacter)
        assertRejected("/a%ff", .invalidUTF8)
        assertRejected("/a%C0%AF", .invalidUTF8)  // overlong slash
        assertRejected("/a%ED%A0%80", .invalidUTF8)  // surrogate
        assertRejected("a/b", .notOriginForm)
        assertRejected("", .notOriginForm)
        assertRejected("*", .notOriginForm)
    }

    func testDotfiles() throws {
        XCTAssertTrue(try norm("/.env").containsDotfile)
        XCTAssertTrue(try norm("/a/.git/config").containsDotfile)
        XCTAssertTrue(try norm("/a/%2egit/config").containsDotfile)
        XCTAssertTrue(try norm("/.well-known/x").containsDotfile)
        XCTAssertFalse(try norm("/a/.git/..").containsDotfile, "resolved away")
    }

    func testPercentEncodeForLocation() {
        XCTAssertEqual(RequestPath.percentEncode("/a b/café/x?y#z%"), "/a%20b/caf%C3%A9/x%3Fy%23z%25")
        XCTAssertEqual(RequestPath.percentEncode("/docs/v1.2_(x)~/"), "/docs/v1.2_(x)~/")
    }
}
