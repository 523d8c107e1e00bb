import XCTest
@testable import GatehouseAssets

final class PathUtilitiesTests: XCTestCase {
    func testResolve() {
        XCTAssertEqual(PathUtilities.resolve("../fonts/a.woff2", relativeTo: "css/site.css"), "fonts/a.woff2")
        XCTAssertEqual(PathUtilities.resolve("./b.css", relativeTo: "css/site.css"), "css/b.css")
        XCTAssertEqual(PathUtilities.resolve("x/../y.png", relativeTo: "top.css"), "y.png")
        XCTAssertNil(PathUtilities.resolve("../../etc/passwd", relativeTo: "css/site.css"))
        XCTAssertNil(PathUtilities.resolve("..", relativeTo: "a.css"))
    }

    func testFingerprintedNames() {
        XCTAssertEqual(PathUtilities.fingerprinted("css/site.css", hash: "0123456789ab"), "css/site.0123456789ab.css")
        XCTAssertEqual(PathUtilities.fingerprinted("js/vendor.min.js", hash: "h"), "js/vendor.min.h.js")
        XCTAssertEqual(PathUtilities.fingerprinted("app.js.map", hash: "h"), "app.js.h.map")
        XCTAssertEqual(PathUtilities.fingerprinted("LICENSE", hash: "h"), "LICENSE.h")
        XCTAssertEqual(PathUtilities.fingerprinted(".well-known", hash: "h"), ".well-known.h")
    }

    func testExtensionAndComponents() {
        XCTAssertEqual(PathUtilities.fileExtension("a/b.min.JS"), "JS")
        XCTAssertEqual(PathUtilities.fileExtension(".env"), "")
        XCTAssertEqual(PathUtilities.fileExtension("dir.d/file"), "")
        XCTAssertEqual(PathUtilities.directory("a/b/c.txt"), "a/b")
        XCTAssertEqual(PathUtilities.directory("c.txt"), "")
    }

    func testContainment() {
        XCTAssertTrue(PathUtilities.isSameOrInside("/a/b", "/a"))
        XCTAssertTrue(PathUtilities.isSameOrInside("/a", "/a"))
        XCTAssertFalse(PathUtilities.isSameOrInside("/ab", "/a"))
    }
}
