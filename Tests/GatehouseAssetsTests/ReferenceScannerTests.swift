import XCTest
@testable import GatehouseAssets

final class ReferenceScannerTests: XCTestCase {
    private func urls(_ css: String) -> [String] { ReferenceScanner.css(Array(css.utf8)).map(\.url) }

    func testURLForms() {
        let css = """
        a { background: url(img/a.png); }
        b { background: url( "img/b.png" ) }
        c { background: URL('img/c.png') }
        d { src: url(../fonts/d.woff2?v=3#iefix) format("woff2"); }
        """
        XCTAssertEqual(urls(css), ["img/a.png", "img/b.png", "img/c.png", "../fonts/d.woff2?v=3#iefix"])
    }

    func testRangesPointAtTheURLText() {
        let css = "x{background:url( 'a b.png' )}"
        let bytes = Array(css.utf8)
        let ref = ReferenceScanner.css(bytes)[0]
        XCTAssertEqual(String(decoding: bytes[ref.range], as: UTF8.self), "a b.png")
    }

    func testCommentsAndStringsAreNotReferences() {
        let css = """
        /* url(commented.png) */
        a::before { content: "url(in-string.png)"; }
        b { background: url(real.png) }
        c { background: myurl(not-a-url.png) }
        """
        XCTAssertEqual(urls(css), ["real.png"])
    }

    func testImportForms() {
        let css = """
        @import "base.css";
        @import 'theme.css' screen;
        @IMPORT url(print.css) print;
        """
        let refs = ReferenceScanner.css(Array(css.utf8))
        XCTAssertEqual(refs.map(\.url), ["base.css", "theme.css", "print.css"])
        XCTAssertEqual(refs.map(\.kind), [.import, .import, .url])
        XCTAssertEqual(refs.map(\.line), [1, 2, 3])
    }

    func testCSSSourceMapComment() {
        let css = "a{}\n/*# sourceMappingURL=site.css.map */\n"
        let refs = ReferenceScanner.css(Array(css.utf8))
        XCTAssertEqual(refs.map(\.url), ["site.css.map"])
        XCTAssertEqual(refs.first?.kind, .sourceMap)
        XCTAssertEqual(refs.first?.line, 2)
    }

    func testJavaScriptSourceMapComments() {
        let js = """
        var s = "//# sourceMappingURL=not-this-one.map";
        function f() {}
        //# sourceMappingURL=app.js.map
          //@ sourceMappingURL=legacy.js.map
        /*# sourceMappingURL=block.js.map */
        """
        let refs = ReferenceScanner.javaScript(Array(js.utf8))
        XCTAssertEqual(refs.map(\.url), ["app.js.map", "legacy.js.map", "block.js.map"])
        XCTAssertEqual(refs.map(\.line), [3, 4, 5])
    }

    func testUnterminatedThingsDoNotTrap() {
        for css in ["url(", "url('abc", "/* open comment url(x.png)", "@import", "@import \"x", "\"open string url(a.png)"] {
            _ = ReferenceScanner.css(Array(css.utf8))
        }
        XCTAssertEqual(urls("url('abc"), [])
        XCTAssertEqual(ReferenceScanner.javaScript(Array("//# sourceMappingURL=".utf8)), [])
    }

    func testClassification() {
        XCTAssertEqual(AssetReference.classify("data:image/png;base64,AAAA"), .external)
        XCTAssertEqual(AssetReference.classify("https://cdn.example.com/x.css"), .external)
        XCTAssertEqual(AssetReference.classify("//cdn.example.com/x.css"), .external)
        XCTAssertEqual(AssetReference.classify("/static/x.css"), .external)
        XCTAssertEqual(AssetReference.classify("#filter"), .external)
        XCTAssertEqual(AssetReference.classify(""), .external)
        XCTAssertEqual(AssetReference.classify("img/a.png?x=1#f"), .relative(path: "img/a.png", pathEnd: 9))
        XCTAssertEqual(AssetReference.classify("my%20font.woff2"), .relative(path: "my font.woff2", pathEnd: 15))
        XCTAssertEqual(AssetReference.classify("bad%zz.png"), .external)
    }
}
