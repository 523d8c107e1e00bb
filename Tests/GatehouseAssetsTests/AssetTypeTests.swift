import XCTest
import GatehouseCompress
@testable import GatehouseAssets

final class AssetTypeTests: XCTestCase {
    func testTextTypesCarryCharset() {
        XCTAssertEqual(AssetType.of(path: "css/site.css").contentType, "text/css; charset=utf-8")
        XCTAssertEqual(AssetType.of(path: "js/app.MJS").contentType, "text/javascript; charset=utf-8")
        XCTAssertEqual(AssetType.of(path: "img/logo.svg").contentType, "image/svg+xml; charset=utf-8")
        XCTAssertEqual(AssetType.of(path: "app.js.map").contentType, "application/json; charset=utf-8")
        XCTAssertEqual(AssetType.of(path: "index.html").contentType, "text/html; charset=utf-8")
    }

    func testBinaryTypes() {
        XCTAssertEqual(AssetType.of(path: "a.png").contentType, "image/png")
        XCTAssertEqual(AssetType.of(path: "f.woff2").contentType, "font/woff2")
        XCTAssertEqual(AssetType.of(path: "unknown.bin").contentType, "application/octet-stream")
        XCTAssertEqual(AssetType.of(path: "noext").contentType, "application/octet-stream")
    }

    func testAlreadyCompressedTypesAreSkipped() {
        for name in ["a.jpg", "a.JPEG", "a.png", "a.gif", "a.webp", "a.avif", "f.woff", "f.woff2", "a.zip", "a.gz", "a.br", "v.mp4"] {
            XCTAssertFalse(AssetType.of(path: name).isCompressible, name)
        }
        for name in ["a.css", "a.js", "a.svg", "a.json", "f.ttf", "f.otf", "favicon.ico", "x.wasm", "unknown.dat"] {
            XCTAssertTrue(AssetType.of(path: name).isCompressible, name)
        }
    }

    func testReferenceSyntaxAndBrotliMode() {
        XCTAssertEqual(AssetType.of(path: "a.css").references, .css)
        XCTAssertEqual(AssetType.of(path: "a.js").references, .javaScript)
        XCTAssertEqual(AssetType.of(path: "a.html").references, .none)
        XCTAssertEqual(AssetType.of(path: "a.css").brotliMode, .text)
        XCTAssertEqual(AssetType.of(path: "a.ttf").brotliMode, .font)
    }
}
